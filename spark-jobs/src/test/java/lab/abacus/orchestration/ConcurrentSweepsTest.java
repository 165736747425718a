package lab.abacus.orchestration;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import lab.abacus.lease.Leases;
import lab.abacus.storage.StorageRef;
import lab.abacus.testing.LocalSpark;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Many processes on one storage root, as a cron job, a laptop and a pod would be: every {@code sweep run} of
 * overlapping sweeps started at the same moment, and two trainer processes of one run. Each run must be trained
 * once and each grid cell evaluated once, and every process must exit 0. The tables are checked with Spark's own
 * Parquet reader, not the platform's.
 */
class ConcurrentSweepsTest {

    private static final int REPETITIONS = 2;

    private static SparkSession spark;

    @BeforeAll
    static void start() {
        spark = LocalSpark.start("ConcurrentSweepsTest");
    }

    @AfterAll
    static void stop() {
        spark.stop();
    }

    @Test
    void threeSweepRunsOfOverlappingSweepsTrainEveryRunOnceAndEvaluateEveryCellOnce(@TempDir Path dir)
            throws Exception {
        for (int rep = 0; rep < REPETITIONS; rep++) {
            Path root = dir.resolve("root-" + rep);
            List<Path> sweeps = List.of(
                    TinySweeps.write(dir, "a" + rep, root.toString(), "\"model.embedding\" = [abacus, nope]", "[1]", 0),
                    TinySweeps.write(
                            dir, "b" + rep, root.toString(), "\"model.embedding\" = [abacus, nope]", "[1, 2]", 0),
                    TinySweeps.write(dir, "c" + rep, root.toString(), "\"model.embedding\" = [abacus]", "[2, 1]", 0));
            List<AbacusJvm> runs = new ArrayList<>();
            for (int i = 0; i < sweeps.size(); i++) {
                runs.add(AbacusJvm.start(
                        dir.resolve("sweep-" + rep + "-" + i + ".log"),
                        AbacusJvm.CLI,
                        "sweep",
                        "run",
                        sweeps.get(i).toString()));
            }
            for (AbacusJvm run : runs) {
                int code = run.exitCode(600);
                assertThat(code).as("exit code; output:%n%s", run.output()).isZero();
            }
            assertTrainedOnceAndEvaluatedOnce(root, 4, 4 * 9);
        }
    }

    @Test
    void twoTrainerProcessesOfOneRunTrainItOnceAndBothReportItsResult(@TempDir Path dir) throws Exception {
        Path root = dir.resolve("root");
        Path sweep = TinySweeps.write(dir, "one", root.toString(), "\"model.embedding\" = [abacus]", "[1]", 0);
        // The dataset first (a trainer expects it), then both trainers at once, each waiting for the other.
        AbacusJvm datagen = AbacusJvm.start(dir.resolve("datagen.log"), AbacusJvm.CLI, "datagen", sweep.toString());
        assertThat(datagen.exitCode(300)).as(datagen.output()).isZero();
        List<AbacusJvm> trainers = new ArrayList<>();
        for (int i = 0; i < 2; i++) {
            trainers.add(AbacusJvm.start(
                    dir.resolve("trainer-" + i + ".log"),
                    TrainerJvm.MAIN,
                    "--sweep",
                    sweep.toString(),
                    "--point",
                    "0"));
        }
        for (AbacusJvm t : trainers) {
            assertThat(t.exitCode(300)).as(t.output()).isZero();
            assertThat(t.output()).contains("abacus-trainer result: succeeded after 6 steps");
        }
        Dataset<Row> runs = spark.read().parquet(root.resolve("tables/runs").toString());
        assertThat(runs.where("status = 'succeeded'").count()).isEqualTo(1);
        assertThat(runs.select("attempt").distinct().count()).as("one attempt").isEqualTo(1);
        assertThat(runs.where("status = 'running'").count()).isEqualTo(1);
    }

    /** Raw rows equal distinct keys in every table, and every run has one attempt that succeeded. */
    private static void assertTrainedOnceAndEvaluatedOnce(Path root, int runs, int cells) throws Exception {
        Dataset<Row> runRows = spark.read().parquet(root.resolve("tables/runs").toString());
        assertThat(runRows.where("status = 'succeeded'").count()).isEqualTo(runs);
        assertThat(runRows.select("run_id").distinct().count()).isEqualTo(runs);
        assertThat(runRows.where("attempt <> 1").count())
                .as("no run trained twice")
                .isZero();
        assertThat(runRows.where("status = 'running'").count())
                .as("one start per run")
                .isEqualTo(runs);
        Dataset<Row> metrics =
                spark.read().parquet(root.resolve("tables/metrics").toString());
        assertThat(metrics.count())
                .isEqualTo(metrics.select("run_id", "step").distinct().count())
                .isEqualTo(runs * 6L);
        Dataset<Row> evalCells =
                spark.read().parquet(root.resolve("tables/eval_cells").toString());
        assertThat(evalCells.count())
                .isEqualTo(evalCells
                        .select("run_id", "task", "len_a", "len_b")
                        .distinct()
                        .count())
                .isEqualTo(cells);
        Leases leases =
                new Leases(StorageRef.of(root.toString()).open(), Duration.ofSeconds(30), Duration.ofMinutes(3));
        for (Leases.Kind kind : Leases.Kind.values()) {
            Path kindDir = root.resolve("leases").resolve(kind.name().toLowerCase(Locale.ROOT) + "s");
            try (var ids = Files.list(kindDir)) {
                for (Path id : ids.toList()) {
                    assertThat(leases.peek(kind, id.getFileName().toString()))
                            .as("lease %s %s released", kind, id.getFileName())
                            .hasValueSatisfying(
                                    l -> assertThat(l.live(Instant.now())).isFalse());
                }
            }
        }
    }
}
