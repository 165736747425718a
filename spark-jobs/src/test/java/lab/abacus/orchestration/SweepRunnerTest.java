package lab.abacus.orchestration;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;
import java.util.function.UnaryOperator;
import lab.abacus.grid.CellDecoder;
import lab.abacus.lease.Leases;
import lab.abacus.run.RunPoint;
import lab.abacus.sql.TableViews;
import lab.abacus.storage.Storage;
import lab.abacus.storage.StorageRef;
import lab.abacus.sweep.SweepPlan;
import lab.abacus.sweep.SweepPlan.State;
import lab.abacus.sweep.SweepSpec;
import lab.abacus.testing.LocalSpark;
import lab.abacus.train.RunOptions;
import lab.abacus.train.StopSignal;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The orchestration end to end with real stages (datagen, DJL training, the grid job, Parquet tables) on tiny
 * sweeps: idempotence, extension, failures with retries, and kills during training and during the grid.
 */
class SweepRunnerTest {

    private static SparkSession spark;

    @BeforeAll
    static void start() {
        spark = LocalSpark.start("SweepRunnerTest");
    }

    @AfterAll
    static void stop() {
        spark.stop();
    }

    private static Leases leases(Storage storage) {
        return new Leases(storage, Duration.ofSeconds(30), Duration.ofMinutes(3));
    }

    /** A runner over {@code root} with the local launcher and optional test hooks. */
    private static SweepRunner runner(
            Storage storage, Function<RunPoint, RunOptions> options, GridStage grid, PrintStream out) {
        StorageRef ref = storage.ref();
        return new SweepRunner(spark, storage, ref, new LocalLauncher(1, storage), grid, options, leases(storage), out);
    }

    private static SweepRunner runner(Storage storage) {
        return runner(storage, job -> RunOptions.defaults().withSignals(false), GridStage.standard(), console());
    }

    /** The runner's console on stdout with wall-clock times (kept in the surefire report). */
    private static PrintStream console() {
        return new PrintStream(
                new java.io.OutputStream() {
                    private final StringBuilder line = new StringBuilder();

                    @Override
                    public void write(int b) {
                        if (b == '\n') {
                            System.out.println(java.time.LocalTime.now(java.time.ZoneOffset.UTC) + " " + line);
                            line.setLength(0);
                        } else {
                            line.append((char) b);
                        }
                    }
                },
                true,
                StandardCharsets.UTF_8);
    }

    private static Storage storage(Path root) {
        return StorageRef.of(root.toUri().toString()).open();
    }

    private static SweepSpec spec(Path dir, String name, Path root, String grid, String seeds, int retries) {
        return SweepSpec.load(TinySweeps.write(dir, name, root.toString(), grid, seeds, retries), List.of());
    }

    private static long tableFiles(Storage storage) throws Exception {
        long n = 0;
        for (String t : List.of("runs", "metrics", "eval_cells", "sweep_points")) {
            org.apache.hadoop.fs.Path p = storage.table(t);
            if (storage.fs().exists(p)) {
                n += storage.fs().listStatus(p).length;
            }
        }
        return n;
    }

