package lab.abacus.train;

import lab.abacus.run.RunResult;

/**
 * Callbacks of a training run, on the training thread, between steps (never during a native op). The console
 * progress line is one implementation; launchers and tests add their own. Every method has a no-op default.
 */
public interface ProgressListener {

    ProgressListener NONE = new ProgressListener() {};

    /**
     * The run starts (or resumes at {@code startStep}).
     *
     * @param budgetSteps the step budget, 0 for a time budget
     * @param budgetSeconds the time budget, 0 for a step budget
     */
    default void started(
            String runId,
            int attempt,
            long startStep,
            long budgetSteps,
            double budgetSeconds,
            long parameters,
            String model) {}

    /** Another process holds the run's lease ({@code holder} says who and at which step); this one waits. */
    default void waiting(String runId, String holder) {}

    /** Something the user should know that does not stop the run (a corrupt checkpoint skipped, say). */
    default void warning(String runId, String message) {}

    /** An optimizer step finished. */
    default void step(StepReport report) {}

    /** Held-out exact match after {@code step} steps (null when a side has no samples). */
    default void evaluated(long step, Double idAcc, Double oodAcc) {}

    /** A checkpoint was completed (and is now the latest). */
    default void checkpointed(long step) {}

    default void finished(RunResult result) {}

    /**
     * One optimizer step: its number (1-based: steps done), mean microbatch loss, learning rate, gradient norm before
     * clipping, microbatches accumulated, throughput, Abacus offset of its first microbatch, and budget progress.
     */
    record StepReport(
            long step,
            double loss,
            double lr,
            double gradNorm,
            int accumulation,
            int firstAbacusOffset,
            double tokensPerSecond,
            double elapsedS,
            double progress,
            double etaS) {}
}
