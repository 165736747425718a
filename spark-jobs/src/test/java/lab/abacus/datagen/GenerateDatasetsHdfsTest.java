package lab.abacus.datagen;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import lab.abacus.data.DatasetDirectory;
import lab.abacus.storage.Storage;
import lab.abacus.storage.StorageRef;
import lab.abacus.testing.LocalSpark;
import lab.abacus.testing.MiniHdfs;
import org.apache.hadoop.fs.Path;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** hdfs:// round trip against an in-JVM MiniDFS cluster (hadoop-client-minicluster). */
class GenerateDatasetsHdfsTest {

    @TempDir
    static java.nio.file.Path tmp;

    static MiniHdfs hdfs;
    static SparkSession spark;

    @BeforeAll
    static void start() throws Exception {
        hdfs = MiniHdfs.start(tmp.resolve("dfs"));
        spark = LocalSpark.start("GenerateDatasetsHdfsTest", tmp.resolve("warehouse"));
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
    void roundTripOnHdfs() {
        String root = hdfs.uri("abacus");
        PrintStream quiet = new PrintStream(new ByteArrayOutputStream());
        DatagenSummary s = GenerateDatasetsJob.run(
                spark, DatagenTestSupport.config(root, "abacus.data { shards = 2, eval-shards = 1 }"), quiet);
        assertThat(s.path()).startsWith("hdfs://");
        Storage storage = StorageRef.of(root).open();
        assertThat(DatasetDirectory.readComplete(storage, s.datasetId())).contains(s.manifest());
        Path train = DatasetDirectory.split(storage, s.datasetId(), "train");
        assertThat(spark.read().parquet(train.toString()).count()).isEqualTo(3000);
        spark.read()
                .parquet(DatasetDirectory.split(storage, s.datasetId(), "eval").toString())
                .collectAsList()
                .forEach(r -> DatagenTestSupport.check("addition", r));
        assertThat(GenerateDatasetsJob.run(
                                spark,
                                DatagenTestSupport.config(root, "abacus.data { shards = 2, eval-shards = 1 }"),
                                quiet)
                        .alreadyComplete())
                .isTrue();
    }
}
