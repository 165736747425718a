package lab.abacus.gridjob;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.util.List;
import lab.abacus.config.AbacusConfig;
import lab.abacus.config.ConfigError;
import lab.abacus.faults.FaultyFileSystem;
import lab.abacus.grid.EvalSettings;
import lab.abacus.grid.GridSpec;
import lab.abacus.grid.InDistribution;
import lab.abacus.sql.TableSchemas;
import lab.abacus.sql.TableViews;
import lab.abacus.storage.Storage;
import lab.abacus.storage.StorageRef;
import lab.abacus.testing.LocalSpark;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class EvaluateGridJobTest {

    private static SparkSession spark;

    @BeforeAll
    static void start() {
        spark = LocalSpark.start("EvaluateGridJobTest");
    }

    @AfterAll
    static void stop() {
        spark.stop();
    }

    @AfterEach
    void noInjectedFailure() {
        OracleAddition.FAIL_ON.set(null);
    }

    private static EvalSettings settings(int partitions, int flushCells) {
        return EvalSettings.from(AbacusConfig.load(
                null,
                List.of(
                        "eval.samples-per-cell=5",
                        "eval.partitions=" + partitions,
                        "eval.flush-cells=" + flushCells,
                        "eval.batch-size=3")));
    }

    private static Storage storage(Path dir) {
        return StorageRef.of(dir.toUri().toString()).open();
    }

    private static long rawRows(Storage storage) {
        return TableViews.raw(spark, storage, TableSchemas.EVAL_CELLS).count();
    }

    @Test
    void scoresTheGridAndASecondRunAddsNothing(@TempDir Path dir) {
        Storage storage = storage(dir);
        GridFixtures.additionDataset(spark, storage, "ds", 4, 7, 2);
        EvaluateGridJob.Request req = new EvaluateGridJob.Request(
                "run-a", "ds", GridSpec.rectangle("addition", 4, 4), settings(3, 2), null, OracleAddition.loader(4));

        EvaluateGridJob.Result first = EvaluateGridJob.run(spark, storage, req);
        assertThat(first.evaluated()).isEqualTo(16);
        assertThat(first.partitions()).hasSize(3);
        assertThat(first.partitions().stream()
                        .mapToInt(EvaluateGridJob.PartitionReport::cells)
                        .sum())
                .isEqualTo(16);
        assertThat(first.partitions())
                .allSatisfy(p -> assertThat(p.predictedCost()).isPositive());

        TableViews.register(spark, storage);
        List<Row> cells = spark.sql("select len_a, len_b, n, correct, in_distribution from eval_cells "
                        + "where run_id = 'run-a' order by len_a, len_b")
                .collectAsList();
        assertThat(cells).hasSize(16);
        for (Row r : cells) {
            int a = r.getInt(0);
            int b = r.getInt(1);
            assertThat(r.getInt(2))
                    .as("samples beyond samples-per-cell are not used")
                    .isEqualTo(5);
            // first operand of 4 digits: digits right, EOS missing -> wrong
            assertThat(r.getInt(3)).as("cell %d,%d", a, b).isEqualTo(a == 4 ? 0 : 5);
            assertThat(r.getBoolean(4)).as("trained on <= 2 digits").isEqualTo(a <= 2 && b <= 2);
        }

        long rows = rawRows(storage);
        EvaluateGridJob.Result second = EvaluateGridJob.run(spark, storage, req);
        assertThat(second.evaluated()).isZero();
        assertThat(second.alreadyDone()).isEqualTo(16);
        assertThat(rawRows(storage)).isEqualTo(rows).isEqualTo(16);

        // A grid larger than the dataset's eval grid is evaluated on the cells the dataset has; none is an error.
        EvaluateGridJob.Request wider = new EvaluateGridJob.Request(
                "run-a",
                "ds",
                new GridSpec("addition", 1, 4, 1, 4, 5, 5),
                settings(3, 2),
                null,
                OracleAddition.loader(4));
        EvaluateGridJob.Result third = EvaluateGridJob.run(spark, storage, wider);
        assertThat(third.gridCells()).isEqualTo(16);
        assertThat(third.evaluated()).isZero();
        EvaluateGridJob.Request outside = new EvaluateGridJob.Request(
                "run-a",
                "ds",
                new GridSpec("addition", 5, 6, 5, 6, 0, -1),
                settings(3, 2),
                null,
                OracleAddition.loader(4));
        assertThatThrownBy(() -> EvaluateGridJob.run(spark, storage, outside))
                .isInstanceOf(ConfigError.class)
                .hasMessageContaining("no eval problems");
    }

    @Test
    void anInterruptedGridResumesWithTheMissingCellsOnly(@TempDir Path dir) {
        Storage storage = storage(dir);
        GridFixtures.additionDataset(spark, storage, "ds", 4, 5, 2);
        EvaluateGridJob.Request req = new EvaluateGridJob.Request(
                "run-b",
                "ds",
                GridSpec.rectangle("addition", 4, 4),
                settings(2, 1),
                new InDistribution(2, 2),
                OracleAddition.loader(10));

        OracleAddition.FAIL_ON.set("4,4");
        assertThatThrownBy(() -> EvaluateGridJob.run(spark, storage, req))
                .hasStackTraceContaining("injected failure at cell 4,4");
        // A task of another partition may still be finishing (and writing its cells) after the job failed.
        long kept = settledRows(storage);
        assertThat(kept).as("cells finished before the failure are kept").isBetween(1L, 15L);

        OracleAddition.FAIL_ON.set(null);
        EvaluateGridJob.Result resumed = EvaluateGridJob.run(spark, storage, req);
        assertThat(resumed.alreadyDone()).isEqualTo((int) kept);
        assertThat(resumed.evaluated()).isEqualTo(16 - (int) kept);
        assertThat(rawRows(storage)).as("no cell written twice").isEqualTo(16);
        TableViews.register(spark, storage);
        assertThat(spark.sql("select sum(correct), count(*) from eval_cells where run_id='run-b'")
                        .first()
                        .toString())
                .isEqualTo("[80,16]");
    }

    @Test
    void aCellFileThatCannotBeWrittenFailsTheGridAndTheRerunWritesEachMissingCellOnce(@TempDir Path dir) {
        Storage storage = new StorageRef(dir.toUri().toString(), FaultyFileSystem.HADOOP).open();
        GridFixtures.additionDataset(spark, storage, "ds", 4, 5, 2);
        EvaluateGridJob.Request req = new EvaluateGridJob.Request(
                "run-c", "ds", GridSpec.rectangle("addition", 4, 4), settings(1, 2), null, OracleAddition.loader(10));
        FaultyFileSystem.Fault fault =
                FaultyFileSystem.inject("tables/eval_cells/.part-", FaultyFileSystem.Kind.IO_ERROR, 3, 1);
        try {
            assertThatThrownBy(() -> EvaluateGridJob.run(spark, storage, req))
                    .hasStackTraceContaining("injected I/O error creating")
                    .hasStackTraceContaining("tables/eval_cells");
        } finally {
            FaultyFileSystem.clear();
        }
        assertThat(fault.fired()).isEqualTo(1);
        long kept = settledRows(storage);
        assertThat(kept).as("the two files written before the fault").isEqualTo(4);
        EvaluateGridJob.Result resumed = EvaluateGridJob.run(spark, storage, req);
        assertThat(resumed.evaluated()).isEqualTo(12);
        assertThat(rawRows(storage)).as("no cell written twice, none lost").isEqualTo(16);
    }

    /** Raw eval_cells rows once no task is running and the count has not changed for a second. */
    private long settledRows(Storage storage) {
        long deadline = System.currentTimeMillis() + 60_000;
        long last = -1;
        long stableSince = System.currentTimeMillis();
        while (System.currentTimeMillis() < deadline) {
            long now = rawRows(storage);
            boolean idle = spark.sparkContext().statusTracker().getActiveStageIds().length == 0;
            if (now != last || !idle) {
                last = now;
                stableSince = System.currentTimeMillis();
            } else if (System.currentTimeMillis() - stableSince >= 1_000) {
                return now;
            }
            try {
                Thread.sleep(100);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return now;
            }
        }
        return last;
    }
}