    @Test
    void runsEveryStageThenASecondRunDoesNothingAndAnExtensionRunsOnlyTheNewPoints(@TempDir Path dir) throws Exception {
        Path root = dir.resolve("root");
        Storage storage = storage(root);
        SweepSpec one = spec(dir, "grow", root, "\"model.embedding\" = [abacus]", "[1]", 0);

        SweepRunner.Result first = runner(storage).run(one);
        assertThat(first.before().count(State.PENDING)).isEqualTo(1);
        assertThat(first.datasetsGenerated()).isEqualTo(1);
        assertThat(first.pointsLaunched()).isEqualTo(1);
        assertThat(first.gridsEvaluated()).isEqualTo(1);
        assertThat(first.after().complete()).isTrue();
        assertThat(first.after().points().get(0).latest().step()).isEqualTo(6);
        assertThat(storage.exists(new org.apache.hadoop.fs.Path(first.summary().toString())))
                .isTrue();
        TableViews.register(spark, storage);
        assertThat(spark.sql("select count(*) from eval_cells").first().getLong(0))
                .isEqualTo(9);

        long files = tableFiles(storage);
        SweepRunner.Result again = runner(storage).run(one);
        assertThat(again.noWork()).as("second run does nothing").isTrue();
        assertThat(again.before().complete()).isTrue();
        assertThat(tableFiles(storage)).as("no table file written").isEqualTo(files);

        SweepSpec two = spec(dir, "grow", root, "\"model.embedding\" = [abacus, nope]", "[1]", 0);
        assertThat(two.points().get(0).id())
                .as("old point keeps its id")
                .isEqualTo(one.points().get(0).id());
        SweepRunner.Result extended = runner(storage).run(two);
        assertThat(extended.datasetsGenerated()).as("same dataset").isZero();
        assertThat(extended.pointsLaunched()).isEqualTo(1);
        assertThat(extended.outcomes()).extracting(PointOutcome::label).containsExactly("embedding=nope,seed=1");
        assertThat(extended.gridsEvaluated()).isEqualTo(1);
        assertThat(extended.after().complete()).isTrue();
        TableViews.register(spark, storage);
        assertThat(spark.sql("select count(*) from runs").first().getLong(0)).isEqualTo(2);
        assertThat(spark.sql("select max(attempt) from runs").first().getInt(0))
                .as("nothing retrained")
                .isEqualTo(1);
        assertThat(spark.sql("select count(*) from eval_cells").first().getLong(0))
                .isEqualTo(18);
        assertThat(spark.sql("select label from sweep_points where sweep = 'grow' order by point")
                        .collectAsList())
                .as("which runs the sweep has, each once")
                .extracting(r -> r.getString(0))
                .containsExactly("embedding=abacus,seed=1", "embedding=nope,seed=1");
    }

    @Test
    void aFailingPointIsRetriedThenReportedWithItsReasonWhileTheOthersFinish(@TempDir Path dir) {
        Path root = dir.resolve("root");
        Storage storage = storage(root);
        SweepSpec s = spec(dir, "nan", root, "\"model.embedding\" = [abacus, nope]", "[1]", 1);
        // The second point's weights turn NaN after its 3rd step, on every attempt: its loss is NaN at step 4.
        Function<RunPoint, RunOptions> poison = job -> {
            RunOptions o = RunOptions.defaults().withSignals(false);
            return job.index() != 1
                    ? o
                    : o.withAfterStep((step, model) -> {
                        if (step == 3) {
                            ai.djl.ndarray.NDArray w =
                                    model.parameters().valueAt(0).getArray();
                            w.muli(w.getManager().create(Float.NaN));
                        }
                    });
        };
        ByteArrayOutputStream console = new ByteArrayOutputStream();
        SweepRunner.Result r = runner(
                        storage, poison, GridStage.standard(), new PrintStream(console, true, StandardCharsets.UTF_8))
                .run(s);
        System.out.println(console.toString(StandardCharsets.UTF_8));

        assertThat(r.outcomes()).hasSize(3); // the good point once, the bad one twice (max-retries = 1)
        SweepPlan.PointStatus good = r.after().points().get(0);
        SweepPlan.PointStatus bad = r.after().points().get(1);
        assertThat(good.state()).isEqualTo(State.DONE);
        assertThat(bad.state()).isEqualTo(State.FAILED);
        assertThat(bad.attempts()).isEqualTo(2);
        assertThat(bad.reason()).containsIgnoringCase("nan");
        String out = console.toString(StandardCharsets.UTF_8);
        assertThat(out).contains("gave up after 2 attempts").contains("failed: embedding=nope,seed=1: loss is NaN");
        assertThat(r.gridsEvaluated()).isEqualTo(1);

        // A further run does not retry it again.
        SweepRunner.Result again = runner(storage).run(s);
        assertThat(again.noWork()).isTrue();
        assertThat(again.after().count(State.FAILED)).isEqualTo(1);
    }

    @Test
    void aFailureOfTheEnvironmentUsesUpNoRetryAndTheSweepFinishesOnceItIsRepaired(@TempDir Path dir) {
        Path root = dir.resolve("root");
        Storage storage = storage(root);
        SweepSpec s = spec(dir, "io", root, "\"model.embedding\" = [abacus]", "[1]", 0);
        // Storage fails at step 3 of every attempt (a full disk, a lost mount) until it is repaired.
        java.util.concurrent.atomic.AtomicBoolean broken = new java.util.concurrent.atomic.AtomicBoolean(true);
        Function<RunPoint, RunOptions> faulty =
                job -> RunOptions.defaults().withSignals(false).withAfterStep((step, model) -> {
                    if (step == 3 && broken.get()) {
                        throw new java.io.UncheckedIOException(
                                new java.io.IOException("No space left on device: " + root.resolve("runs")));
                    }
                });
        SweepRunner.Result r =
                runner(storage, faulty, GridStage.standard(), console()).run(s);
        SweepPlan.PointStatus point = r.after().points().get(0);
        assertThat(point.state()).as("max-retries = 0, yet not given up").isEqualTo(State.PENDING);
        assertThat(point.reason()).startsWith("environment: ").contains("No space left on device");
        assertThat(point.latest().step()).as("the step the attempt reached").isEqualTo(3);

        broken.set(false);
        SweepRunner.Result repaired =
                runner(storage, faulty, GridStage.standard(), console()).run(s);
        assertThat(repaired.after().points().get(0).state()).isEqualTo(State.DONE);
        assertThat(repaired.after().points().get(0).attempts()).isGreaterThan(1);
    }

