package lab.abacus.train;

import ai.djl.Device;
import ai.djl.engine.Engine;
import ai.djl.ndarray.NDManager;
import com.typesafe.config.Config;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.Random;
import lab.abacus.config.ConfigError;
import lab.abacus.data.HeldOutSamples;
import lab.abacus.data.SplitReader;
import lab.abacus.data.TrainBatch;
import lab.abacus.data.TrainBatches;
import lab.abacus.hash.Hashing;
import lab.abacus.lease.Lease;
import lab.abacus.lease.LeaseLost;
import lab.abacus.lease.LeaseSettings;
import lab.abacus.lease.Leases;
import lab.abacus.lease.Leases.Kind;
import lab.abacus.model.ForwardPass;
import lab.abacus.model.LanguageModel;
import lab.abacus.model.LibTorch;
import lab.abacus.model.ModelSettings;
import lab.abacus.run.Checkpoints;
import lab.abacus.run.FailureReasons;
import lab.abacus.run.RunDirectory;
import lab.abacus.run.RunResult;
import lab.abacus.run.RunTarget;
import lab.abacus.run.TrainState;
import lab.abacus.storage.Storage;
import lab.abacus.structural.StructuralDataset;
import lab.abacus.tables.TableReader;
import lab.abacus.task.Vocabulary;
import org.apache.hadoop.fs.FSError;
import org.apache.hadoop.fs.Path;

/**
 * The single-run entry point every launcher calls: train one run of a resolved config on one device, resuming from
 * its latest checkpoint if it has one, and record it in the tables.
 *
 * <p>One optimizer step: a microbatches (a from the batch ramp) each with its own Abacus offset k and progressive
 * split drawn from {@code Random(runSeed(seed, step, microbatch))} and the engine RNG reseeded from the same
 * coordinates; loss on answer tokens only, divided by a; gradients accumulate; global-norm clipping; AdamW. Every
 * random draw is a function of (seed, step, microbatch) and the data order of (seed, epoch), so a run stopped
 * after step s and resumed from its checkpoint computes bit-identical losses and parameters (same thread count).
 *
 * <p>The loop, top to bottom: {@link #resume} from the latest checkpoint, then until the budget is reached
 * {@link #optimizerStep} and {@link #afterStep} (progress, held-out evaluation and metrics, checkpoints), then
 * {@link #finish}. The step arithmetic (and its memory discipline) is {@link TrainingStep}.
 */
public final class RunTrainer {

    private static final long SALT_INIT = 0x1417L;
    private static final long SALT_DRAW = 0xABACL;
    private static final long SALT_ENGINE = 0xE4E1L;
    private static final long SALT_EVAL = 0xE7A1L;
    private static final long SALT_HELD_OUT = 0x40DL;

    private final RunTarget spec;
    private final Storage storage;
    private final ProgressListener listener;
    private final RunOptions options;
    private final TrainSettings ts;
    private final ModelSettings ms;
    private final RunDirectory dir;
    private final RunRows rows;
    private final int attempt;
    private final Schedule schedule;
    private final Lease lease;

    private RunTrainer(
            RunTarget spec,
            Config config,
            Storage storage,
            ProgressListener listener,
            RunOptions options,
            RunDirectory dir,
            int attempt,
            Lease lease) {
        this.spec = spec;
        this.storage = storage;
        this.listener = listener;
        this.options = options;
        this.ts = TrainSettings.from(config);
        this.ms = ModelSettings.from(config);
        this.dir = dir;
        this.attempt = attempt;
        this.schedule = new Schedule(ts);
        this.lease = lease;
        this.rows = new RunRows(
                storage, spec, attempt, Instant.now(), config, ts.timeBudget() ? null : ts.budgetSteps(), clock);
    }

    /** Train the run a resolved config describes ({@link RunTarget#of(Config)}) with the default options. */
    public static RunResult run(Config resolvedRunConfig, Storage storage, ProgressListener listener) {
        return run(RunTarget.of(resolvedRunConfig), resolvedRunConfig, storage, listener, RunOptions.defaults());
    }

    /** Train {@code spec} with the default options (SIGTERM handling, the decoder's held-out scorer). */
    public static RunResult run(RunTarget spec, Config config, Storage storage, ProgressListener listener) {
        return run(spec, config, storage, listener, RunOptions.defaults());
    }

