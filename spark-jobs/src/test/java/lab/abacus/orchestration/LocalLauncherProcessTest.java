package lab.abacus.orchestration;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;
import lab.abacus.lease.Leases;
import lab.abacus.run.RunPoint;
import lab.abacus.run.RunResult;
import lab.abacus.storage.Storage;
import lab.abacus.storage.StorageRef;
import lab.abacus.sweep.RunSpec;
import lab.abacus.sweep.SweepPlan;
import lab.abacus.sweep.SweepSpec;
import lab.abacus.tables.Table;
import lab.abacus.tables.TableReader;
import lab.abacus.testing.LocalSpark;
import lab.abacus.train.ProgressListener;
import lab.abacus.train.RunOptions;
import lab.abacus.train.StopSignal;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The local launcher with {@code parallel-points = 2}: two points train at the same time, each in a trainer process
 * (a child JVM started from this surefire JVM), and compute exactly what the same points compute one after another
 * in this JVM; stopping the launch mid-way makes both children checkpoint and leaves the points resumable.
 */
class LocalLauncherProcessTest {

    private static SparkSession spark;

    @BeforeAll
    static void start() {
        spark = LocalSpark.start("LocalLauncherProcessTest");
    }

    @AfterAll
    static void stop() {
        spark.stop();
    }

    private static Storage storage(Path root) {
        return StorageRef.of(root.toUri().toString()).open();
    }

    private static List<RunPoint> points(SweepSpec spec, Storage storage) {
        DatasetStage.ensure(
                spark,
                storage,
                new Leases(storage, Duration.ofSeconds(30), Duration.ofMinutes(3)),
                spec.points(),
                System.out);
        return spec.points().stream().map(RunSpec::point).toList();
    }

    private static LaunchContext context(
            Storage storage, Function<RunPoint, RunOptions> options, Map<String, List<String>> lines) {
        return new LaunchContext(storage.ref(), options, job -> ProgressListener.NONE, job -> line -> {
            lines.computeIfAbsent(job.label(), k -> Collections.synchronizedList(new ArrayList<>()))
                    .add(line);
            System.out.println("[" + job.label() + "] " + line);
        });
    }

    /** Rows of a table as sorted strings of the given columns (timings left out). */
    private static List<String> rows(Storage storage, String table, Table schema, List<String> columns) {
        return TableReader.latestPerKey(schema, TableReader.read(storage, table)).stream()
                .map(r -> columns.stream().map(c -> c + "=" + r.get(c)).toList().toString())
                .sorted()
                .toList();
    }

    @Test
    void twoPointsTrainAtOnceInChildJvmsAndEqualTheSameTrainedOneAfterAnotherInProcess(@TempDir Path dir) {
        String grid = "\"model.embedding\" = [abacus, nope]";
        Storage sequential = storage(dir.resolve("sequential"));
        SweepSpec seqSpec = SweepSpec.load(
                TinySweeps.write(dir, "seq", dir.resolve("sequential").toString(), grid, "[1]", 0), List.of());
        List<PointOutcome> inProcess = new LocalLauncher(1, sequential)
                .launch(
                        points(seqSpec, sequential),
                        context(
                                sequential,
                                job -> RunOptions.defaults().withSignals(false),
                                new ConcurrentHashMap<>()));
        assertThat(inProcess).allMatch(PointOutcome::succeeded);

        Storage parallel = storage(dir.resolve("parallel"));
        SweepSpec parSpec = SweepSpec.load(
                TinySweeps.write(dir, "par", dir.resolve("parallel").toString(), grid, "[1]", 0), List.of());
        Map<String, List<String>> lines = new ConcurrentHashMap<>();
        long t0 = System.nanoTime();
        List<PointOutcome> children = new LocalLauncher(2, parallel)
                .launch(
                        points(parSpec, parallel),
                        context(parallel, job -> RunOptions.defaults().withSignals(false), lines));
        System.out.printf("two points in child JVMs: %.1f s%n", (System.nanoTime() - t0) / 1e9);

        assertThat(children)
                .hasSize(2)
                .allMatch(PointOutcome::succeeded, "succeeded")
                .allMatch(o ->
                        o.where().startsWith("local process pid ") && o.where().endsWith(" cpu"));
        assertThat(children).extracting(PointOutcome::where).doesNotHaveDuplicates();
        assertThat(children).extracting(PointOutcome::steps).containsOnly(6L);
        assertThat(lines.keySet()).containsExactlyInAnyOrder("embedding=abacus,seed=1", "embedding=nope,seed=1");
        assertThat(lines.values())
                .allMatch(
                        l -> l.stream().anyMatch(s -> s.startsWith("abacus-trainer result: succeeded after 6 steps")));

        // Both ran at the same time: each started before the other finished.
        List<Map<String, Object>> runs = TableReader.read(parallel, "runs");
        Map<Object, Instant> started = new HashMap<>();
        Map<Object, Instant> ended = new HashMap<>();
        for (Map<String, Object> r : runs) {
            started.putIfAbsent(r.get("run_id"), (Instant) r.get("started_at"));
            ended.merge(r.get("run_id"), (Instant) r.get("written_at"), (a, b) -> a.isAfter(b) ? a : b);
        }
        List<Object> ids = new ArrayList<>(started.keySet());
        assertThat(ids).hasSize(2);
        assertThat(started.get(ids.get(0))).isBefore(ended.get(ids.get(1)));
        assertThat(started.get(ids.get(1))).isBefore(ended.get(ids.get(0)));

        // Exactly what the same points compute one after another in this JVM.
        List<String> runColumns = List.of("run_id", "status", "step", "budget_steps", "final_loss");
        assertThat(rows(parallel, "runs", Table.runs(), runColumns))
                .isEqualTo(rows(sequential, "runs", Table.runs(), runColumns));
        List<String> metricColumns = List.of("run_id", "step", "loss", "lr", "grad_norm", "weight_norm");
        assertThat(rows(parallel, "metrics", Table.named("metrics"), metricColumns))
                .hasSize(12)
                .isEqualTo(rows(sequential, "metrics", Table.named("metrics"), metricColumns));
    }

