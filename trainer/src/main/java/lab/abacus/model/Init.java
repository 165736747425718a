package lab.abacus.model;

import ai.djl.training.initializer.Initializer;

/**
 * Weight initialisers, drawn from the engine RNG only: deepnorm-straight normal draws (abacus-reference §4.3) and
 * Xavier-uniform (Murty et al.'s code, {@code init = xavier-uniform}).
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

    /** Xavier-uniform for a weight [out, in]: U(−a, a) with a = gain · √(6 / (in + out)), as torch draws it. */
    static Initializer xavierUniform(double gain, long in, long out) {
        double a = gain * Math.sqrt(6.0 / (in + out));
        return (manager, shape, dataType) -> manager.randomUniform((float) -a, (float) a, shape, dataType);
    }

    /** A linear weight [out, in] under the model's scheme: deepnorm with {@code gain}, or Xavier-uniform gain 1. */
    static Initializer weight(ModelSettings s, double gain, long in, long out) {
        return s.init() == ModelSettings.InitScheme.XAVIER_UNIFORM
                ? xavierUniform(1.0, in, out)
                : xavier(gain, in, out);
    }

    /** Every element {@code value}. */
    static Initializer constant(float value) {
        return (manager, shape, dataType) -> manager.full(shape, value, dataType);
    }
}
