package lab.abacus.task;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.HashSet;
import java.util.Set;
import java.util.SplittableRandom;
import lab.abacus.hash.Hashing;
import org.junit.jupiter.api.Test;

/**
 * The rules a task owns beyond its answers (GeneratorsTest checks those): problem-space sizes, which operand is
 * one-hot in bitwise OR, the order of equal-length subtraction, label offsets, vocabularies, and what identifies a
 * row.
 */
class TaskRulesTest {

    private final SplittableRandom rng = new SplittableRandom(11);

    @Test
    void problemSpaceSizesCountDistinctPrompts() {
        // 2-digit x 3-digit: 90 x 900 operand pairs
        assertThat(TaskKind.ADDITION.newGenerator(LabelSet.REFERENCE).spaceSize(2, 3))
                .isEqualTo(81_000.0);
        assertThat(TaskKind.MULTIPLICATION.newGenerator(LabelSet.REFERENCE).spaceSize(1, 1))
                .isEqualTo(81.0);
        // equal-length subtraction orders each pair: 9 x (9 + 1) / 2 prompts of one digit each
        assertThat(TaskKind.SUBTRACTION.newGenerator(LabelSet.REFERENCE).spaceSize(1, 1))
                .isEqualTo(45.0);
        assertThat(TaskKind.SUBTRACTION.newGenerator(LabelSet.REFERENCE).spaceSize(2, 1))
                .isEqualTo(810.0);
        // OR enumerates the one-hot position over the shorter operand
        assertThat(TaskKind.BITWISE_OR.newGenerator(null).spaceSize(3, 7)).isEqualTo(3.0);
        // sorting (D=1, L=2): 102 label runs x 9^2 arrays of 1-digit numbers
        assertThat(TaskKind.SORTING.newGenerator(LabelSet.REFERENCE).spaceSize(1, 2))
                .isEqualTo(102 * 81.0);
    }

    @Test
    void theLongestDigitRunOfEveryTaskBoundsEveryGeneratedProblemAndIsReached() {
        for (TaskKind kind : TaskKind.values()) {
            ProblemGenerator gen = kind.newGenerator(LabelSet.REFERENCE);
            Problem p = new Problem();
            boolean reached = false;
            for (int a = 1; a <= 6; a++) {
                for (int b = 1; b <= 6; b++) {
                    if (!kind.supports(a, b)) {
                        continue;
                    }
                    int longest = 0;
                    for (int draw = 0; draw < 200; draw++) {
                        gen.generate(a, b, rng, p);
                        longest = Math.max(longest, longestRun(p.prompt() + p.answer()));
                    }
                    assertThat(longest).as("%s (%d, %d)", kind, a, b).isLessThanOrEqualTo(kind.longestDigitRun(a, b));
                    reached |= longest == kind.longestDigitRun(a, b);
                }
            }
            assertThat(reached).as("%s reaches its bound in some cell", kind).isTrue();
        }
    }

    private static int longestRun(String text) {
        int longest = 0;
        int run = 0;
        for (int i = 0; i < text.length(); i++) {
            run = Character.isDigit(text.charAt(i)) ? run + 1 : 0;
            longest = Math.max(longest, run);
        }
        return longest;
    }

    @Test
    void randomNumbersHaveExactlyTheirDigitsUniformAndNoLeadingZero() {
        int[][] counts = new int[40][10];
        for (int n = 1; n <= 40; n++) {
            for (int draw = 0; draw < 400; draw++) {
                int[] digits = new int[n]; // exactly n slots: nothing may be written beyond them
                Digits.randomExact(rng, digits, n);
                assertThat(digits[n - 1]).as("top digit of %d", n).isBetween(1, 9);
                for (int i = 0; i < n; i++) {
                    counts[i][digits[i]]++;
                }
            }
        }
        for (int i = 0; i < 39; i++) {
            for (int d = 0; d <= 9; d++) {
                // position i is a non-top digit in (39 - i) * 400 draws: every digit about a tenth of them
                int draws = (39 - i) * 400;
                assertThat(counts[i][d]).as("digit %d at %d", d, i).isGreaterThan(draws / 20);
            }
        }
    }

