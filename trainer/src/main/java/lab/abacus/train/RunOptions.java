package lab.abacus.train;

import lab.abacus.model.LanguageModel;

/**
 * How a launcher runs one training: the stop signal (SIGTERM handling), the held-out scorer, what to do when
 * another process holds the run, and hooks for tests.
 *
 * @param stop          the stop request the loop polls between steps
 * @param handleSignals install a JVM shutdown hook that turns SIGTERM into a stop request (off when several runs
 *                      share a JVM, e.g. Spark tasks; the launcher then owns the signal)
 * @param scorer        held-out exact match (null: no accuracy during training)
 * @param afterStep     called after every optimizer step, before metrics and checkpoints (tests: inject a NaN,
 *                      request a stop); null for none
 * @param waitForRun    when another process holds the run's lease: wait until it is done and take its result over
 *                      (or resume, if it died) — what {@code abacus train} and a trainer container do; false: end
 *                      at once as {@code BUSY} — what {@code sweep run} does, which leaves the run to its holder
 */
public record RunOptions(
        StopSignal stop, boolean handleSignals, HeldOutScorer scorer, StepHook afterStep, boolean waitForRun) {

    /** A test or launcher hook after step {@code step} (steps done). */
    public interface StepHook {
        void after(long step, LanguageModel model);
    }

    public static RunOptions defaults() {
        return new RunOptions(new StopSignal(), true, Scorers.defaultScorer(), null, true);
    }

    public RunOptions withStop(StopSignal s) {
        return new RunOptions(s, handleSignals, scorer, afterStep, waitForRun);
    }

    public RunOptions withSignals(boolean handle) {
        return new RunOptions(stop, handle, scorer, afterStep, waitForRun);
    }

    public RunOptions withScorer(HeldOutScorer s) {
        return new RunOptions(stop, handleSignals, s, afterStep, waitForRun);
    }

    public RunOptions withAfterStep(StepHook h) {
        return new RunOptions(stop, handleSignals, scorer, h, waitForRun);
    }

    public RunOptions withWaitForRun(boolean wait) {
        return new RunOptions(stop, handleSignals, scorer, afterStep, wait);
    }
}
