package lab.abacus.deploy;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import lab.abacus.lease.LeaseSettings;
import lab.abacus.lease.Leases;
import lab.abacus.orchestration.DatasetStage;
import lab.abacus.run.Checkpoints;
import lab.abacus.run.RunPoint;
import lab.abacus.sql.TableViews;
import lab.abacus.storage.Storage;
import lab.abacus.storage.StorageRef;
import lab.abacus.sweep.SweepSpec;
import lab.abacus.testing.LocalSpark;
import lab.abacus.testing.S3Proxy;
import org.apache.hadoop.fs.Path;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.testcontainers.containers.GenericContainer;
import org.testcontainers.containers.startupcheck.OneShotStartupCheckStrategy;
import org.testcontainers.utility.DockerImageName;

/**
 * The trainer image on a real Docker engine: it starts offline as a non-root user, trains a point into a
 * bind-mounted root and into an s3a:// root, resumes a run whose container was killed (equal to an uninterrupted run),
 * and two containers of one index commit one result. The host reads what the containers wrote with Spark and with an
 * independent Parquet reader (DuckDB).
 */
class TrainerContainerIT {

    static SparkSession spark;

    @TempDir
    java.nio.file.Path dir;

    @BeforeAll
    static void spark() {
        spark = LocalSpark.start("trainer-container-it");
    }

    @AfterAll
    static void stop() {
        spark.stop();
    }

    @Test
    void theImageStartsOfflineAsANonRootUserWithLibTorchUnpacked() {
        long t0 = System.nanoTime();
        try (GenericContainer<?> c = new GenericContainer<>(DockerImageName.parse(Docker.TRAINER))
                .withNetworkMode("host")
                .withCommand("--check-engine")
                .withStartupCheckStrategy(new OneShotStartupCheckStrategy().withTimeout(Duration.ofSeconds(60)))) {
            c.start();
            double seconds = (System.nanoTime() - t0) / 1e9;
            assertThat(c.getLogs()).contains("PyTorch 2.7.1", "0 GPU(s)");
            System.out.printf(
                    "[figures] %s; --check-engine container %.2f s%n", Docker.describe(Docker.TRAINER), seconds);
        }
        assertThat(Docker.imageUser(Docker.TRAINER)).isEqualTo("1000:1000");
    }

    @Test
    void aContainerTrainsAPointIntoABindMountedRootAndTheHostReadsItsRowsWithSparkAndDuckDb() throws Exception {
        java.nio.file.Path root = dir.resolve("root");
        SweepSpec spec = sweep("bind", root.toString(), 12, "");
        String runId = trainInContainer(spec, "one");
        Storage storage = StorageRef.from(spec.config()).open();

        List<Row> spark = sparkRuns(storage, runId);
        assertThat(spark).singleElement().satisfies(r -> {
            assertThat(r.getString(0)).isEqualTo("succeeded");
            assertThat(r.getLong(1)).isEqualTo(12L);
        });
        try (Connection duck = DriverManager.getConnection("jdbc:duckdb:");
                Statement st = duck.createStatement();
                ResultSet rs = st.executeQuery("select status, step, final_loss from read_parquet('" + root
                        + "/tables/runs/*.parquet', union_by_name=true) where run_id = '" + runId
                        + "' order by written_at desc limit 1")) {
            assertThat(rs.next()).isTrue();
            assertThat(rs.getString(1)).isEqualTo("succeeded");
            assertThat(rs.getLong(2)).isEqualTo(12L);
            assertThat(rs.getDouble(3)).isEqualTo(spark.get(0).getDouble(2));
        }
        assertThat(metrics(storage, runId)).hasSize(12);
    }

