package lab.abacus.gridjob;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import lab.abacus.config.AbacusConfig;
import lab.abacus.grid.EvalSettings;
import lab.abacus.grid.GridSpec;
import lab.abacus.sql.TableViews;
import lab.abacus.storage.Storage;
import lab.abacus.storage.StorageRef;
import lab.abacus.testing.LocalSpark;
import lab.abacus.testing.MiniHdfs;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The grid with its storage root on hdfs:// (in-JVM MiniDFS): eval split read, eval_cells written, views read. */
class EvaluateGridJobHdfsTest {

    @TempDir
    static java.nio.file.Path tmp;

    static MiniHdfs hdfs;
    static SparkSession spark;

    @BeforeAll
    static void start() throws Exception {
        hdfs = MiniHdfs.start(tmp.resolve("dfs"));
        spark = LocalSpark.start("EvaluateGridJobHdfsTest");
    }

    @AfterAll
    static void stop() {
        if (spark != null) {
            spark.stop();
        }
        if (hdfs != null) {
            hdfs.close();
        }
    }

    @Test
    void gridOnHdfs() {
        String root = hdfs.uri("abacus");
        Storage storage = StorageRef.of(root).open();
        GridFixtures.additionDataset(spark, storage, "ds", 3, 4, 2);
        EvalSettings settings = EvalSettings.from(
                AbacusConfig.load(null, List.of("eval.samples-per-cell=4", "eval.partitions=2", "eval.flush-cells=2")));
        EvaluateGridJob.Request req = new EvaluateGridJob.Request(
                "run-h", "ds", GridSpec.rectangle("addition", 3, 3), settings, null, OracleAddition.loader(3));
        assertThat(EvaluateGridJob.run(spark, storage, req).evaluated()).isEqualTo(9);
        assertThat(EvaluateGridJob.run(spark, storage, req).evaluated()).isZero();
        TableViews.register(spark, storage);
        assertThat(spark.sql("select count(*), sum(correct), sum(case when in_distribution then 1 else 0 end) "
                                + "from results where run_id = 'run-h'")
                        .first()
                        .toString())
                .isEqualTo("[9,24,4]");
    }
}