    /**
     * Train {@code spec}. A run whose {@code result.json} exists has succeeded before: its result is returned and
     * nothing is written. Otherwise a new attempt starts (or resumes) and ends SUCCEEDED, FAILED (e.g. NaN loss;
     * the runs row says why) or INTERRUPTED (stop requested; resumable from the checkpoint it wrote).
     *
     * @throws ConfigError when the config is invalid (nothing is written then)
     */
    public static RunResult run(
            RunTarget spec, Config config, Storage storage, ProgressListener listener, RunOptions options) {
        TrainSettings.from(config);
        ModelSettings.from(config);
        RunDirectory dir = new RunDirectory(storage, spec.runId());
        if (dir.succeeded()) {
            return finished(listener, dir.readResult());
        }
        Leases leases = new Leases(storage, LeaseSettings.from(config));
        Optional<Lease> lease = options.waitForRun()
                ? leases.acquire(
                        Kind.RUN,
                        spec.runId(),
                        "starting",
                        Duration.ofDays(3650),
                        holder -> listener.waiting(spec.runId(), holder.describe(Instant.now())),
                        options.stop()::requested)
                : leases.tryAcquire(Kind.RUN, spec.runId(), "starting");
        if (lease.isEmpty()) {
            String holder = leases.peek(Kind.RUN, spec.runId())
                    .map(r -> r.describe(Instant.now()))
                    .orElse("?");
            return finished(
                    listener,
                    new RunResult(
                            spec.runId(),
                            0,
                            options.stop().requested() ? RunResult.Status.INTERRUPTED : RunResult.Status.BUSY,
                            "held by " + holder,
                            0,
                            0,
                            Double.NaN,
                            null,
                            null));
        }
        try (Lease held = lease.get()) {
            // The holder this one waited for may have finished the run: its result is this one's too.
            return dir.succeeded()
                    ? finished(listener, dir.readResult())
                    : attempt(spec, config, storage, listener, options, dir, held);
        }
    }

    /**
     * Append the {@code succeeded} row of a finished run again, from its {@code result.json}: for a run whose row was
     * lost with a quarantined table file. Does nothing (and returns false) when the run has not succeeded.
     */
    public static boolean restoreRunsRow(RunTarget spec, Config config, Storage storage) {
        RunDirectory dir = new RunDirectory(storage, spec.runId());
        if (!dir.succeeded()) {
            return false;
        }
        RunResult r = dir.readResult();
        TrainSettings ts = TrainSettings.from(config);
        Long budget = ts.timeBudget() ? null : ts.budgetSteps();
        new RunRows(storage, spec, r.attempt(), Instant.now(), config, budget, null)
                .finished(new RunResult(
                        r.runId(),
                        r.attempt(),
                        r.status(),
                        "row restored from " + RunDirectory.RESULT,
                        r.steps(),
                        r.elapsedS(),
                        r.finalLoss(),
                        r.idAcc(),
                        r.oodAcc()));
        return true;
    }

    /** A new attempt of the run, under its lease. */
    private static RunResult attempt(
            RunTarget spec,
            Config config,
            Storage storage,
            ProgressListener listener,
            RunOptions options,
            RunDirectory dir,
            Lease lease) {
        dir.writeOrCheckConfig(config);
        int attempt = dir.nextAttempt();
        if (options.handleSignals()) {
            options.stop().install(Duration.ofMinutes(2));
        }
        try {
            return finished(
                    listener, new RunTrainer(spec, config, storage, listener, options, dir, attempt, lease).train());
        } finally {
            options.stop().finished();
            if (options.handleSignals()) {
                options.stop().uninstall();
            }
        }
    }

    private static RunResult finished(ProgressListener listener, RunResult r) {
        listener.finished(r);
        return r;
    }

    /** A run failure with a reason for the runs table (NaN loss, bad data, ...). */
    static final class TrainingFailure extends RuntimeException {
        TrainingFailure(String message) {
            super(message);
        }
    }

    /** What one optimizer step computed. */
    private record StepOutcome(
            double loss,
            double lr,
            double gradNorm,
            int accumulation,
            int firstAbacusOffset,
            long tokens,
            double seconds) {}

    // The run's data and model, set once the dataset is read and the model built.
    private int vocabSize;
    private TrainBatches data;
    private HeldOutEvaluation heldOut;
    private LanguageModel model;
    private AdamW opt;
    private TrainingStep compute;
    private Checkpoints checkpoints;

    // Where the run stands.
    private long step;
    private long startStep;
    private long lastSaved = -1;
    private final TrainingClock clock = new TrainingClock();
    private double trainingAtStart;
    private double lastCheckpointAt;
    private long tokens;
    private double lastLoss = Double.NaN;
    private Double idAcc;
    private Double oodAcc;
    private HeldOutEvaluation.Scores scores = HeldOutEvaluation.none().score(null, 0);
    private long windowStartNanos;
    private long windowTokens;

