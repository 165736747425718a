package lab.abacus.model;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Parameter;

/** LayerNorm over the last axis with the reference's eps 1e-12, weight 1 and bias 0 at init. */
final class Norm extends Module {

    private final Shape normalized;
    private final Parameter weight; // [H]
    private final Parameter bias; // [H]

    Norm(int hidden) {
        normalized = new Shape(hidden);
        weight = param("weight", normalized, Init.constant(1f));
        bias = param("bias", normalized, Init.constant(0f));
    }

    /** [..., H] → [..., H]. */
    NDArray apply(NDArray x) {
        return x.getNDArrayInternal()
                .layerNorm(x, normalized, weight.getArray(), bias.getArray(), ModelSettings.NORM_EPS)
                .singletonOrThrow();
    }
}