    @Test
    void aContainerTrainsAPointIntoAnS3aRoot() throws Exception {
        try (S3Proxy s3 = S3Proxy.start(dir)) {
            String root = "s3a://" + s3.bucket() + "/abacus";
            SweepSpec spec = sweep("s3", root, 8, s3.hadoopHocon());
            String runId = trainInContainer(spec, "s3");
            Storage storage = StorageRef.from(spec.config()).open();
            assertThat(sparkRuns(storage, runId)).singleElement().satisfies(r -> {
                assertThat(r.getString(0)).isEqualTo("succeeded");
                assertThat(r.getLong(1)).isEqualTo(8L);
            });
            // The independent reader, on the objects as s3proxy's file system backend keeps them.
            try (Connection duck = DriverManager.getConnection("jdbc:duckdb:");
                    Statement st = duck.createStatement();
                    ResultSet rs = st.executeQuery("select count(*) from read_parquet('" + s3.bucketDir()
                            + "/abacus/tables/metrics/*.parquet') where run_id = '" + runId + "'")) {
                assertThat(rs.next()).isTrue();
                assertThat(rs.getLong(1)).isEqualTo(8L);
            }
        }
    }

    @Test
    void aKilledContainerIsResumedByTheNextOneAndEqualsAnUninterruptedRun() throws Exception {
        SweepSpec whole = sweep("whole", dir.resolve("whole").toString(), 400, "");
        String runId = trainInContainer(whole, "whole");
        SweepSpec parts = sweep("parts", dir.resolve("parts").toString(), 400, "");
        Storage storage = StorageRef.from(parts.config()).open();
        List<Docker.Mount> mounts = mounts(parts, "parts");

        String first = Docker.start(Docker.TRAINER, planArgs(), Map.of(), mounts, Docker.user());
        Checkpoints checkpoints = new Checkpoints(storage, storage.run(runId));
        long deadline = System.currentTimeMillis() + 120_000;
        while (checkpoints.latest().isEmpty() && Docker.running(first) && System.currentTimeMillis() < deadline) {
            Thread.sleep(100);
        }
        Docker.kill(first);
        assertThat(Docker.await(first, 30)).as("killed mid-run").isEqualTo(137);
        String killedAt = checkpoints.latest().orElseThrow().getName();
        assertThat(new lab.abacus.run.RunDirectory(storage, runId).succeeded()).isFalse();

        String second = Docker.start(Docker.TRAINER, planArgs(), Map.of(), mounts, Docker.user());
        assertThat(Docker.await(second, 300)).as(Docker.logs(second)).isZero();
        System.out.printf("[figures] docker kill after checkpoint %s, resumed to 400 steps%n", killedAt);

        Storage wholeStorage = StorageRef.from(whole.config()).open();
        assertThat(bytes(storage, finalParams(storage, runId)))
                .isEqualTo(bytes(wholeStorage, finalParams(wholeStorage, runId)));
        assertThat(metrics(storage, runId))
                .isEqualTo(metrics(wholeStorage, runId))
                .hasSize(400);
        TableViews.register(spark, storage);
        assertThat(spark.sql("select status, attempt from runs where run_id = '" + runId + "'")
                        .collectAsList())
                .singleElement()
                .satisfies(r -> {
                    assertThat(r.getString(0)).isEqualTo("succeeded");
                    assertThat(r.getInt(1)).as("the resumed attempt").isEqualTo(2);
                });
        Docker.remove(first);
        Docker.remove(second);
    }

    @Test
    void twoContainersOfOneIndexCommitOneResult() throws Exception {
        SweepSpec spec = sweep("twice", dir.resolve("twice").toString(), 60, "");
        List<Docker.Mount> mounts = mounts(spec, "twice");
        String a = Docker.start(Docker.TRAINER, planArgs(), Map.of(), mounts, Docker.user());
        String b = Docker.start(Docker.TRAINER, planArgs(), Map.of(), mounts, Docker.user());
        assertThat(Docker.await(a, 300)).as(Docker.logs(a)).isZero();
        assertThat(Docker.await(b, 300)).as(Docker.logs(b)).isZero();
        Storage storage = StorageRef.from(spec.config()).open();
        String runId = TinySweep.points(file(spec)).get(0).target().runId();
        List<Row> raw = spark.read()
                .parquet(storage.table("runs").toString())
                .where("run_id = '" + runId + "' and status = 'succeeded'")
                .collectAsList();
        assertThat(raw).as("one committed result").hasSize(1);
        assertThat(metrics(storage, runId)).hasSize(60);
        long rawMetrics = spark.read()
                .parquet(storage.table("metrics").toString())
                .where("run_id = '" + runId + "'")
                .count();
        assertThat(rawMetrics)
                .as("the second container trained nothing: no row twice")
                .isEqualTo(60);
        Docker.remove(a);
        Docker.remove(b);
    }

