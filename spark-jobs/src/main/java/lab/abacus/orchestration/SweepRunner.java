package lab.abacus.orchestration;

import java.io.PrintStream;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;
import lab.abacus.gridjob.EvaluateGridJob;
import lab.abacus.lease.LeaseSettings;
import lab.abacus.lease.Leases;
import lab.abacus.run.RunId;
import lab.abacus.run.RunPoint;
import lab.abacus.storage.Storage;
import lab.abacus.storage.StorageRef;
import lab.abacus.sweep.RunSpec;
import lab.abacus.sweep.SweepPlan;
import lab.abacus.sweep.SweepPlan.Action;
import lab.abacus.sweep.SweepPlan.PointStatus;
import lab.abacus.sweep.SweepSpec;
import lab.abacus.tables.Table;
import lab.abacus.tables.TableReader;
import lab.abacus.tables.TableWriter;
import lab.abacus.train.ConsoleProgress;
import lab.abacus.train.RunOptions;
import lab.abacus.train.RunTrainer;
import lab.abacus.train.StopSignal;
import org.apache.hadoop.fs.Path;
import org.apache.spark.sql.SparkSession;

/**
 * {@code abacus sweep run}: datasets → training → evaluation grids → report, each doing only what is missing.
 *
 * <ol>
 *   <li>Plan: classify every point against the tables ({@link TablesExistingWork}, {@link SweepPlan}).</li>
 *   <li>Datasets: generate each missing dataset the points with work need, once per dataset id.</li>
 *   <li>Train: launch the points to train, retry or resume ({@link Launcher}); a failed point is retried in a
 *       further round while it has retries left ({@code abacus.sweep.max-retries}), then reported as failed with
 *       its reason; the other points go on. A stop request (SIGTERM, a test's kill) ends the sweep run here: the
 *       running points saved a checkpoint, and the next {@code sweep run} resumes them.</li>
 *   <li>Grids: evaluate every trained point whose grid is missing cells (only the missing cells).</li>
 *   <li>Report: the summary over seeds ({@code <root>/sweeps/<name>/report/summary.md}) and the sweep report
 *       with heatmaps ({@code report/index.html}, {@code lab.abacus.report.SweepReport}).</li>
 * </ol>
 * A second {@code run} finds every point done and does nothing; an extended sweep runs only the new points.
 */
public final class SweepRunner {

    private final SparkSession spark;
    private final Storage storage;
    private final StorageRef ref;
    private final Launcher launcher;
    private final GridStage grid;
    private final Function<RunPoint, RunOptions> runOptions;
    private final Leases leases;
    private final PrintStream out;

    /** What one {@code run} did. */
    public record Result(
            SweepPlan before,
            SweepPlan after,
            int datasetsGenerated,
            int pointsLaunched,
            int gridsEvaluated,
            List<PointOutcome> outcomes,
            boolean interrupted,
            Path summary,
            Path report) {

        /**
         * True when nothing is left to this process: every point is done, trained by another live process, or was
         * handed over to a Job that outlives it (a detached launcher's BUSY outcome).
         */
        public boolean settled() {
            java.util.Set<String> handedOver = new java.util.HashSet<>();
            outcomes.stream().filter(PointOutcome::busy).forEach(o -> handedOver.add(o.runId()));
            return after.points().stream()
                    .allMatch(s -> s.state() == SweepPlan.State.DONE
                            || s.state() == SweepPlan.State.RUNNING
                            || handedOver.contains(s.point().id().toString()));
        }

        /** True when the run did no work at all (everything existed). */
        public boolean noWork() {
            return datasetsGenerated == 0 && pointsLaunched == 0 && gridsEvaluated == 0;
        }
    }

    /**
     * @param ref    how launched trainers open the storage root (the Spark session's Hadoop settings included)
     * @param leases the root's leases: which points other processes train now
     */
    /** Raised by SIGTERM of the driver (the CLI routes it here): every stage stops at its next safe point. */
    private StopSignal stop = new StopSignal();