    private RunResult train() {
        try {
            SplitReader dataset = SplitReader.open(storage, spec.datasetId());
            dataset.task().ifPresent(rows::task);
            if (StructuralDataset.isStructural(dataset.tokenizer("pad"))) {
                openStructural();
            } else {
                Vocabulary vocab = Vocabulary.byName(dataset.tokenizer("pad"));
                vocabSize = vocab.size();
                data = TrainBatches.load(dataset, vocab, ts.seed());
                heldOut = heldOut(dataset, vocab);
            }
            LibTorch.threads(ts.intraThreads(), ts.interThreads());
            return session();
        } catch (LeaseLost e) {
            // Another process resumed this run after this one stalled: it owns the rows and checkpoints now.
            return result(RunResult.Status.INTERRUPTED, e.getMessage());
        } catch (RuntimeException | FSError e) {
            // NaN loss, bad data, a missing GPU, an engine error, a full disk: the run fails with its reason in the
            // runs table, marked as the environment's where storage caused it (retried without using up a retry).
            return fail(FailureReasons.of(e));
        }
    }

    private HeldOutEvaluation heldOut(SplitReader dataset, Vocabulary vocab) {
        if (options.scorer() == null
                || ts.evalSamples() == 0
                || TableReader.visibleParquetFiles(storage.fs(), new Path(dataset.dir(), "eval"))
                        .isEmpty()) {
            return HeldOutEvaluation.none();
        }
        return new ArithmeticHeldOut(
                options.scorer(),
                vocab,
                HeldOutSamples.select(
                        dataset,
                        data.maxLenA(),
                        data.maxLenB(),
                        ts.evalSamples(),
                        Hashing.runSeed(ts.seed(), SALT_HELD_OUT)));
    }

    /** A structural task's dataset: word-level language modelling, ranked held-out measures. */
    private void openStructural() {
        StructuralDataset dataset = StructuralDataset.open(storage, spec.datasetId());
        vocabSize = dataset.vocabulary().size();
        data = dataset.trainBatches(ts.seed());
        heldOut = options.scorer() == null || ts.evalSamples() == 0
                ? HeldOutEvaluation.none()
                : StructuralHeldOut.of(
                        dataset,
                        ts.evalSamples(),
                        ts.structureSamples(),
                        Hashing.runSeed(ts.seed(), SALT_HELD_OUT),
                        ts.dyckMinDistance(),
                        ts.qfFirstWord());
    }

    /** Build the model and optimizer on the run's device, resume, train to the budget (or a stop request). */
    private RunResult session() {
        Device device = device(ts);
        checkpoints = dir.checkpoints();
        try (NDManager root = NDManager.newBaseManager(device)) {
            Engine.getInstance().setRandomSeed(seed32(Hashing.runSeed(ts.seed(), SALT_INIT)));
            try (LanguageModel lm = LanguageModel.create(ms, vocabSize, root);
                    AdamW adamW = new AdamW(
                            lm.parameters(),
                            LanguageModel::decays,
                            ts.beta1(),
                            ts.beta2(),
                            ts.eps(),
                            ts.weightDecay(),
                            root)) {
                model = lm;
                opt = adamW;
                compute = new TrainingStep(ts, ms, model, opt, root);
                resume();
                while (!budgetReached(step, elapsed())) {
                    if (options.stop().requested()) {
                        return interrupt();
                    }
                    afterStep(optimizerStep());
                }
                return finish();
            }
        }
    }

    /** Continue from the latest checkpoint, if any, and announce the attempt. */
    private void resume() {
        checkpoints.cleanStaging();
        Optional<Checkpoints.Loaded> loaded =
                checkpoints.loadNewest(model::load, opt::load, warning -> listener.warning(spec.runId(), warning));
        TrainState resumed = null;
        if (loaded.isPresent()) {
            TrainState s = loaded.get().state();
            if (s.seed() != ts.seed()) {
                throw new TrainingFailure("checkpoint " + loaded.get().checkpoint() + " has seed " + s.seed()
                        + " but the run has seed " + ts.seed());
            }
            step = s.step();
            data.seek(s.data());
            resumed = s;
            tokens = s.tokens();
            lastLoss = s.lastLoss();
            lastSaved = step;
        }
        startStep = step;
        clock.start(
                resumed == null ? 0 : resumed.elapsedS(),
                resumed == null ? 0 : resumed.evalS(),
                resumed == null ? 0 : resumed.checkpointS());
        trainingAtStart = clock.training();
        lease.checkHeld(); // the first row: a store without atomic creates may have let two processes in
        rows.running(step, elapsed());
        listener.started(
                spec.runId(),
                attempt,
                step,
                ts.budgetSteps(),
                ts.budgetTime().toMillis() / 1000.0,
                model.parameterCount(),
                ms.describe());
        lastCheckpointAt = elapsed();
        windowStartNanos = System.nanoTime();
    }

