package lab.abacus.model;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Parameter;
import ai.djl.training.initializer.Initializer;

/** y = x·Wᵀ (+ b): bias-free everywhere except FIRE's MLP (reference: no bias in any linear layer). */
final class Linear extends Module {

    private final Parameter weight; // [out, in]
    private final Parameter bias; // [out] or null

    Linear(long in, long out, double gain, boolean withBias) {
        this(in, out, Init.xavier(gain, in, out), withBias);
    }

    Linear(long in, long out, Initializer weightInit, boolean withBias) {
        weight = param("weight", new Shape(out, in), weightInit);
        bias = withBias ? param("bias", new Shape(out), Init.constant(0f)) : null;
    }

    /** [..., in] → [..., out]; the result belongs to x's manager. */
    NDArray apply(NDArray x) {
        return x.getNDArrayInternal()
                .linear(x, weight.getArray(), bias == null ? null : bias.getArray())
                .singletonOrThrow();
    }
}