    public SweepRunner(
            SparkSession spark,
            Storage storage,
            StorageRef ref,
            Launcher launcher,
            GridStage grid,
            Function<RunPoint, RunOptions> runOptions,
            Leases leases,
            PrintStream out) {
        this.spark = spark;
        this.storage = storage;
        this.ref = ref;
        this.launcher = launcher;
        this.grid = grid;
        this.runOptions = runOptions;
        this.leases = leases;
        this.out = out;
    }

    /** The runner for a sweep's own settings: its launcher type, default run options, the standard grid stage. */
    public static SweepRunner of(SparkSession spark, Storage storage, SweepSpec spec, PrintStream out) {
        return new SweepRunner(
                spark,
                storage,
                storage.ref(),
                Launchers.create(spec.config(), spark, storage, out),
                GridStage.standard(),
                point -> RunOptions.defaults(),
                new Leases(storage, LeaseSettings.from(spec.config())),
                out);
    }

    /**
     * Stop this runner's work on {@code signal}: trainers checkpoint and end, the grid stops between cells, the
     * datasets and grids not started are left, and {@link #run} still writes the summary (and reports interrupted).
     * The signal takes over from the per-run SIGTERM hooks of the trainers in this JVM.
     */
    public SweepRunner stopOn(StopSignal signal) {
        Function<RunPoint, RunOptions> base = runOptions;
        SweepRunner r = new SweepRunner(
                spark,
                storage,
                ref,
                launcher,
                grid,
                point -> base.apply(point).withStop(signal).withSignals(false),
                leases,
                out);
        r.stop = signal;
        return r;
    }

    /** How this runner's trainers open the storage root. */
    public StorageRef storageRef() {
        return ref;
    }

    /** What exists for {@code spec}'s points, as a plan (reads the tables; executes nothing). */
    public SweepPlan plan(SweepSpec spec) {
        return SweepPlan.of(spec, TablesExistingWork.load(storage, spec.points(), leases));
    }

    /** The same, without a runner (and so without its launcher): for {@code sweep plan} and {@code status}. */
    public static SweepPlan plan(Storage storage, SweepSpec spec) {
        return SweepPlan.of(
                spec,
                TablesExistingWork.load(
                        storage, spec.points(), new Leases(storage, LeaseSettings.from(spec.config()))));
    }

    /** The state of one {@code run}: what this process saw itself on top of what the tables say. */
    private final class Progress {
        final SweepSpec spec;
        final Set<RunId> returned = new HashSet<>();
        final Map<RunId, LocalAwareWork.Failure> rowless = new HashMap<>();
        final List<PointOutcome> outcomes = new ArrayList<>();
        int datasets;
        int launched;
        int grids;
        boolean interrupted;
        SweepPlan current;

        Progress(SweepSpec spec) {
            this.spec = spec;
            replan();
        }

        void replan() {
            TablesExistingWork tables = TablesExistingWork.load(storage, spec.points(), leases);
            restoreRows(spec, tables.rowsLost());
            current = SweepPlan.of(spec, new LocalAwareWork(tables, returned, rowless));
        }
    }

    /** Write the runs rows of finished runs again whose rows were quarantined with a damaged table file. */
    private void restoreRows(SweepSpec spec, Set<RunId> lost) {
        for (RunSpec p : spec.points()) {
            if (lost.contains(p.id()) && RunTrainer.restoreRunsRow(p.target(), p.config(), storage)) {
                out.printf(Locale.ROOT, "[sweep] %s: runs row restored from its result.json%n", p.label());
            }
        }
    }

    public Result run(SweepSpec spec) {
        long t0 = System.nanoTime();
        Progress p = new Progress(spec);
        SweepPlan before = p.current;
        out.println("[sweep] " + before.summary() + "; launcher: " + launcher.describe());
        writePlan(before);
        recordPoints(spec);
        stoppable(p, () -> {
            if (!before.todo().isEmpty()) {
                p.datasets = DatasetStage.ensure(
                        spark,
                        storage,
                        leases,
                        before.todo().stream().map(PointStatus::point).toList(),
                        out);
            }
            // Training rounds: the first trains what is pending; each further round retries what failed.
            for (int round = 0; round < spec.settings().maxRetries() + 2 && !stopped(p); round++) {
                if (!trainRound(p)) {
                    break;
                }
            }
            if (!stopped(p)) {
                evaluateGrids(p);
            }
        });
        return finish(p, before, (System.nanoTime() - t0) / 1e9);
    }

