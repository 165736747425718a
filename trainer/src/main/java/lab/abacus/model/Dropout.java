package lab.abacus.model;

import ai.djl.ndarray.NDArray;

/**
 * Inverted dropout in training only, from the engine RNG (seeded per microbatch by the trainer, so a resumed run
 * draws the same masks). Rate 0, or evaluation, returns the input itself.
 */
final class Dropout {

    private Dropout() {}

    static NDArray apply(Step step, NDArray x, double rate) {
        if (rate == 0 || !step.training) {
            return x;
        }
        return x.getNDArrayInternal().dropout(x, (float) rate, true).singletonOrThrow();
    }
}