    /** One optimizer step: the ramp's microbatches, each with its own draws, then clipping and AdamW. */
    private StepOutcome optimizerStep() {
        long t0 = System.nanoTime();
        double el = elapsed();
        int accum = schedule.accumulation(step, el);
        double lr = schedule.lr(step, el);
        double lossSum = 0;
        long stepTokens = 0;
        int firstK = 0;
        for (int micro = 0; micro < accum; micro++) {
            TrainBatch b = data.next(ts.batchSize());
            Random rng = new Random(Hashing.runSeed(ts.seed(), SALT_DRAW, step, micro));
            int k = ms.embedding().abacus() ? ForwardPass.drawAbacusOffset(rng, ms.abacusMaxK()) : 0;
            if (micro == 0) {
                firstK = k;
            }
            ForwardPass pass = ForwardPass.drawProgressive(rng, k, ms.recurrence(), ms.maxBackpropOrDefault());
            Engine.getInstance().setRandomSeed(seed32(Hashing.runSeed(ts.seed(), SALT_ENGINE, step, micro)));
            double loss = compute.microbatch(b, pass, accum);
            if (!Double.isFinite(loss)) {
                throw new TrainingFailure("loss is " + loss + " at step " + (step + 1));
            }
            lossSum += loss;
            stepTokens += b.tokenCount();
        }
        double gradNorm = compute.gradientNorm();
        if (!Double.isFinite(gradNorm)) {
            throw new TrainingFailure("gradient norm is " + gradNorm + " at step " + (step + 1));
        }
        compute.update(lr, gradNorm);
        step++;
        tokens += stepTokens;
        windowTokens += stepTokens;
        lastLoss = lossSum / accum;
        return new StepOutcome(lastLoss, lr, gradNorm, accum, firstK, stepTokens, (System.nanoTime() - t0) / 1e9);
    }

    /** After a step: the hook, progress, held-out evaluation and metrics on their cadence, a checkpoint when due. */
    private void afterStep(StepOutcome o) {
        lease.note("step " + step);
        if (options.afterStep() != null) {
            options.afterStep().after(step, model);
        }
        double now = elapsed();
        listener.step(new ProgressListener.StepReport(
                step,
                o.loss(),
                o.lr(),
                o.gradNorm(),
                o.accumulation(),
                o.firstAbacusOffset(),
                o.tokens() / Math.max(o.seconds(), 1e-9),
                now,
                schedule.progress(step, now),
                eta(now)));
        boolean last = budgetReached(step, now);
        boolean evalNow = ts.evalEvery() > 0 && step % ts.evalEvery() == 0;
        if (evalNow) {
            evaluate();
        }
        if (evalNow || last || step % ts.metricsEvery() == 0) {
            double windowSeconds = (System.nanoTime() - windowStartNanos) / 1e9;
            rows.metrics(
                    step,
                    now,
                    lastLoss,
                    o.lr(),
                    windowTokens / Math.max(windowSeconds, 1e-9),
                    o.gradNorm(),
                    opt.weightNorm(),
                    evalNow ? scores : null);
            windowStartNanos = System.nanoTime();
            windowTokens = 0;
        }
        boolean timeDue = !ts.checkpointEveryTime().isZero()
                && now - lastCheckpointAt >= ts.checkpointEveryTime().toMillis() / 1000.0;
        boolean stepDue = ts.checkpointEverySteps() > 0 && step % ts.checkpointEverySteps() == 0;
        if (!last && (timeDue || stepDue)) {
            save();
            lastCheckpointAt = elapsed();
        }
    }

    /** Budget reached: the final accuracy, checkpoint and rows. */
    private RunResult finish() {
        if (ts.evalEvery() == 0 || step % ts.evalEvery() != 0 || step == startStep) {
            evaluate();
            if (scores.any()) {
                rows.metrics(
                        step,
                        elapsed(),
                        lastLoss,
                        schedule.lr(Math.max(0, step - 1), elapsed()),
                        null,
                        null,
                        opt.weightNorm(),
                        scores);
            }
        }
        if (step != lastSaved) {
            save();
        }
        lease.checkHeld();
        rows.flushMetrics();
        RunResult r = result(RunResult.Status.SUCCEEDED, null);
        rows.finished(r);
        dir.writeResult(r);
        return r;
    }