    /** Whether the run is to end now: a launcher stopped, or a stop was requested. */
    private boolean stopped(Progress p) {
        p.interrupted |= stop.requested();
        return p.interrupted;
    }

    /** Run the stages; a failure caused by a stop request (a cancelled Spark job) ends them as interrupted. */
    private void stoppable(Progress p, Runnable stages) {
        try {
            stages.run();
        } catch (RuntimeException e) {
            if (!stop.requested()) {
                throw e;
            }
            out.println("[sweep] " + stop.reason() + ": "
                    + e.getMessage().lines().findFirst().orElse(""));
        }
        if (stopped(p)) {
            p.replan();
        }
    }

    /** Launch every point the plan has training for; false when there was none. */
    private boolean trainRound(Progress p) {
        List<PointStatus> train = p.current.points().stream()
                .filter(s -> s.action() == Action.TRAIN || s.action() == Action.RETRY || s.action() == Action.RESUME)
                .toList();
        if (train.isEmpty()) {
            return false;
        }
        int n = p.spec.points().size();
        List<RunPoint> points = new ArrayList<>();
        for (PointStatus s : train) {
            points.add(s.point().point());
            out.printf(
                    Locale.ROOT,
                    "[sweep] point %d/%d %s (run %s): %s%n",
                    s.point().index() + 1,
                    n,
                    s.point().label(),
                    s.point().id(),
                    verb(s.action()));
        }
        List<PointOutcome> got = launcher.launch(
                points,
                new LaunchContext(
                        ref,
                        runOptions,
                        point -> new ConsoleProgress(out, pointPrefix(point, n), false, 10),
                        point -> line -> out.println(pointPrefix(point, n) + " " + line)));
        p.launched += got.size();
        got.forEach(o -> record(p, o));
        if (got.size() < points.size()) {
            p.interrupted = true; // the launcher stopped before starting every point
        }
        p.replan();
        // Points handed to Jobs that outlive this process: retries are a later run's.
        return !launcher.detached();
    }

    /**
     * What one launch returned: the point is not running here any more (unless another process holds it); a failure
     * without a row is counted here.
     */
    private void record(Progress p, PointOutcome o) {
        RunId id = new RunId(o.runId());
        p.outcomes.add(o);
        if (o.busy()) {
            out.printf(Locale.ROOT, "[sweep] %s: left to the process that holds it: %s%n", o.label(), o.reason());
            return;
        }
        p.returned.add(id);
        out.printf(
                Locale.ROOT,
                "[sweep] %s: %s after %d steps (%.1f s, %s)%s%n",
                o.label(),
                o.status().name().toLowerCase(Locale.ROOT),
                o.steps(),
                o.elapsedS(),
                o.where(),
                o.reason() == null ? "" : ": " + o.reason());
        if (o.interrupted()) {
            p.interrupted = true;
        }
        if (!o.succeeded() && !o.interrupted() && o.steps() == 0) {
            p.rowless.merge(
                    id,
                    new LocalAwareWork.Failure(1, o.reason()),
                    (a, b) -> new LocalAwareWork.Failure(a.count() + 1, b.reason()));
        }
    }

    /** The grids of every trained point that is missing cells. */
    private void evaluateGrids(Progress p) {
        // Again while points finish elsewhere meanwhile (another process trained them), each grid once per run.
        Set<RunId> evaluated = new HashSet<>();
        List<PointStatus> evaluate = toEvaluate(p, evaluated);
        while (!evaluate.isEmpty() && !stopped(p)) {
            int i = 0;
            for (PointStatus s : evaluate) {
                if (stopped(p)) {
                    break;
                }
                evaluateGrid(p, s, ++i, evaluate.size());
                evaluated.add(s.point().id());
            }
            p.replan();
            evaluate = toEvaluate(p, evaluated);
        }
    }

