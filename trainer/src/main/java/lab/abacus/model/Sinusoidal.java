package lab.abacus.model;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;

/**
 * Fixed sinusoidal absolute positions (Vaswani et al. 2017), as Murty et al.'s model adds them to the token
 * embeddings: PE[p, 2i] = sin(p / 10000^(2i/H)), PE[p, 2i+1] = cos(p / 10000^(2i/H)). Computed for the positions
 * at hand, so there is no table to outgrow.
 */
final class Sinusoidal {

    private Sinusoidal() {}

    /** Rows for positions {@code offset .. offset + length − 1}: [length, hidden] in {@code manager}. */
    static NDArray table(NDManager manager, int offset, int length, int hidden) {
        float[] pe = new float[length * hidden];
        for (int t = 0; t < length; t++) {
            int position = offset + t;
            for (int i = 0; i < hidden; i += 2) {
                double angle = position / Math.pow(10000.0, (double) i / hidden);
                pe[t * hidden + i] = (float) Math.sin(angle);
                if (i + 1 < hidden) {
                    pe[t * hidden + i + 1] = (float) Math.cos(angle);
                }
            }
        }
        return manager.create(pe, new Shape(length, hidden));
    }
}
