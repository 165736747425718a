package lab.abacus.model;

import ai.djl.training.initializer.Initializer;

/**
 * Deepnorm-straight initialization (abacus-reference §4.3), drawn from the engine RNG only.
 */
final class Init {

    private Init() {}

    /** N(0, std²). */
    static Initializer normal(double std) {
        return (manager, shape, dataType) -> manager.randomNormal(0f, (float) std, shape, dataType);
    }

    /** Xavier-normal for a weight [out, in]: std = gain · √(2 / (in + out)). */
    static Initializer xavier(double gain, long in, long out) {
        return normal(gain * Math.sqrt(2.0 / (in + out)));
    }

    /** Every element {@code value}. */
    static Initializer constant(float value) {
        return (manager, shape, dataType) -> manager.full(shape, value, dataType);
    }
}
