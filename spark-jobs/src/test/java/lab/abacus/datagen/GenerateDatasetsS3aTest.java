package lab.abacus.datagen;

import static org.assertj.core.api.Assertions.assertThat;

import com.typesafe.config.Config;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import lab.abacus.data.DatasetDirectory;
import lab.abacus.storage.Storage;
import lab.abacus.storage.StorageRef;
import lab.abacus.testing.LocalSpark;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * s3a:// round trip against s3proxy (filesystem backend) on 127.0.0.1, started as a separate JVM from the fat jar
 * that the build copies to target/s3proxy (see spark-jobs/pom.xml). hadoop-aws + AWS SDK v2 s3 are test dependencies.
 */
class GenerateDatasetsS3aTest {

    @TempDir
    static Path tmp;

    static Process s3proxy;
    static int port;
    static SparkSession spark;

    @BeforeAll
    static void start() throws Exception {
        Path jar = Path.of("target/s3proxy/s3proxy.jar");
        assertThat(jar)
                .as("s3proxy jar copied by the build (mvn generate-test-resources)")
                .exists();
        try (ServerSocket s = new ServerSocket(0, 1, java.net.InetAddress.getByName("127.0.0.1"))) {
            port = s.getLocalPort();
        }
        Path data = tmp.resolve("s3");
        Files.createDirectories(data.resolve("abacus-bucket")); // a directory is a bucket in the filesystem backend
        Path props = tmp.resolve("s3proxy.conf");
        Files.writeString(
                props,
                String.join(
                                "\n",
                                "s3proxy.endpoint=http://127.0.0.1:" + port,
                                "s3proxy.authorization=none",
                                "jclouds.provider=filesystem",
                                "jclouds.filesystem.basedir=" + data)
                        + "\n");
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        s3proxy = new ProcessBuilder(java, "-Xmx256m", "-jar", jar.toString(), "--properties", props.toString())
                .redirectErrorStream(true)
                .redirectOutput(tmp.resolve("s3proxy.log").toFile())
                .start();
        long deadline = System.currentTimeMillis() + 60_000;
        while (!listening()) {
            assertThat(s3proxy.isAlive())
                    .as("s3proxy running, log: " + tmp.resolve("s3proxy.log"))
                    .isTrue();
            assertThat(System.currentTimeMillis()).as("s3proxy start-up").isLessThan(deadline);
            Thread.sleep(200);
        }
        spark = LocalSpark.start("GenerateDatasetsS3aTest", tmp.resolve("warehouse"));
    }

    private static boolean listening() {
        try (Socket ignored = new Socket("127.0.0.1", port)) {
            return true;
        } catch (IOException e) {
            return false;
        }
    }

    @AfterAll
    static void stop() throws Exception {
        if (spark != null) {
            spark.stop();
        }
        if (s3proxy != null) {
            s3proxy.destroy();
            s3proxy.waitFor();
        }
    }

    @Test
    void roundTripOnS3a() {
        String hadoop = "abacus.spark.hadoop {\n"
                + "  \"fs.s3a.endpoint\" = \"http://127.0.0.1:" + port + "\"\n"
                + "  \"fs.s3a.endpoint.region\" = \"us-east-1\"\n"
                + "  \"fs.s3a.path.style.access\" = true\n"
                + "  \"fs.s3a.connection.ssl.enabled\" = false\n"
                + "  \"fs.s3a.access.key\" = \"test\"\n"
                + "  \"fs.s3a.secret.key\" = \"test\"\n"
                + "  \"fs.s3a.aws.credentials.provider\" = \"org.apache.hadoop.fs.s3a.SimpleAWSCredentialsProvider\"\n"
                // s3proxy answers 501 to bulk deletes (POST ?delete carries an x-amz-checksum-crc32 header, which
                // AWS SDK 2.35 always adds); single-object deletes work. Real S3 and MinIO need no such setting.
                + "  \"fs.s3a.multiobjectdelete.enable\" = false\n"
                + "}\n";
        String root = "s3a://abacus-bucket/lab";
        // few objects: every object costs requests, and the directory rename copies each one
        Config config = DatagenTestSupport.config(root, hadoop + "abacus.data { shards = 2, eval-shards = 1 }\n");
        PrintStream quiet = new PrintStream(new ByteArrayOutputStream());
        DatagenSummary s = GenerateDatasetsJob.run(spark, config, quiet);
        assertThat(s.path()).startsWith("s3a://abacus-bucket/lab/datasets/");
        StorageRef ref = StorageRef.from(config);
        Storage storage = ref.open();
        assertThat(DatasetDirectory.readComplete(storage, s.datasetId())).contains(s.manifest());
        // the objects really are in the bucket (s3proxy's filesystem backend)
        assertThat(tmp.resolve("s3/abacus-bucket/lab/datasets")
                        .resolve(s.datasetId())
                        .resolve("manifest.json"))
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
