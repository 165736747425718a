package lab.abacus.decode;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

class ExactMatchTest {

    private static final int EOS = 3;
    private static final int PAD = 0;
    private static final int[] ANSWER = {4, 13, 10, 8}; // "0964"

    @Test
    void answerThenEosIsCorrectAndTheRestIgnored() {
        assertThat(ExactMatch.correct(new int[] {4, 13, 10, 8, EOS}, ANSWER)).isTrue();
        assertThat(ExactMatch.correct(new int[] {4, 13, 10, 8, EOS, 7, 7, EOS}, ANSWER))
                .isTrue();
        assertThat(ExactMatch.correct(new int[] {4, 13, 10, 8, EOS, PAD}, ANSWER))
                .isTrue();
    }

    @Test
    void missingOrMisplacedEosIsWrong() {
        assertThat(ExactMatch.correct(new int[] {4, 13, 10, 8}, ANSWER))
                .as("no room for EOS")
                .isFalse();
        assertThat(ExactMatch.correct(new int[] {4, 13, 10, 8, 4}, ANSWER))
                .as("extra digit")
                .isFalse();
        assertThat(ExactMatch.correct(new int[] {4, 13, 10, EOS, 8}, ANSWER))
                .as("early EOS")
                .isFalse();
        assertThat(ExactMatch.correct(new int[] {4, 13, 10, 9, EOS}, ANSWER))
                .as("wrong digit")
                .isFalse();
        assertThat(ExactMatch.correct(new int[] {EOS}, ANSWER)).isFalse();
    }

    @Test
    void sortingChecksThePrefixOnly() {
        assertThat(ExactMatch.prefixCorrect(new int[] {4, 13, 10, 8, 9}, ANSWER))
                .isTrue();
        assertThat(ExactMatch.prefixCorrect(new int[] {4, 13, 10, 8}, ANSWER))
                .as("exactly the answer")
                .isTrue();
        assertThat(ExactMatch.prefixCorrect(new int[] {4, 13, 10}, ANSWER)).isFalse();
        // long enough, but one token wrong: not a correct sort
        assertThat(ExactMatch.prefixCorrect(new int[] {4, 13, 11, 8, EOS}, ANSWER))
                .isFalse();
        assertThat(ExactMatch.prefixCorrect(new int[] {5, 13, 10, 8}, ANSWER)).isFalse();
        assertThat(ExactMatch.prefixCorrect(new int[] {4, 13, 10, 9}, ANSWER)).isFalse();
        assertThat(ExactMatch.firstCorrect(new int[] {4, 5}, ANSWER)).isTrue();
        assertThat(ExactMatch.firstCorrect(new int[] {4}, ANSWER)).isTrue();
        assertThat(ExactMatch.firstCorrect(new int[] {5, 13, 10, 8}, ANSWER)).isFalse();
        assertThat(ExactMatch.firstCorrect(new int[0], ANSWER))
                .as("nothing generated")
                .isFalse();
        assertThat(ExactMatch.firstCorrect(new int[] {4}, new int[0]))
                .as("empty answer")
                .isFalse();
    }

    @Test
    void promptsAreBatchedByLength() {
        List<int[]> prompts = List.of(new int[3], new int[5], new int[3], new int[3], new int[5]);
        assertThat(PromptBatches.byLength(prompts, 2))
                .containsExactly(new int[] {0, 2}, new int[] {3}, new int[] {1, 4});
        assertThat(PromptBatches.byLength(prompts, 1)).hasSize(5);
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> PromptBatches.byLength(prompts, 0))
                .isInstanceOf(IllegalArgumentException.class);
    }
}