    // ---- fixtures ----

    private final Map<SweepSpec, java.nio.file.Path> files = new java.util.HashMap<>();

    private SweepSpec sweep(String name, String root, int steps, String extra) throws Exception {
        java.nio.file.Path f = TinySweep.write(dir, name, root, steps, "\"model.embedding\" = [abacus]", extra);
        SweepSpec spec = SweepSpec.load(f, List.of());
        files.put(spec, f);
        Storage storage = StorageRef.from(spec.config()).open();
        if (!root.startsWith("s3a:")) {
            Files.createDirectories(java.nio.file.Path.of(root));
        }
        DatasetStage.ensure(
                spark, storage, new Leases(storage, LeaseSettings.from(spec.config())), spec.points(), System.out);
        return spec;
    }

    private java.nio.file.Path file(SweepSpec spec) {
        return files.get(spec);
    }

    /** The plan volume and, for a local root, the root at the same path. */
    private List<Docker.Mount> mounts(SweepSpec spec, String name) {
        List<RunPoint> points = TinySweep.points(file(spec));
        java.nio.file.Path plan = TinySweep.planDir(dir.resolve("plan-" + name), points);
        List<Docker.Mount> m = new ArrayList<>();
        m.add(new Docker.Mount(plan, "/etc/abacus/plan", true));
        String root = spec.config().getString("abacus.storage.root");
        if (!root.startsWith("s3a:")) {
            m.add(Docker.Mount.same(java.nio.file.Path.of(root)));
        }
        return m;
    }

    private static List<String> planArgs() {
        return List.of("--plan", "/etc/abacus/plan/plan.jsonl.gz", "--index", "0");
    }

    private String trainInContainer(SweepSpec spec, String name) {
        String id = Docker.start(Docker.TRAINER, planArgs(), Map.of(), mounts(spec, name), Docker.user());
        int exit = Docker.await(id, 300);
        String logs = Docker.logs(id);
        Docker.remove(id);
        assertThat(exit).as(logs).isZero();
        assertThat(logs).contains("abacus-trainer result: succeeded");
        return TinySweep.points(file(spec)).get(0).target().runId();
    }

    private static List<Row> sparkRuns(Storage storage, String runId) {
        TableViews.register(spark, storage);
        return spark.sql("select status, step, final_loss from runs where run_id = '" + runId + "'")
                .collectAsList();
    }

    /** step -> loss of the latest metrics row per step (what the views show). */
    private static Map<Long, Double> metrics(Storage storage, String runId) {
        TableViews.register(spark, storage);
        Map<Long, Double> m = new TreeMap<>();
        for (Row r : spark.sql("select step, loss from metrics where run_id = '" + runId + "'")
                .collectAsList()) {
            assertThat(m.put(r.getLong(0), r.getDouble(1)))
                    .as("one row per step in the view")
                    .isNull();
        }
        return m;
    }

    private static Path finalParams(Storage storage, String runId) {
        return new Path(new Checkpoints(storage, storage.run(runId)).latest().orElseThrow(), Checkpoints.MODEL);
    }

    private static byte[] bytes(Storage storage, Path p) throws Exception {
        try (var in = storage.fs().open(p)) {
            return in.readAllBytes();
        }
    }
}
