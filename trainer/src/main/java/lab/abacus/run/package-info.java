/**
 * A run's identity and its on-disk layout: the content-addressed {@link lab.abacus.run.RunId} of its resolved
 * data/model/train config ({@link lab.abacus.run.RunConfig}), the {@link lab.abacus.run.RunTarget} derived from a
 * config in exactly one place, the {@link lab.abacus.run.RunPoint} that carries it to wherever it trains, and
 * {@code <root>/runs/<run-id>/}: {@code run.conf}, attempts, checkpoints with their train state, the heartbeat and
 * the result of a succeeded run.
 *
 * <p>May use: config, hash, storage, data, structural. Used by train, grid, sweep, process and every launcher.
 */
package lab.abacus.run;
