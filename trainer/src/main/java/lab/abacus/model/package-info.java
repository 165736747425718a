/**
 * The model zoo: a character-level decoder-only transformer faithful to the Abacus reference
 * (abacus-reference §3–4), built from small DJL blocks, and {@link lab.abacus.model.LibTorch}, how every run and
 * grid task sets up the engine (threads, devices).
 *
 * <p>Public API: {@link lab.abacus.model.ModelSettings} (the {@code abacus.model} config section),
 * {@link lab.abacus.model.LanguageModel} (build, count, forward, KV-cached forward, save/load) and
 * {@link lab.abacus.model.ForwardPass} (what one forward call does: train or eval, Abacus offset k,
 * progressive-loss recurrence split). Everything else here is a building block with shapes in comments.
 *
 * <p>Randomness: the model draws only from the engine RNG ({@code Engine.setRandomSeed}); the Abacus offset and the
 * progressive-loss split are passed in by the caller, so a run is reproducible from (seed, step).
 *
 * <p>May use: config, task.
 */
package lab.abacus.model;