    private static List<PointStatus> toEvaluate(Progress p, Set<RunId> done) {
        return p.current.points().stream()
                .filter(s -> s.action() == Action.EVALUATE
                        && !done.contains(s.point().id()))
                .toList();
    }

    private void evaluateGrid(Progress p, PointStatus s, int i, int of) {
        out.printf(
                Locale.ROOT,
                "[sweep] grid %d/%d: %s (run %s)%n",
                i,
                of,
                s.point().label(),
                s.point().id());
        EvaluateGridJob.Result r = grid.evaluate(spark, storage, s.point());
        out.printf(
                Locale.ROOT,
                "[sweep] grid %d/%d: %d cells evaluated (%d already done) in %.1f s%n",
                i,
                of,
                r.evaluated(),
                r.alreadyDone(),
                r.seconds());
        p.grids++;
    }

    /** Summary, report, the final table and the closing line. */
    private Result finish(Progress p, SweepPlan before, double seconds) {
        SweepPlan current = p.current;
        Path summary = SweepSummary.write(storage, current);
        Path report = null;
        if (!p.interrupted && current.points().stream().anyMatch(s -> s.state() == SweepPlan.State.DONE)) {
            report = SweepReports.write(spark, storage, p.spec, current);
        }
        if (p.interrupted) {
            out.printf(Locale.ROOT, "[sweep] stopped after %.1f s; run `abacus sweep run` again to resume%n", seconds);
        }
        out.println();
        out.print(current.render());
        out.println();
        out.print(SweepSummary.render(current));
        out.printf(
                Locale.ROOT,
                "[sweep] %s: %d dataset(s) generated, %d point(s) trained, %d grid(s) evaluated in" + " %.1f s%n",
                p.spec.name(),
                p.datasets,
                p.launched,
                p.grids,
                seconds);
        out.println("[sweep] summary: " + summary);
        if (report != null) {
            out.println("[sweep] report: " + report);
        }
        return new Result(
                before,
                current,
                p.datasets,
                p.launched,
                p.grids,
                List.copyOf(p.outcomes),
                p.interrupted,
                summary,
                report);
    }

    private static String pointPrefix(RunPoint point, int points) {
        return "[sweep] point " + (point.index() + 1) + "/" + points + " " + point.label() + ":";
    }

    private static String verb(Action a) {
        return switch (a) {
            case TRAIN -> "train";
            case RETRY -> "retry";
            case RESUME -> "resume from checkpoint";
            default -> a.name().toLowerCase(Locale.ROOT);
        };
    }

    /** The sweep's points in {@code sweep_points} (which runs this sweep has), those not recorded yet. */
    private void recordPoints(SweepSpec spec) {
        Set<String> recorded = new HashSet<>();
        for (Map<String, Object> row : TableReader.read(storage, Table.SWEEP_POINTS.name())) {
            if (spec.name().equals(row.get("sweep"))) {
                recorded.add((String) row.get("run_id"));
            }
        }
        Instant now = Instant.now();
        List<Map<String, Object>> rows = new ArrayList<>();
        for (RunSpec p : spec.points()) {
            if (recorded.contains(p.id().toString())) {
                continue;
            }
            Map<String, Object> row = new HashMap<>();
            row.put("sweep", spec.name());
            row.put("run_id", p.id().toString());
            row.put("point", p.index());
            row.put("label", p.label());
            row.put("dataset_id", p.target().datasetId());
            row.put(Table.WRITTEN_AT, now);
            rows.add(row);
        }
        if (!rows.isEmpty()) {
            TableWriter.append(storage, Table.SWEEP_POINTS, rows);
        }
    }

    private void writePlan(SweepPlan plan) {
        storage.writeString(new Path(new Path(storage.sweep(plan.name()), "plan"), "plan.txt"), plan.render());
    }
}
