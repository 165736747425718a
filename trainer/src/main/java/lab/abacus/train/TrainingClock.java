package lab.abacus.train;

/**
 * The clocks of a run, across attempts. The <em>training</em> clock drives a time budget, the LR schedule and the
 * batch ramp; held-out evaluation and checkpoint writing are timed on clocks of their own and never count as
 * training, so a run that evaluates often, or writes to a slow store, still gets its budget of training (the
 * reference's wall-clock schedules time training steps only in effect: its evaluation ran after training).
 */
final class TrainingClock {

    private double trainingBefore;
    private double evalBefore;
    private double checkpointBefore;
    private long startNanos;
    private long evalNanos;
    private long checkpointNanos;

    /** Start this attempt's clock where the last checkpoint left the run's clocks. */
    void start(double training, double eval, double checkpoint) {
        trainingBefore = training;
        evalBefore = eval;
        checkpointBefore = checkpoint;
        startNanos = System.nanoTime();
    }

    boolean started() {
        return startNanos != 0;
    }

    /** Seconds of training so far: this attempt's wall time less its evaluation and checkpoint time. */
    double training() {
        if (!started()) {
            return trainingBefore;
        }
        return trainingBefore + (System.nanoTime() - startNanos - evalNanos - checkpointNanos) / 1e9;
    }

    double eval() {
        return evalBefore + evalNanos / 1e9;
    }

    double checkpoint() {
        return checkpointBefore + checkpointNanos / 1e9;
    }

    /** Run a held-out evaluation off the training clock. */
    void evaluating(Runnable work) {
        evalNanos += timed(work);
    }

    /** Write a checkpoint off the training clock. */
    void checkpointing(Runnable work) {
        checkpointNanos += timed(work);
    }

    /** Nanoseconds {@code work} took (when it throws, the attempt ends and its clocks with it). */
    private static long timed(Runnable work) {
        long t0 = System.nanoTime();
        work.run();
        return System.nanoTime() - t0;
    }
}