    /** A stop was requested: checkpoint (unless this step is saved) and end the attempt as resumable. */
    private RunResult interrupt() {
        if (step != lastSaved) {
            save();
        }
        rows.flushMetrics();
        RunResult r = result(
                RunResult.Status.INTERRUPTED,
                FailureReasons.INTERRUPTED + " at step " + step + " ("
                        + options.stop().reason() + "); checkpoint saved, resumable");
        rows.finished(r);
        return r;
    }

    private void evaluate() {
        clock.evaluating(this::scoreHeldOut);
    }

    /** The held-out measures, in and out of distribution, with the evaluation's own random draws. */
    private void scoreHeldOut() {
        Engine.getInstance().setRandomSeed(seed32(Hashing.runSeed(ts.seed(), SALT_EVAL, step)));
        scores = heldOut.score(model, ts.evalBatch());
        idAcc = scores.idAcc();
        oodAcc = scores.oodAcc();
        if (idAcc != null || oodAcc != null) {
            listener.evaluated(step, idAcc, oodAcc);
        }
    }

    /**
     * Checkpoint, under the run's lease. The metrics rows up to this step are written first: once the checkpoint is
     * published a resume starts after them, so a row not yet written would be lost for good.
     */
    private void save() {
        clock.checkpointing(() -> {
            lease.checkHeld();
            rows.flushMetrics();
            TrainState s = new TrainState(
                    step,
                    data.position(),
                    clock.training(),
                    clock.eval(),
                    clock.checkpoint(),
                    tokens,
                    lastLoss,
                    ts.seed());
            checkpoints.save(s, model::save, opt::save, ts.checkpointKeep());
        });
        lastSaved = step;
        listener.checkpointed(step);
    }

    private RunResult result(RunResult.Status status, String reason) {
        return new RunResult(spec.runId(), attempt, status, reason, step, elapsed(), lastLoss, idAcc, oodAcc);
    }

    private RunResult fail(String reason) {
        if (!clock.started()) {
            step = stepReachedBefore(); // failed before resuming: report where the run stands, not 0
        }
        RunResult r = result(RunResult.Status.FAILED, reason);
        try {
            rows.flushMetrics();
        } catch (RuntimeException | FSError ignored) {
            // The failure row matters more; the rows after the last checkpoint are written again by the resume.
        }
        try {
            rows.finished(r);
        } catch (RuntimeException | FSError e) {
            // Storage is failing: the run's last row stays `running`, which a sweep resumes once the lease lapses.
            return result(
                    RunResult.Status.FAILED,
                    reason + "; the failure row could not be written either: " + FailureReasons.of(e));
        }
        return r;
    }

    /** The step of the newest checkpoint, 0 when there is none or the checkpoints cannot be listed. */
    private long stepReachedBefore() {
        try {
            List<Long> steps = dir.checkpoints().steps();
            return steps.isEmpty() ? 0 : steps.get(steps.size() - 1);
        } catch (RuntimeException e) {
            return 0;
        }
    }

    /** Seconds of training so far (the budget clock: evaluation and checkpoints excluded). */
    private double elapsed() {
        return clock.training();
    }

    private boolean budgetReached(long steps, double elapsedS) {
        return ts.timeBudget() ? elapsedS >= ts.budgetTime().toMillis() / 1000.0 : steps >= ts.budgetSteps();
    }

    private double eta(double now) {
        if (ts.timeBudget()) {
            return Math.max(0, ts.budgetTime().toMillis() / 1000.0 - now);
        }
        long done = step - startStep;
        double spent = now - trainingAtStart;
        return done == 0 ? Double.NaN : spent / done * (ts.budgetSteps() - step);
    }

    private static int seed32(long seed) {
        return (int) (seed ^ (seed >>> 32)) & Integer.MAX_VALUE;
    }

    private static Device device(TrainSettings ts) {
        if (ts.device() == TrainSettings.Device.CPU) {
            return Device.cpu();
        }
        try {
            return LibTorch.gpu(ts.gpuIndex());
        } catch (IllegalArgumentException e) {
            throw new ConfigError("abacus.train.device = gpu, gpu-index = " + ts.gpuIndex() + ": " + e.getMessage());
        }
    }
}
