package lab.abacus.datagen;

import static org.assertj.core.api.Assertions.assertThat;

import com.typesafe.config.Config;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.file.Path;
import java.util.List;
import lab.abacus.data.DatasetDirectory;
import lab.abacus.storage.Storage;
import lab.abacus.storage.StorageRef;
import lab.abacus.testing.LocalSpark;
import lab.abacus.testing.S3Proxy;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * s3a:// round trip against s3proxy (filesystem backend) on 127.0.0.1 ({@link S3Proxy}). hadoop-aws + AWS SDK v2
 * s3 are test dependencies.
 */
class GenerateDatasetsS3aTest {

    @TempDir
    static Path tmp;

    static S3Proxy s3;
    static SparkSession spark;

    @BeforeAll
    static void start() throws Exception {
        s3 = S3Proxy.start(tmp);
        spark = LocalSpark.start("GenerateDatasetsS3aTest", tmp.resolve("warehouse"));
    }

    @AfterAll
    static void stop() {
        if (spark != null) {
            spark.stop();
        }
        if (s3 != null) {
            s3.close();
        }
    }

    @Test
    void roundTripOnS3a() {
        String hadoop = s3.hadoopHocon();
        String root = "s3a://" + s3.bucket() + "/lab";
        // few objects: every object costs requests, and the directory rename copies each one
        Config config = DatagenTestSupport.config(root, hadoop + "abacus.data { shards = 2, eval-shards = 1 }\n");
        PrintStream quiet = new PrintStream(new ByteArrayOutputStream());
        DatagenSummary s = GenerateDatasetsJob.run(spark, config, quiet);
        assertThat(s.path()).startsWith(root + "/datasets/");
        StorageRef ref = StorageRef.from(config);
        Storage storage = ref.open();
        assertThat(DatasetDirectory.readComplete(storage, s.datasetId())).contains(s.manifest());
        // the objects really are in the bucket (s3proxy's filesystem backend)
        assertThat(s3.bucketDir().resolve("lab/datasets").resolve(s.datasetId()).resolve("manifest.json"))
                .exists();
        ref.hadoop()
                .forEach((k, v) -> spark.sparkContext().hadoopConfiguration().set(k, v));
        String train = DatasetDirectory.split(storage, s.datasetId(), "train").toString();
        assertThat(spark.read().parquet(train).count()).isEqualTo(3000);
        spark.read().parquet(train).collectAsList().forEach(r -> DatagenTestSupport.check("addition", r));
        assertThat(GenerateDatasetsJob.run(spark, config, quiet).alreadyComplete())
                .isTrue();
        assertThat(List.of(s.manifest().train().files(), s.manifest().eval().files()))
                .containsExactly(2, 1);
    }
}