    @Test
    void stoppingTheLaunchMakesBothChildrenCheckpointAndLeavesThePointsResumable(@TempDir Path dir) throws Exception {
        Path root = dir.resolve("root");
        Storage storage = storage(root);
        List<String> longer = List.of("train.budget.steps = 100000", "train.checkpoint.every-steps = 5");
        SweepSpec spec = SweepSpec.load(
                TinySweeps.write(dir, "stop", root.toString(), "\"model.embedding\" = [abacus, nope]", "[1]", 0),
                longer);
        List<RunPoint> jobs = points(spec, storage);
        // The sweep's stop signal (what SIGTERM of the driver raises), once both children have a checkpoint.
        StopSignal stop = new StopSignal();
        Thread stopper = new Thread(() -> {
            long deadline = System.nanoTime() + Duration.ofMinutes(2).toNanos();
            while (System.nanoTime() < deadline
                    && !spec.points().stream()
                            .allMatch(p -> storage.exists(new org.apache.hadoop.fs.Path(
                                    storage.run(p.id().value()), "checkpoints/latest")))) {
                sleep(100);
            }
            stop.request("test stop");
        });
        stopper.start();
        List<PointOutcome> got = new LocalLauncher(2, storage)
                .launch(
                        jobs,
                        context(
                                storage,
                                job -> RunOptions.defaults().withSignals(false).withStop(stop),
                                new ConcurrentHashMap<>()));
        stopper.join();

        assertThat(got).hasSize(2).allMatch(PointOutcome::interrupted, "interrupted");
        assertThat(got)
                .allMatch(o -> o.reason().contains("checkpoint saved"), "checkpointed on SIGTERM")
                .allMatch(o -> o.steps() >= 5 && o.steps() < 100000);
        SweepPlan plan = SweepPlan.of(
                spec,
                TablesExistingWork.load(
                        storage, spec.points(), new Leases(storage, Duration.ofSeconds(30), Duration.ofMinutes(3))));
        for (RunSpec p : spec.points()) {
            String latest = storage.readString(
                            new org.apache.hadoop.fs.Path(storage.run(p.id().value()), "checkpoints/latest"))
                    .trim();
            long outcomeSteps = got.stream()
                    .filter(o -> o.runId().equals(p.id().value()))
                    .findFirst()
                    .orElseThrow()
                    .steps();
            assertThat(latest).as("the stop's own checkpoint").isEqualTo("step-" + outcomeSteps);
        }
        // The next launch resumes them (the trainer's resume is exact: RunTrainerTest / SweepRunnerTest).
        assertThat(plan.points()).allMatch(s -> s.action() == SweepPlan.Action.RESUME, "resume");
        assertThat(got.stream().map(PointOutcome::status).distinct().toList())
                .containsExactly(RunResult.Status.INTERRUPTED);
    }

    private static void sleep(long ms) {
        try {
            Thread.sleep(ms);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
