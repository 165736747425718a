package lab.abacus.grid;

import lab.abacus.task.Vocabulary;

/**
 * Exact-match scoring of one greedy continuation (abacus-reference §6.1, pitfall 13).
 *
 * <p>The expected sequence is the answer's token ids followed by EOS. A prediction is correct when its tokens up to
 * and including its first EOS equal the expected sequence: every answer token right <em>and</em> EOS right after
 * them. Whatever follows the first EOS is ignored (the reference replaces it by PAD); a prediction without EOS
 * (or with EOS one token early or late) is wrong. This platform checks EOS for sorting too (the reference's sort
 * eval does not; see docs/tables.md), and also reports sorting's first-element accuracy.
 */
public final class ExactMatch {

    private ExactMatch() {
    }

    /** True when {@code predicted}, cut after its first EOS, equals {@code expectedWithEos}. */
    public static boolean correct(int[] predicted, int[] expectedWithEos) {
        if (expectedWithEos.length == 0 || expectedWithEos[expectedWithEos.length - 1] != Vocabulary.EOS) {
            throw new IllegalArgumentException("expected sequence must end with EOS");
        }
        if (predicted.length < expectedWithEos.length) {
            return false;
        }
        for (int i = 0; i < expectedWithEos.length; i++) {
            if (predicted[i] != expectedWithEos[i]) {
                return false;
            }
        }
        return true;
    }

    /**
     * Sorting's "top-1" metric: the first element of the prediction (its tokens before the first {@code separator}
     * or EOS) equals the first element of the expected answer.
     */
    public static boolean firstElementCorrect(int[] predicted, int[] expectedWithEos, int separator) {
        int e = firstElementEnd(expectedWithEos, separator);
        int p = firstElementEnd(predicted, separator);
        if (p != e || p < 0) {
            return false;
        }
        for (int i = 0; i < e; i++) {
            if (predicted[i] != expectedWithEos[i]) {
                return false;
            }
        }
        return true;
    }

    /** Index of the first separator or EOS, or -1 when neither occurs (an unterminated first element). */
    private static int firstElementEnd(int[] ids, int separator) {
        for (int i = 0; i < ids.length; i++) {
            if (ids[i] == separator || ids[i] == Vocabulary.EOS) {
                return i;
            }
        }
        return -1;
    }
}
