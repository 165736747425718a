package lab.abacus.task;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigInteger;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/** Every generated answer re-checked by an independent computation (BigInteger, a library stable sort, OR). */
class GeneratorsTest {

    private final SplittableRandom rng = new SplittableRandom(7);
    private final Problem p = new Problem();

    static String reverse(String s) {
        return new StringBuilder(s).reverse().toString();
    }

    /** Parse a reversed number with exactly {@code len} digits and no leading zero. */
    static BigInteger number(String reversed, int len) {
        assertThat(reversed).hasSize(len).matches("[0-9]+");
        if (len > 1) {
            assertThat(reversed.charAt(len - 1)).isNotEqualTo('0');
        }
        BigInteger v = new BigInteger(reverse(reversed));
        assertThat(v.signum()).isPositive();
        return v;
    }

    @Test
    void additionMatchesBigIntegerWithExactLengths() {
        checkArithmetic(TaskKind.ADDITION, '+', BigInteger::add);
    }

    @Test
    void subtractionIsNonNegativeAndMatchesBigInteger() {
        checkArithmetic(TaskKind.SUBTRACTION, '-', BigInteger::subtract);
        assertThat(TaskKind.SUBTRACTION.supports(2, 3)).isFalse();
        assertThat(TaskKind.SUBTRACTION.supports(3, 3)).isTrue();
    }

    @Test
    void multiplicationMatchesBigInteger() {
        checkArithmetic(TaskKind.MULTIPLICATION, 'x', BigInteger::multiply);
    }

    private void checkArithmetic(TaskKind kind, char op, java.util.function.BinaryOperator<BigInteger> f) {
        ProblemGenerator gen = kind.newGenerator(LabelSet.REFERENCE);
        int[] lens = {1, 2, 3, 9, 17, 18, 19, 20, 21, 37, 100, 160};
        for (int a : lens) {
            for (int b : lens) {
                if (!kind.supports(a, b)) {
                    continue;
                }
                for (int i = 0; i < 30; i++) {
                    gen.generate(a, b, rng, p);
                    String prompt = p.prompt();
                    assertThat(prompt).endsWith("=");
                    int opAt = prompt.indexOf(op);
                    BigInteger x = number(prompt.substring(0, opAt), a);
                    BigInteger y = number(prompt.substring(opAt + 1, prompt.length() - 1), b);
                    BigInteger expected = f.apply(x, y);
                    assertThat(expected.signum()).isNotNegative();
                    assertThat(p.answer()).isEqualTo(reverse(expected.toString()));
                    assertThat(p.lenA()).isEqualTo(a);
                    assertThat(p.lenB()).isEqualTo(b);
                    assertThat(p.sequenceLength()).isEqualTo(prompt.length() + p.answerLength() + 1);
                }
            }
        }
    }

    @Test
    void digitsGoldenCases() {
        int[] out = new int[4];
        assertThat(Digits.add(new int[] {5}, 1, new int[] {5}, 1, out)).isEqualTo(2); // 5+5 -> "01" reversed
        assertThat(out[0]).isZero();
        assertThat(out[1]).isEqualTo(1);
        assertThat(Digits.subtract(new int[] {3, 2, 1}, 3, new int[] {3, 2, 1}, 3, out))
                .isEqualTo(1); // 0
        assertThat(out[0]).isZero();
        // 123 + 4567 = 4690, the reference's worked example: reversed answer 0964
        int[] sum = new int[5];
        int n = Digits.add(new int[] {3, 2, 1}, 3, new int[] {7, 6, 5, 4}, 4, sum);
        assertThat(n).isEqualTo(4);
        assertThat(sum).startsWith(0, 9, 6, 4);
    }

    @Test
    void sortingAnswersAreTheStableOrderOfTheLabels() {
        for (LabelSet labels : LabelSet.values()) {
            ProblemGenerator gen = TaskKind.SORTING.newGenerator(labels);
            for (int d = 1; d <= 12; d++) {
                for (int l = 1; l <= 30; l += 3) {
                    for (int i = 0; i < 20; i++) {
                        gen.generate(d, l, rng, p);
                        checkSorting(p, d, l, labels);
                    }
                }
            }
        }
    }

    private static void checkSorting(Problem p, int maxDigits, int length, LabelSet labels) {
        String s = p.prompt();
        List<Character> lab = new ArrayList<>();
        List<BigInteger> nums = new ArrayList<>();
        int k = 0;
        int longest = 0;
        while (true) {
            lab.add(s.charAt(k));
            assertThat(s.charAt(k + 1)).isEqualTo(':');
            int start = k + 2;
            k = start;
            while (Character.isDigit(s.charAt(k))) {
                k++;
            }
            int digits = k - start;
            assertThat(digits).isBetween(1, maxDigits);
            longest = Math.max(longest, digits);
            nums.add(number(s.substring(start, k), digits));
            if (s.charAt(k) == '=') {
                assertThat(k).isEqualTo(s.length() - 1);
                break;
            }
            assertThat(s.charAt(k)).isEqualTo(',');
            k++;
        }
        assertThat(lab).hasSize(length);
        assertThat(p.actualLenA()).isEqualTo(longest);
        // labels are a cyclic run of the label list
        String all = labelList(labels);
        int first = all.indexOf(lab.get(0));
        for (int i = 0; i < length; i++) {
            assertThat(lab.get(i)).isEqualTo(all.charAt((first + i) % all.length()));
        }
        List<Integer> idx = new ArrayList<>();
        for (int i = 0; i < length; i++) {
            idx.add(i);
        }
        idx.sort(Comparator.comparing(nums::get)); // List.sort is stable
        StringBuilder expected = new StringBuilder();
        for (int i : idx) {
            if (expected.length() > 0) {
                expected.append(',');
            }
            expected.append(lab.get(i));
        }
        assertThat(p.answer()).isEqualTo(expected.toString());
    }

