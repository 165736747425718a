package lab.abacus.task;

/**
 * The Abacus position index (abacus-reference §3.1): each maximal run of digit tokens is numbered 1..len left
 * to right; every other token gets 0. Numbers are stored least-significant digit first, so index 1 is always the
 * units digit. The training-time offset k is added to non-zero indices by the model, not here.
 */
public final class AbacusIndex {

    private AbacusIndex() {}

    /** Abacus indices of one token row. */
    public static int[] of(int[] ids) {
        int[] out = new int[ids.length];
        int run = 0;
        for (int i = 0; i < ids.length; i++) {
            run = Vocabulary.isDigit(ids[i]) ? run + 1 : 0;
            out[i] = run;
        }
        return out;
    }
}
