package lab.abacus.grid;

import lab.abacus.task.Vocabulary;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/** Exact match including EOS (abacus-reference §6.1): 123 + 4567 = 4690, answer written reversed as 0964. */
class ExactMatchTest {

    private static final Vocabulary V = Vocabulary.PAD_TOKENIZER;
    private static final int[] EXPECTED = V.encodeExample("", "0964"); // 4 13 10 8 EOS

    private static int[] ids(String text, int... tail) {
        int[] head = V.encode(text);
        int[] out = java.util.Arrays.copyOf(head, head.length + tail.length);
        System.arraycopy(tail, 0, out, head.length, tail.length);
        return out;
    }

    @Test
    void rightDigitsThenEosIsCorrect() {
        assertThat(EXPECTED).containsExactly(4, 13, 10, 8, Vocabulary.EOS);
        assertThat(ExactMatch.correct(ids("0964", Vocabulary.EOS), EXPECTED)).isTrue();
    }

    @Test
    void rightDigitsWithoutEosIsWrong() {
        assertThat(ExactMatch.correct(ids("0964"), EXPECTED)).isFalse();
        assertThat(ExactMatch.correct(ids("09640"), EXPECTED)).isFalse(); // an extra digit instead of EOS
        assertThat(ExactMatch.correct(ids("0964", Vocabulary.PAD), EXPECTED)).isFalse();
    }

    @Test
    void anythingAfterEosIsIgnored() {
        assertThat(ExactMatch.correct(ids("0964", Vocabulary.EOS, 7, 7, Vocabulary.EOS, 9), EXPECTED)).isTrue();
    }

    @Test
    void earlyEosOrWrongDigitIsWrong() {
        assertThat(ExactMatch.correct(ids("096", Vocabulary.EOS, 8), EXPECTED)).isFalse();
        assertThat(ExactMatch.correct(ids("0965", Vocabulary.EOS), EXPECTED)).isFalse();
        assertThat(ExactMatch.correct(new int[0], EXPECTED)).isFalse();
    }

    @Test
    void sortingFirstElement() {
        Vocabulary s = Vocabulary.SORT_TOKENIZER;
        int sep = s.id(',');
        int[] expected = s.encodeExample("", "Q,S,R");
        assertThat(ExactMatch.firstElementCorrect(s.encodeExample("", "Q,R,S"), expected, sep)).isTrue();
        assertThat(ExactMatch.correct(s.encodeExample("", "Q,R,S"), expected)).isFalse();
        assertThat(ExactMatch.firstElementCorrect(s.encodeExample("", "S,Q,R"), expected, sep)).isFalse();
        assertThat(ExactMatch.firstElementCorrect(s.encode("QQ,S"), expected, sep)).isFalse();
        assertThat(ExactMatch.firstElementCorrect(s.encode("Q"), expected, sep)).isFalse(); // never terminated
        int[] single = s.encodeExample("", "Q");
        assertThat(ExactMatch.firstElementCorrect(s.encodeExample("", "Q"), single, sep)).isTrue();
    }
}