    static String labelList(LabelSet labels) {
        StringBuilder sb = new StringBuilder();
        for (int i = 0; i < labels.size(); i++) {
            sb.append(labels.charAt(i));
        }
        return sb.toString();
    }

    @Test
    void labelSetsAreTheReferenceListAndTheTokenizerLabels() {
        String ref = labelList(LabelSet.REFERENCE);
        assertThat(ref).hasSize(102).contains("D", ",", ":", ".").doesNotContain("x");
        assertThat(ref.chars().distinct().count()).isEqualTo(102);
        String free = labelList(LabelSet.COLLISION_FREE);
        assertThat(free).hasSize(99).doesNotContain("D", ",", ":", "=");
        // collision-free = reference without D , : (same order); every one is a label token of the sort tokenizer
        assertThat(ref.replace("D", "").replace(",", "").replace(":", "")).isEqualTo(free);
        free.chars()
                .forEach(c -> assertThat(Vocabulary.SORT_TOKENIZER.id((char) c)).isBetween(19, 117));
        // the collision the reference has: a ',' label is the separator token
        assertThat(Vocabulary.SORT_TOKENIZER.id(',')).isEqualTo(15);
    }

    @Test
    void referenceOffsetQuirkDoublesOffsetZero() {
        SplittableRandom r = new SplittableRandom(1);
        int[] counts = new int[102];
        for (int i = 0; i < 103_000; i++) {
            counts[LabelSet.REFERENCE.drawOffset(r)]++;
        }
        assertThat(counts[0]).isBetween(1750, 2250);
        assertThat(counts[1]).isBetween(850, 1150);
        assertThat(counts[101]).isBetween(850, 1150);
    }

    @Test
    void sortingReferenceExampleTokenIds() {
        // abacus-reference §1.4: labels Q,R,S, numbers 5, 37, 12 -> Q:5,R:73,S:21=Q,S,R
        int[] ids = Vocabulary.SORT_TOKENIZER.encodeExample("Q:5,R:73,S:21=", "Q,S,R");
        assertThat(ids).containsExactly(34, 16, 9, 15, 35, 16, 11, 7, 15, 36, 16, 6, 5, 17, 34, 15, 36, 15, 35, 3);
    }

    @Test
    void bitwiseOrIsOneHotOrZeros() {
        ProblemGenerator gen = TaskKind.BITWISE_OR.newGenerator(LabelSet.REFERENCE);
        long enumerated = 0;
        for (int a = 1; a <= 20; a++) {
            for (int b = 1; b <= 20; b++) {
                enumerated += BitwiseOrGenerator.cellSize(a, b);
                for (int i = 0; i < 10; i++) {
                    gen.generate(a, b, rng, p);
                    String s = p.prompt();
                    String x = s.substring(0, a);
                    String y = s.substring(a + 1, a + 1 + b);
                    assertThat(s).isEqualTo(x + "+" + y + "=");
                    assertThat(x + y).matches("[01]+");
                    assertThat((x + y).chars().filter(c -> c == '1').count()).isEqualTo(1);
                    if (a != b) {
                        String longer = a > b ? x : y;
                        assertThat(longer).doesNotContain("1");
                    }
                    int n = Math.max(a, b);
                    StringBuilder or = new StringBuilder();
                    for (int k = 0; k < n; k++) {
                        boolean one = (k < a && x.charAt(k) == '1') || (k < b && y.charAt(k) == '1');
                        or.append(one ? '1' : '0');
                    }
                    assertThat(p.answer()).isEqualTo(or.toString());
                }
            }
        }
        assertThat(enumerated).isEqualTo(2870); // abacus-reference §1.5
        BitwiseOrGenerator.write(3, 2, 1, false, p);
        assertThat(p.prompt() + p.answer()).isEqualTo("000+01=010");
        assertThat(Vocabulary.PAD_TOKENIZER.encodeExample(p.prompt(), p.answer()))
                .containsExactly(4, 4, 4, 14, 4, 5, 17, 4, 5, 4, 3);
    }

    @Test
    void sameSeedSameProblems() {
        ProblemGenerator g = TaskKind.ADDITION.newGenerator(LabelSet.REFERENCE);
        SplittableRandom r1 = new SplittableRandom(99);
        SplittableRandom r2 = new SplittableRandom(99);
        Problem q = new Problem();
        for (int i = 0; i < 100; i++) {
            g.generate(20, 13, r1, p);
            g.generate(20, 13, r2, q);
            assertThat(p.toString()).isEqualTo(q.toString());
            assertThat(p.rowHash()).isEqualTo(q.rowHash());
        }
    }
}