    @Test
    void tornTableFilesAreQuarantinedAndTheirWorkRedoneWithoutTrainingAgain(@TempDir Path dir) throws Exception {
        Path root = dir.resolve("root");
        Storage storage = storage(root);
        SweepSpec s = spec(dir, "torn", root, "\"model.embedding\" = [abacus]", "[1]", 0);
        SweepRunner.Result first = runner(storage).run(s);
        assertThat(first.after().points().get(0).state()).isEqualTo(State.DONE);
        long cells = lab.abacus.tables.TableReader.read(storage, "eval_cells").size();
        // Every file of runs and eval_cells torn (a bad copy of the root): nothing of either table reads.
        for (String table : List.of("runs", "eval_cells")) {
            for (org.apache.hadoop.fs.Path f :
                    lab.abacus.tables.TableReader.visibleParquetFiles(storage.fs(), storage.table(table))) {
                lab.abacus.faults.Damage.truncate(f, 0.5);
            }
        }
        ByteArrayOutputStream console = new ByteArrayOutputStream();
        SweepRunner.Result second = runner(
                        storage,
                        job -> RunOptions.defaults().withSignals(false),
                        GridStage.standard(),
                        new PrintStream(console, true, StandardCharsets.UTF_8))
                .run(s);
        assertThat(second.after().points().get(0).state()).isEqualTo(State.DONE);
        assertThat(second.outcomes())
                .as("the finished run is not trained again")
                .isEmpty();
        assertThat(second.gridsEvaluated()).isEqualTo(1);
        assertThat(console.toString(StandardCharsets.UTF_8)).contains("runs row restored from its result.json");
        assertThat(lab.abacus.tables.TableQuarantine.quarantined(storage, "eval_cells"))
                .isNotEmpty();
        List<Map<String, Object>> runs = lab.abacus.tables.TableReader.read(storage, "runs");
        assertThat(runs).singleElement().satisfies(r -> assertThat(r).containsEntry("status", "succeeded"));
        assertThat(lab.abacus.tables.TableReader.read(storage, "eval_cells")).hasSize((int) cells);
    }

    /** A loader whose decoder fails once {@code budget} batches have been decoded in this JVM (a killed grid). */
    record FailingLoader(CellDecoder.Loader inner, int budget) implements CellDecoder.Loader {
        static final AtomicInteger CALLS = new AtomicInteger();

        @Override
        public CellDecoder open() {
            CellDecoder d = inner.open();
            return new CellDecoder() {
                @Override
                public List<int[]> greedy(List<int[]> prompts, int maxNewTokens) {
                    if (CALLS.incrementAndGet() > budget) {
                        throw new IllegalStateException("killed by the test");
                    }
                    return d.greedy(prompts, maxNewTokens);
                }

                @Override
                public void close() {
                    d.close();
                }
            };
        }
    }

