package lab.abacus.orchestration;

import lab.abacus.grid.EvaluateGridJob;
import lab.abacus.storage.Storage;
import lab.abacus.storage.StorageSettings;
import lab.abacus.sweep.ExistingWork;
import lab.abacus.sweep.LauncherSettings;
import lab.abacus.sweep.RunId;
import lab.abacus.sweep.RunSpec;
import lab.abacus.sweep.SweepPlan;
import lab.abacus.sweep.SweepPlan.Action;
import lab.abacus.sweep.SweepPlan.PointStatus;
import lab.abacus.sweep.SweepSpec;
import lab.abacus.train.RunOptions;
import org.apache.hadoop.fs.Path;
import org.apache.spark.sql.SparkSession;

import java.io.PrintStream;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;

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
    private final Function<PointJob, RunOptions> runOptions;
    private final LauncherSettings.Liveness liveness;
    private final PrintStream out;

    /** What one {@code run} did. */
    public record Result(SweepPlan before, SweepPlan after, int datasetsGenerated, int pointsLaunched,
                         int gridsEvaluated, List<PointOutcome> outcomes, boolean interrupted, Path summary,
                         Path report) {

        /** True when the run did no work at all (everything existed). */
        public boolean noWork() {
            return datasetsGenerated == 0 && pointsLaunched == 0 && gridsEvaluated == 0;
        }
    }

    public SweepRunner(SparkSession spark, Storage storage, StorageRef ref, Launcher launcher, GridStage grid,
                       Function<PointJob, RunOptions> runOptions, LauncherSettings.Liveness liveness,
                       PrintStream out) {
        this.spark = spark;
        this.storage = storage;
        this.ref = ref;
        this.launcher = launcher;
        this.grid = grid;
        this.runOptions = runOptions;
        this.liveness = liveness;
        this.out = out;
    }

    /** The runner for a sweep's own settings: its launcher type, default run options, the standard grid stage. */
    public static SweepRunner of(SparkSession spark, Storage storage, SweepSpec spec, PrintStream out) {
        LauncherSettings ls = LauncherSettings.from(spec.config());
        StorageRef ref = StorageRef.of(storage, StorageSettings.from(spec.config()).hadoop());
        return new SweepRunner(spark, storage, ref, Launchers.create(ls, spark, storage, out), GridStage.standard(),
                job -> RunOptions.defaults(), ls.liveness(), out);
    }

    /** What exists for {@code spec}'s points, as a plan (reads the tables; executes nothing). */
    public SweepPlan plan(SweepSpec spec) {
        return SweepPlan.of(spec, TablesExistingWork.load(storage, spec.points(), liveness.staleAfter()));
    }

    private SweepPlan plan(SweepSpec spec, Set<RunId> returned, Map<RunId, LocalAwareWork.Failure> rowless) {
        ExistingWork tables = TablesExistingWork.load(storage, spec.points(), liveness.staleAfter());
        return SweepPlan.of(spec, new LocalAwareWork(tables, returned, rowless));
    }

    public Result run(SweepSpec spec) {
        long t0 = System.nanoTime();
        Set<RunId> returned = new HashSet<>();
        Map<RunId, LocalAwareWork.Failure> rowless = new HashMap<>();
        SweepPlan before = plan(spec, returned, rowless);
        out.println("[sweep] " + before.summary() + "; launcher: " + launcher.describe());
        writePlan(before);

        int datasets = 0;
        List<PointStatus> todo = before.todo();
        if (!todo.isEmpty()) {
            datasets = DatasetStage.ensure(spark, storage, todo.stream().map(PointStatus::point).toList(), out);
        }

        // Training rounds: the first trains what is pending; each further round retries what failed.
        List<PointOutcome> outcomes = new ArrayList<>();
        int launched = 0;
        boolean interrupted = false;
        int rounds = spec.settings().maxRetries() + 2;
        SweepPlan current = before;
        for (int round = 0; round < rounds && !interrupted; round++) {
            List<PointStatus> train = current.points().stream().filter(s -> s.action() == Action.TRAIN
                    || s.action() == Action.RETRY || s.action() == Action.RESUME).toList();
            if (train.isEmpty()) {
                break;
            }
            List<PointJob> jobs = new ArrayList<>();
            for (PointStatus s : train) {
                jobs.add(PointJob.of(s.point(), spec.name()));
                out.printf(Locale.ROOT, "[sweep] point %d/%d %s (run %s): %s%n", s.point().index() + 1,
                        current.points().size(), s.point().label(), s.point().id(), verb(s.action()));
            }
            int n = spec.points().size();
            List<PointOutcome> got = launcher.launch(jobs, new LaunchContext(ref, liveness.heartbeat(), runOptions,
                    job -> new ConsoleProgress(out, pointPrefix(job, n), 10),
                    job -> line -> out.println(pointPrefix(job, n) + " " + line)));
            launched += got.size();
            for (PointOutcome o : got) {
                RunId id = new RunId(o.runId());
                returned.add(id);
                outcomes.add(o);
                out.printf(Locale.ROOT, "[sweep] %s: %s after %d steps (%.1f s, %s)%s%n", o.label(),
                        o.status().name().toLowerCase(Locale.ROOT), o.steps(), o.elapsedS(), o.where(),
                        o.reason() == null ? "" : ": " + o.reason());
                if (o.interrupted()) {
                    interrupted = true;
                }
                if (!o.succeeded() && !o.interrupted() && o.steps() == 0) {
                    rowless.merge(id, new LocalAwareWork.Failure(1, o.reason()),
                            (a, b) -> new LocalAwareWork.Failure(a.count() + 1, b.reason()));
                }
            }
            if (got.size() < jobs.size()) {
                interrupted = true;   // the launcher stopped before starting every point
            }
            current = plan(spec, returned, rowless);
        }

        int grids = 0;
        if (!interrupted) {
            List<PointStatus> evaluate = current.points().stream().filter(s -> s.action() == Action.EVALUATE).toList();
            int i = 0;
            for (PointStatus s : evaluate) {
                i++;
                PointJob job = PointJob.of(s.point(), spec.name());
                out.printf(Locale.ROOT, "[sweep] grid %d/%d: %s (run %s)%n", i, evaluate.size(), s.point().label(),
                        s.point().id());
                EvaluateGridJob.Result r = grid.evaluate(spark, storage, s.point(), job);
                out.printf(Locale.ROOT, "[sweep] grid %d/%d: %d cells evaluated (%d already done) in %.1f s%n", i,
                        evaluate.size(), r.evaluated(), r.alreadyDone(), r.seconds());
                grids++;
            }
            current = plan(spec, returned, rowless);
        }

        Path summary = SweepSummary.write(storage, current);
        Path report = null;
        if (!interrupted && current.points().stream().anyMatch(p -> p.state() == SweepPlan.State.DONE)) {
            report = SweepReports.write(spark, storage, spec, current);
        }
        double secs = (System.nanoTime() - t0) / 1e9;
        if (interrupted) {
            out.printf(Locale.ROOT, "[sweep] stopped after %.1f s; run `abacus sweep run` again to resume%n", secs);
        }
        out.println();
        out.print(current.render());
        out.println();
        out.print(SweepSummary.render(current));
        out.printf(Locale.ROOT, "[sweep] %s: %d dataset(s) generated, %d point(s) trained, %d grid(s) evaluated in"
                + " %.1f s%n", spec.name(), datasets, launched, grids, secs);
        out.println("[sweep] summary: " + summary);
        if (report != null) {
            out.println("[sweep] report: " + report);
        }
        return new Result(before, current, datasets, launched, grids, List.copyOf(outcomes), interrupted, summary,
                report);
    }

    private static String pointPrefix(PointJob job, int points) {
        return "[sweep] point " + (job.index() + 1) + "/" + points + " " + job.label() + ":";
    }

    private static String verb(Action a) {
        return switch (a) {
            case TRAIN -> "train";
            case RETRY -> "retry";
            case RESUME -> "resume from checkpoint";
            default -> a.name().toLowerCase(Locale.ROOT);
        };
    }

    private void writePlan(SweepPlan plan) {
        storage.writeString(new Path(new Path(storage.sweep(plan.name()), "plan"), "plan.txt"), plan.render());
    }
}
