package lab.abacus.model;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.types.Shape;

/**
 * Rotary position embedding, NeoX "rotate-half" layout (abacus-reference §3.2): for head dimension d and
 * θⱼ = base^(−2j/d), x' = x·cos + rotate_half(x)·sin with rotate_half([x₁, x₂]) = [−x₂, x₁] and the angle
 * table [pos·θ, pos·θ] repeated over both halves. No parameters.
 */
final class Rope {

    private Rope() {}

    /** cos and sin tables [S, d] for absolute positions {@code first..first+S−1}, in the step's manager. */
    static NDList tables(Step step, int first, int count, int dim, double base) {
        float[] cos = new float[count * dim];
        float[] sin = new float[count * dim];
        int half = dim / 2;
        for (int p = 0; p < count; p++) {
            for (int j = 0; j < half; j++) {
                double angle = (first + p) * Math.pow(base, -2.0 * j / dim);
                float cv = (float) Math.cos(angle);
                float sv = (float) Math.sin(angle);
                cos[p * dim + j] = cv;
                cos[p * dim + j + half] = cv;
                sin[p * dim + j] = sv;
                sin[p * dim + j + half] = sv;
            }
        }
        Shape shape = new Shape(count, dim);
        return new NDList(step.manager.create(cos, shape), step.manager.create(sin, shape));
    }

    /** x [B,heads,S,d] rotated by tables [S,d]. */
    static NDArray apply(NDArray x, NDList tables) {
        NDList halves = x.split(2, 3);
        NDArray rotated = halves.get(1).neg().concat(halves.get(0), -1);
        return x.mul(tables.get(0)).add(rotated.mul(tables.get(1)));
    }
}
