package lab.abacus.task;

import java.util.SplittableRandom;

/**
 * Bitwise OR of a one-hot vector and a zero vector (abacus-reference §1.5): {@code v1+v2=ans}, no reversal (index 0
 * written first). The longer operand is the zero vector; with equal lengths a coin flip decides which operand is
 * one-hot. The answer is the one-hot vector of length max(lenA, lenB) with the 1 at the same index.
 *
 * <p>A cell enumerates min(lenA, lenB) problems (index 0..min-1), as the reference does; datasets sample them
 * without replacement through {@link #write}. {@link #generate} draws one at random (with replacement).
 */
public final class BitwiseOrGenerator implements ProblemGenerator {

    /** Number of enumerated problems in a cell: the one-hot index ranges over the shorter operand. */
    public static int cellSize(int lenA, int lenB) {
        return Math.min(lenA, lenB);
    }

    @Override
    public void generate(int lenA, int lenB, SplittableRandom rng, Problem out) {
        write(lenA, lenB, rng.nextInt(cellSize(lenA, lenB)), lenA == lenB && rng.nextBoolean(), out);
    }

    /**
     * Write enumerated problem {@code index} of the cell. {@code oneHotSecond} only matters for equal lengths (the
     * coin flip); otherwise the shorter operand is the one-hot one.
     */
    public static void write(int lenA, int lenB, int index, boolean oneHotSecond, Problem out) {
        int n = Math.max(lenA, lenB);
        out.reset(lenA, lenB, lenA + lenB + 2, n);
        boolean firstIsOneHot = lenA < lenB || (lenA == lenB && !oneHotSecond);
        char[] p = out.prompt;
        int k = 0;
        for (int i = 0; i < lenA; i++) {
            p[k++] = firstIsOneHot && i == index ? '1' : '0';
        }
        p[k++] = '+';
        for (int i = 0; i < lenB; i++) {
            p[k++] = !firstIsOneHot && i == index ? '1' : '0';
        }
        p[k++] = '=';
        out.promptLength = k;
        for (int i = 0; i < n; i++) {
            out.answer[i] = i == index ? '1' : '0';
        }
        out.answerLength = n;
    }

    /** The enumeration size: the coin flip of equal lengths is presentation, not a distinct problem. */
    @Override
    public double spaceSize(int lenA, int lenB) {
        return cellSize(lenA, lenB);
    }
}