    @Test
    void schoolbookArithmeticOnReversedDigits() {
        int[] out = new int[8];
        // 99 + 1 = 100 and 1 + 99 = 100: either operand may be the longer one
        assertThat(Digits.add(new int[] {9, 9}, 2, new int[] {1}, 1, out)).isEqualTo(3);
        assertThat(java.util.Arrays.copyOf(out, 3)).containsExactly(0, 0, 1);
        assertThat(Digits.add(new int[] {1}, 1, new int[] {9, 9}, 2, out)).isEqualTo(3);
        // 105 x 20 = 2100 (a zero digit in the first operand is skipped, not lost)
        assertThat(Digits.multiply(new int[] {5, 0, 1}, 3, new int[] {0, 2}, 2, out))
                .isEqualTo(4);
        assertThat(java.util.Arrays.copyOf(out, 4)).containsExactly(0, 0, 1, 2);
        // 99 x 99 = 9801: carries ripple into the top slot
        assertThat(Digits.multiply(new int[] {9, 9}, 2, new int[] {9, 9}, 2, out))
                .isEqualTo(4);
        assertThat(java.util.Arrays.copyOf(out, 4)).containsExactly(1, 0, 8, 9);
        assertThat(Digits.subtract(new int[] {0, 0, 1}, 3, new int[] {1}, 1, out))
                .isEqualTo(2);
        assertThat(java.util.Arrays.copyOf(out, 2)).containsExactly(9, 9);
        assertThatThrownBy(() -> Digits.subtract(new int[] {1}, 1, new int[] {2}, 1, out))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void equalLengthSubtractionPutsTheLargerOperandFirst() {
        ProblemGenerator gen = TaskKind.SUBTRACTION.newGenerator(LabelSet.REFERENCE);
        Problem p = new Problem();
        for (int i = 0; i < 300; i++) {
            gen.generate(2, 2, rng, p);
            String[] ab = p.prompt().substring(0, p.promptLength() - 1).split("-", -1);
            int a = Integer.parseInt(new StringBuilder(ab[0]).reverse().toString());
            int b = Integer.parseInt(new StringBuilder(ab[1]).reverse().toString());
            assertThat(a).isGreaterThanOrEqualTo(b);
            assertThat(p.answer()).hasSizeLessThanOrEqualTo(2);
        }
    }

    @Test
    void bitwiseOrMakesTheShorterOperandOneHotAndFlipsACoinForEqualLengths() {
        ProblemGenerator gen = TaskKind.BITWISE_OR.newGenerator(null);
        Problem p = new Problem();
        gen.generate(5, 3, rng, p);
        assertThat(p.prompt()).matches("00000\\+[01]{3}=").contains("1");
        assertThat(p.answer()).hasSize(5);
        gen.generate(3, 5, rng, p);
        assertThat(p.prompt()).matches("[01]{3}\\+00000=");
        Set<Boolean> oneHotFirst = new HashSet<>();
        Set<Integer> positions = new HashSet<>();
        for (int i = 0; i < 200; i++) {
            gen.generate(4, 4, rng, p);
            String[] ab = p.prompt().substring(0, 9).split("\\+", -1);
            oneHotFirst.add(ab[0].contains("1"));
            assertThat(ab[0].contains("1")).isNotEqualTo(ab[1].contains("1"));
            positions.add(p.answer().indexOf('1'));
            assertThat(p.answer()).isEqualTo(ab[0].contains("1") ? ab[0] : ab[1]);
        }
        assertThat(oneHotFirst).containsExactlyInAnyOrder(true, false);
        assertThat(positions).containsExactlyInAnyOrder(0, 1, 2, 3);
    }

    @Test
    void sortingLabelRunsStartAnywhere() {
        for (LabelSet labels : LabelSet.values()) {
            ProblemGenerator gen = TaskKind.SORTING.newGenerator(labels);
            Problem p = new Problem();
            Set<Character> firstLabels = new HashSet<>();
            for (int i = 0; i < 400; i++) {
                gen.generate(2, 3, rng, p);
                firstLabels.add(p.prompt().charAt(0));
            }
            assertThat(firstLabels).as(labels.name()).hasSizeGreaterThan(labels.size() / 2);
        }
    }

    @Test
    void tasksKnowTheirVocabularyAndNamesAndRejectUnknownNames() {
        assertThat(TaskKind.ADDITION.vocabulary()).isSameAs(Vocabulary.PAD_TOKENIZER);
        assertThat(TaskKind.BITWISE_OR.vocabulary()).isSameAs(Vocabulary.PAD_TOKENIZER);
        assertThat(TaskKind.SORTING.vocabulary()).isSameAs(Vocabulary.SORT_TOKENIZER);
        assertThat(TaskKind.fromConfigName("bitwise-or")).isEqualTo(TaskKind.BITWISE_OR);
        assertThatThrownBy(() -> TaskKind.fromConfigName("division"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("'division'")
                .hasMessageContaining("addition, subtraction, multiplication," + " sorting, bitwise-or");
        assertThat(TaskKind.MULTIPLICATION.sampledWithReplacement()).isTrue();
        assertThat(TaskKind.BITWISE_OR.sampledWithReplacement()).isFalse();
    }

    @Test
    void aSortingProblemCanBeDrawnInEveryCellWideEnoughForItsLongestNumber() {
        ProblemGenerator gen = TaskKind.SORTING.newGenerator(LabelSet.REFERENCE);
        Problem p = new Problem();
        do {
            gen.generate(3, 2, rng, p);
        } while (p.actualLenA() != 2);
        assertThat(TaskKind.SORTING.producibleIn(p, 2, 2)).isTrue();
        assertThat(TaskKind.SORTING.producibleIn(p, 3, 2)).isTrue();
        assertThat(TaskKind.SORTING.producibleIn(p, 1, 2)).isFalse();
        assertThat(TaskKind.SORTING.producibleIn(p, 3, 3)).isFalse();
        Problem add = new Problem();
        TaskKind.ADDITION.newGenerator(LabelSet.REFERENCE).generate(2, 3, rng, add);
        assertThat(TaskKind.ADDITION.producibleIn(add, 2, 3)).isTrue();
        assertThat(TaskKind.ADDITION.producibleIn(add, 3, 3)).isFalse();
        assertThat(TaskKind.ADDITION.producibleIn(add, 2, 2)).isFalse();
    }

    @Test
    void vocabulariesNameThemselvesAndDecodeOnlyCharacters() {
        assertThat(Vocabulary.PAD_TOKENIZER.name()).isEqualTo("pad");
        assertThat(Vocabulary.SORT_TOKENIZER.name()).isEqualTo("sort");
        Vocabulary v = Vocabulary.PAD_TOKENIZER;
        int last = v.size() - 1;
        // PAD, BOS and EOS vanish, UNK shows as the replacement character, the last id is a character
        String text = v.decode(new int[] {Vocabulary.PAD, Vocabulary.BOS, 4, Vocabulary.UNK, last, Vocabulary.EOS});
        assertThat(text).isEqualTo("0\uFFFD ");
        assertThat(v.decode(new int[] {v.size()})).isEmpty();
        assertThatThrownBy(() -> Vocabulary.byName("words")).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void aRowIsIdentifiedByItsCellPromptAndAnswer() {
        Problem p = worked(3, 4);
        // golden value: an independent implementation of the documented formula (see HashingTest)
        assertThat(p.rowHash()).isEqualTo(-4483798192046220789L);
        assertThat(p.promptHash()).isEqualTo(-3365142676143186655L);
        assertThat(worked(4, 4).rowHash()).isNotEqualTo(p.rowHash());
        assertThat(worked(3, 5).rowHash()).isNotEqualTo(p.rowHash());
        Problem otherAnswer = worked(3, 4);
        otherAnswer.answer[0] = '1';
        assertThat(otherAnswer.rowHash()).isNotEqualTo(p.rowHash());
        assertThat(otherAnswer.promptHash()).isEqualTo(p.promptHash());
        assertThat(p.toString()).isEqualTo("(3,4) 321+7654=0964");
        assertThat(new String(p.promptChars(), 0, p.promptLength())).isEqualTo("321+7654=");
        assertThat(new String(p.answerChars(), 0, p.answerLength())).isEqualTo("0964");
        assertThat(p.sequenceLength()).isEqualTo(9 + 4 + 1);
        Problem copy = p.copy();
        assertThat(copy.rowHash()).isEqualTo(p.rowHash());
        assertThat(copy.toString()).isEqualTo(p.toString());
        assertThat(copy.actualLenA()).isEqualTo(3);
        assertThat(Hashing.mix(p.rowHash())).isNotZero();
    }

    /** abacus-reference's worked example 123 + 4567 = 4690, reversed, as cell (a, b). */
    private static Problem worked(int a, int b) {
        Problem p = new Problem();
        p.reset(a, b, 9, 4);
        "321+7654=".getChars(0, 9, p.prompt, 0);
        p.promptLength = 9;
        "0964".getChars(0, 4, p.answer, 0);
        p.answerLength = 4;
        return p;
    }
}
