package lab.abacus.task;

import java.util.SplittableRandom;

/**
 * Schoolbook arithmetic on reversed digit arrays (index 0 = units digit), the representation every task writes
 * (least-significant digit first). No BigInteger: the generators call these in the hot loop on reused arrays.
 */
public final class Digits {

    private static final long E18 = 1_000_000_000_000_000_000L;
    private static final long E9 = 1_000_000_000L;

    private Digits() {}

    /**
     * Fill {@code out[0..n)} with a uniform number of exactly {@code n} digits (10^(n-1) .. 10^n - 1): the top digit
     * is 1..9, the others 0..9. Draws 18 digits per random long to keep the RNG off the critical path.
     */
    public static void randomExact(SplittableRandom rng, int[] out, int n) {
        int i = 0;
        int low = n - 1;
        while (i < low) {
            long chunk = rng.nextLong(E18);
            // two 9-digit ints: int division by 10 is much cheaper than long division
            int lo = (int) (chunk % E9);
            int hi = (int) (chunk / E9);
            int take = Math.min(9, low - i);
            for (int k = 0; k < take; k++) {
                int q = lo / 10;
                out[i++] = lo - q * 10;
                lo = q;
            }
            take = Math.min(9, low - i);
            for (int k = 0; k < take; k++) {
                int q = hi / 10;
                out[i++] = hi - q * 10;
                hi = q;
            }
        }
        out[n - 1] = 1 + rng.nextInt(9);
    }

    /** out = a + b; returns the result's digit count (max(na, nb) or one more). {@code out} may not alias. */
    public static int add(int[] a, int na, int[] b, int nb, int[] out) {
        if (na < nb) {
            int[] t = a;
            a = b;
            b = t;
            int tn = na;
            na = nb;
            nb = tn;
        }
        int carry = 0;
        int i = 0;
        for (; i < nb; i++) {
            int s = a[i] + b[i] + carry;
            carry = s >= 10 ? 1 : 0;
            out[i] = s - 10 * carry;
        }
        for (; i < na; i++) {
            int s = a[i] + carry;
            carry = s >= 10 ? 1 : 0;
            out[i] = s - 10 * carry;
        }
        if (carry != 0) {
            out[i++] = 1;
        }
        return i;
    }

    /** out = a - b for a &ge; b; returns the digit count without leading zeros (at least 1, so 0 is "0"). */
    public static int subtract(int[] a, int na, int[] b, int nb, int[] out) {
        int borrow = 0;
        for (int i = 0; i < na; i++) {
            int d = a[i] - (i < nb ? b[i] : 0) - borrow;
            if (d < 0) {
                out[i] = d + 10;
                borrow = 1;
            } else {
                out[i] = d;
                borrow = 0;
            }
        }
        if (borrow != 0) {
            throw new IllegalArgumentException("subtract needs a >= b");
        }
        return significant(out, na);
    }

    /** out = a * b (out needs na + nb slots); returns the digit count without leading zeros. */
    public static int multiply(int[] a, int na, int[] b, int nb, int[] out) {
        int n = na + nb;
        java.util.Arrays.fill(out, 0, n, 0);
        for (int i = 0; i < na; i++) {
            int ai = a[i];
            if (ai == 0) {
                continue;
            }
            int carry = 0;
            for (int j = 0; j < nb; j++) {
                int t = out[i + j] + ai * b[j] + carry;
                out[i + j] = t % 10;
                carry = t / 10;
            }
            int k = i + nb;
            while (carry != 0) {
                int t = out[k] + carry;
                out[k++] = t % 10;
                carry = t / 10;
            }
        }
        return significant(out, n);
    }

    /** Compare two numbers given as reversed digits without leading zeros. */
    public static int compare(int[] a, int na, int[] b, int nb) {
        if (na != nb) {
            return Integer.compare(na, nb);
        }
        for (int i = na - 1; i >= 0; i--) {
            if (a[i] != b[i]) {
                return Integer.compare(a[i], b[i]);
            }
        }
        return 0;
    }

    private static int significant(int[] digits, int n) {
        while (n > 1 && digits[n - 1] == 0) {
            n--;
        }
        return n;
    }
}
