package lab.abacus.deploy;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import lab.abacus.sql.TableViews;
import lab.abacus.storage.Storage;
import lab.abacus.storage.StorageRef;
import lab.abacus.sweep.SweepSpec;
import lab.abacus.testing.LocalSpark;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The Spark image runs the platform's CLI in embedded {@code local[2]}: a whole sweep (datagen, training, the grid,
 * the report) into a bind-mounted root, which the host then reads with its own Spark.
 */
class SparkImageIT {

    @TempDir
    Path dir;

    @Test
    void theSparkImageRunsDatagenTrainingAndAGridInLocal2() throws Exception {
        Path root = Files.createDirectories(dir.resolve("root"));
        Path sweep = TinySweep.write(dir, "spark-image", root.toString(), 10, "\"model.embedding\" = [abacus]", "");
        long t0 = System.nanoTime();
        String id = Docker.start(
                Docker.SPARK,
                List.of("sweep", "run", sweep.toString(), "--set", "spark.master=local[2]"),
                Map.of("SPARK_LOCAL_IP", "127.0.0.1"),
                List.of(Docker.Mount.same(dir)),
                Docker.user());
        int exit = Docker.await(id, 600);
        String logs = Docker.logs(id);
        Docker.remove(id);
        assertThat(exit).as(logs).isZero();
        assertThat(logs).contains("[datagen]", "9 cells evaluated");
        System.out.printf(
                "[figures] %s; sweep run of one point in local[2]: %.1f s%n",
                Docker.describe(Docker.SPARK), (System.nanoTime() - t0) / 1e9);

        SweepSpec spec = SweepSpec.load(sweep, List.of());
        String runId = spec.points().get(0).id().toString();
        Storage storage = StorageRef.from(spec.config()).open();
        SparkSession spark = LocalSpark.start("spark-image-it");
        try {
            TableViews.register(spark, storage);
            List<Row> cells = spark.sql("select len_a, len_b, n from eval_cells where run_id = '" + runId + "'")
                    .collectAsList();
            assertThat(cells).hasSize(9).allSatisfy(r -> assertThat(r.getInt(2)).isEqualTo(2));
            assertThat(spark.sql("select status from runs where run_id = '" + runId + "'")
                            .collectAsList())
                    .singleElement()
                    .satisfies(r -> assertThat(r.getString(0)).isEqualTo("succeeded"));
        } finally {
            spark.stop();
        }
        assertThat(root.resolve("sweeps/spark-image/report/index.html")).exists();
    }
}