    @Test
    void killedDuringTrainingAndDuringTheGridTheResumedSweepEqualsAnUninterruptedOne(@TempDir Path dir) {
        String grid = "\"model.embedding\" = [abacus, nope]";
        Storage reference = storage(dir.resolve("reference"));
        SweepSpec refSpec = spec(dir, "ref", dir.resolve("reference"), grid, "[1]", 0);
        assertThat(runner(reference).run(refSpec).after().complete()).isTrue();

        Path rootB = dir.resolve("killed");
        Storage killed = storage(rootB);
        SweepSpec s = spec(dir, "killed", rootB, grid, "[1]", 0);

        // 1. Stop the second point after 3 of its 6 steps, as SIGTERM would: it checkpoints and the run ends.
        Function<RunPoint, RunOptions> stopAfter3 = job -> {
            StopSignal stop = new StopSignal();
            RunOptions o = RunOptions.defaults().withSignals(false).withStop(stop);
            return job.index() == 1
                    ? o.withAfterStep((step, model) -> {
                        if (step == 3) {
                            stop.request("test kill");
                        }
                    })
                    : o;
        };
        SweepRunner.Result r1 =
                runner(killed, stopAfter3, GridStage.standard(), console()).run(s);
        assertThat(r1.interrupted()).isTrue();
        assertThat(r1.gridsEvaluated()).isZero();
        assertThat(r1.after().points().get(1).action()).isEqualTo(SweepPlan.Action.RESUME);

        // 2. Resume; the grid dies after a few batches.
        FailingLoader.CALLS.set(0);
        UnaryOperator<CellDecoder.Loader> failing = l -> new FailingLoader(l, 5);
        assertThatThrownBy(() -> runner(
                                killed,
                                job -> RunOptions.defaults().withSignals(false),
                                new GridStage(failing),
                                console())
                        .run(s))
                .hasStackTraceContaining("killed by the test");
        TableViews.register(spark, killed);
        long partial = spark.sql("select count(*) from eval_cells").first().getLong(0);
        assertThat(partial).as("some cells were written before the kill").isBetween(1L, 17L);

        // 3. Run again: only the missing work.
        SweepRunner.Result r3 = runner(killed).run(s);
        assertThat(r3.pointsLaunched()).isZero();
        assertThat(r3.after().complete()).isTrue();

        assertThat(rows(killed, "select run_id, status, step, budget_steps, final_loss from runs"))
                .isEqualTo(rows(reference, "select run_id, status, step, budget_steps, final_loss from runs"));
        assertThat(rows(killed, "select run_id, step, loss, lr, grad_norm, weight_norm from metrics"))
                .isEqualTo(rows(reference, "select run_id, step, loss, lr, grad_norm, weight_norm from metrics"));
        assertThat(rows(killed, "select run_id, task, len_a, len_b, n, correct, in_distribution from eval_cells"))
                .isEqualTo(rows(
                        reference, "select run_id, task, len_a, len_b, n, correct, in_distribution from eval_cells"));
        assertThat(rows(killed, "select count(*) from eval_cells")).containsExactly("[18]");
    }

    /** A query's rows as sorted strings (deduplicated views; timestamps and timings left out by the query). */
    private static List<String> rows(Storage storage, String sql) {
        TableViews.register(spark, storage);
        return spark.sql(sql).collectAsList().stream()
                .map(Row::toString)
                .sorted()
                .toList();
    }

    @Test
    void aRunningRowWithALapsedLeaseIsResumedAndALiveOneIsLeftAlone(@TempDir Path dir) throws Exception {
        Path root = dir.resolve("root");
        Storage storage = storage(root);
        SweepSpec s = spec(dir, "live", root, "\"model.embedding\" = [abacus]", "[1]", 0);
        lab.abacus.run.RunId id = s.points().get(0).id();
        // A trainer that was killed after writing its running row (no final row).
        lab.abacus.tables.TableWriter.append(
                storage,
                lab.abacus.tables.Table.runs(),
                List.of(new java.util.HashMap<>(java.util.Map.of(
                        "run_id",
                        id.value(),
                        "attempt",
                        1,
                        "status",
                        "running",
                        "step",
                        0L,
                        "started_at",
                        java.time.Instant.now()))));
        // Its lease: renewed (here: taken) a moment ago, alive for 1 s without a renewal, at step 17.
        Leases shortLived = new Leases(storage, Duration.ofHours(1), Duration.ofSeconds(1));
        try (var lease =
                shortLived.tryAcquire(Leases.Kind.RUN, id.value(), "step 17").orElseThrow()) {
            SweepPlan fresh = SweepPlan.of(s, TablesExistingWork.load(storage, s.points(), leases(storage)));
            assertThat(fresh.points().get(0).state()).isEqualTo(State.RUNNING);
            assertThat(fresh.points().get(0).latest().step())
                    .as("the step its lease reports")
                    .isEqualTo(17);
            assertThat(fresh.todo()).isEmpty();

            Thread.sleep(1200);
            SweepPlan stale = SweepPlan.of(s, TablesExistingWork.load(storage, s.points(), leases(storage)));
            assertThat(stale.points().get(0).action()).isEqualTo(SweepPlan.Action.RESUME);
        }
    }
}
