package lab.abacus.train;

import com.typesafe.config.Config;
import java.time.Duration;
import lab.abacus.config.Settings;

/**
 * {@code abacus.train}: optimizer, schedule, budget, checkpoints and device. Every key is documented in
 * {@code reference.conf}; this record is what the code reads.
 *
 * @param budgetSteps   optimizer steps, or 0 when the budget is {@link #budgetTime}
 * @param budgetTime    wall-clock budget, or {@link Duration#ZERO} when the budget is steps
 */
public record TrainSettings(
        long seed,
        double lr,
        double beta1,
        double beta2,
        double eps,
        double weightDecay,
        LrSchedule schedule,
        double warmupFraction,
        double cooldownFraction,
        long warmupSteps,
        long decayHorizon,
        int batchSize,
        int rampTarget,
        double rampFraction,
        double gradClip,
        LossReduction lossReduction,
        long budgetSteps,
        Duration budgetTime,
        long checkpointEverySteps,
        Duration checkpointEveryTime,
        int checkpointKeep,
        int metricsEvery,
        int evalEvery,
        int evalSamples,
        int evalBatch,
        int dyckMinDistance,
        int structureSamples,
        QfFirstWord qfFirstWord,
        Device device,
        int gpuIndex,
        int intraThreads,
        int interThreads,
        boolean progress) {

    /** Where tensors live. */
    public enum Device {
        CPU,
        GPU
    }

    /** How question formation's first word is scored. */
    public enum QfFirstWord {
        /** Ranked among do / does / don't / doesn't (Murty et al.'s released code). */
        AUXILIARIES,
        /** The most likely of all tokens: the first word of the greedily decoded question (the paper). */
        ANY_WORD
    }

    /** The learning rate's shape over training. */
    public enum LrSchedule {
        /** Warm-up, flat, cool-down over fractions of the budget (the Abacus reference). */
        TRAPEZOID,
        /** Warm-up over a number of steps, then linear decay to 0 at a horizon of its own (Murty et al.). */
        WARMUP_LINEAR
    }

    /** How the token losses of a microbatch become one number (abacus-reference §4.4). */
    public enum LossReduction {
        /** Mean over answer tokens (incl. EOS) of the microbatch: the reference default. */
        TOKEN_MEAN,
        /** The reference's {@code loss-reduction=none}: sum of answer-token losses / (rows · (seq_len − 1)). */
        ROW_SUM_OVER_PADDED
    }

    public static TrainSettings from(Config config) {
        Settings s = Settings.section(config, "abacus.train");
        long budgetSteps = s.longIn("budget.steps", 0, Long.MAX_VALUE / 4);
        Duration budgetTime = s.duration("budget.time");
        s.require(
                budgetSteps > 0 ^ !budgetTime.isZero(),
                "budget",
                "set exactly one of budget.steps (> 0) and budget.time (> 0s); got steps=" + budgetSteps + ", time="
                        + budgetTime);
        double warm = s.doubleIn("warmup-fraction", 0, 1);
        double cool = s.doubleIn("cooldown-fraction", 0, 1);
        s.require(warm + cool <= 1.0, "cooldown-fraction", "warmup-fraction + cooldown-fraction must be <= 1");
        long warmupSteps = s.longIn("warmup-steps", 0, Long.MAX_VALUE / 4);
        long horizon = s.longIn("decay-horizon", 1, Long.MAX_VALUE / 4);
        s.require(
                horizon > warmupSteps,
                "decay-horizon",
                "must be greater than warmup-steps (" + warmupSteps + ") but is " + horizon);
        int batch = s.intIn("batch-size", 1, 1 << 20);
        int rampTarget = s.intIn("batch-ramp.target", 0, 1 << 24);
        s.require(
                rampTarget == 0 || rampTarget >= batch,
                "batch-ramp.target",
                "must be 0 (no ramp) or >= batch-size (" + batch + ")");
        int cores = Runtime.getRuntime().availableProcessors();
        int intra = s.intIn("threads.intra", 0, 4096);
        int inter = s.intIn("threads.inter", 0, 4096);
        return new TrainSettings(
                s.longIn("seed", Long.MIN_VALUE, Long.MAX_VALUE),
                s.doubleIn("lr", 0, 10),
                s.doubleIn("beta1", 0, 0.999999),
                s.doubleIn("beta2", 0, 0.999999999),
                s.doubleIn("eps", 0, 1),
                s.doubleIn("weight-decay", 0, 10),
                s.enumValue("schedule", LrSchedule.class),
                warm,
                cool,
                warmupSteps,
                horizon,
                batch,
                rampTarget,
                s.doubleIn("batch-ramp.fraction", 0, 1),
                s.doubleIn("grad-clip", 0, 1e9),
                s.enumValue("loss-reduction", LossReduction.class),
                budgetSteps,
                budgetTime,
                s.longIn("checkpoint.every-steps", 0, Long.MAX_VALUE / 4),
                s.duration("checkpoint.every-time"),
                s.intIn("checkpoint.keep", 1, 1000),
                s.intIn("metrics-every", 1, Integer.MAX_VALUE),
                s.intIn("eval.every", 0, Integer.MAX_VALUE),
                s.intIn("eval.samples", 0, 1 << 20),
                s.intIn("eval.batch", 1, 1 << 16),
                s.intIn("eval.dyck-min-distance", 0, 1 << 20),
                s.intIn("eval.structure-samples", 0, 1 << 20),
                s.enumValue("eval.qf-first-word", QfFirstWord.class),
                s.enumValue("device", Device.class),
                s.intIn("gpu-index", 0, 1024),
                intra > 0 ? intra : (cores <= 2 ? 1 : Math.max(1, cores / 2)),
                inter > 0 ? inter : 1,
                s.bool("progress"));
    }

    /** Whether the budget (and so the schedule) is wall-clock time rather than steps. */
    public boolean timeBudget() {
        return budgetSteps == 0;
    }

    /** Microbatches per optimizer step at the ramp's end (1 without a ramp). */
    public int maxAccumulation() {
        return rampTarget == 0 ? 1 : Math.max(1, rampTarget / batchSize);
    }
}
