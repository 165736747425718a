package lab.abacus.train;

/**
 * The learning-rate trapezoid and the batch-size ramp as functions of budget progress (abacus-reference §5.1).
 *
 * <p>The reference drives both by wall-clock time over a 24 h budget. Here the budget is either steps (default:
 * reproducible, hardware independent) or time (faithful). With a step budget T, step s (0-based) uses
 * progress s/T for the ramp and {@code lr = peak · min(1, (s+1)/(warmup·T), (T−s)/(cooldown·T))}, so the first
 * step already learns and the last one still moves. With a time budget, progress is elapsed/budget and
 * {@code lr = peak · min(1, p/warmup, (1−p)/cooldown)} as in the reference.
 *
 * <p>With {@code schedule = warmup-linear} (Murty et al.'s code: the linear schedule with warm-up of Hugging Face
 * transformers) the learning rate depends on the step alone: {@code lr = peak · s/W} for s &lt; W, then
 * {@code peak · max(0, (H − s)/(H − W))}, with W warm-up steps and a decay horizon H that is not the budget (the
 * released code decays towards 2M steps and its runs stop at 300k or 400k, at 0.85 or 0.80 of the peak).
 *
 * <p>Ramp: the optimizer batch is batch-size · a, with a accumulated microbatches, a = min(A, 1 + ⌊A · p / f⌋),
 * A = target / batch-size, f = ramp fraction. It grows in steps of batch-size and reaches the target at
 * p = f · (A−1)/A — 56% of the budget for microbatch 512 and target 8192, 58% for 256, 60% for 32: the reference's
 * figures.
 */
public final class Schedule {

    private final TrainSettings s;

    public Schedule(TrainSettings settings) {
        this.s = settings;
    }

    /** Budget progress in [0, 1] of step {@code step} at {@code elapsedSeconds} of training. */
    public double progress(long step, double elapsedSeconds) {
        double p = s.timeBudget()
                ? elapsedSeconds / (s.budgetTime().toMillis() / 1000.0)
                : (double) step / s.budgetSteps();
        return Math.max(0, Math.min(1, p));
    }

    /** Learning rate of optimizer step {@code step} (0-based) at {@code elapsedSeconds}. */
    public double lr(long step, double elapsedSeconds) {
        double factor;
        if (s.schedule() == TrainSettings.LrSchedule.WARMUP_LINEAR) {
            factor = step < s.warmupSteps()
                    ? (double) step / s.warmupSteps()
                    : (double) (s.decayHorizon() - step) / Math.max(1, s.decayHorizon() - s.warmupSteps());
        } else if (s.timeBudget()) {
            double p = progress(step, elapsedSeconds);
            factor = Math.min(1.0, Math.min(ramp(p, s.warmupFraction()), ramp(1 - p, s.cooldownFraction())));
        } else {
            double t = s.budgetSteps();
            factor = Math.min(
                    1.0,
                    Math.min(
                            ramp(step + 1.0, s.warmupFraction() * t),
                            ramp(t - (double) step, s.cooldownFraction() * t)));
        }
        return s.lr() * Math.max(0, factor);
    }

    /** Microbatches accumulated into optimizer step {@code step} (1 without a ramp). */
    public int accumulation(long step, double elapsedSeconds) {
        int max = s.maxAccumulation();
        if (max <= 1) {
            return 1;
        }
        double p = progress(step, elapsedSeconds);
        double f = s.rampFraction();
        if (f <= 0) {
            return max;
        }
        long a = 1 + (long) Math.floor(max * p / f);
        return (int) Math.min(max, a);
    }

    /** x / width, or 1 when the phase has no width. */
    private static double ramp(double x, double width) {
        return width <= 0 ? 1.0 : x / width;
    }
}
