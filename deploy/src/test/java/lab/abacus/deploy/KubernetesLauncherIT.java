package lab.abacus.deploy;

import static org.assertj.core.api.Assertions.assertThat;

import io.fabric8.kubernetes.api.model.batch.v1.Job;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.stream.Collectors;
import lab.abacus.orchestration.KubernetesLauncher;
import lab.abacus.orchestration.LaunchContext;
import lab.abacus.orchestration.PointOutcome;
import lab.abacus.orchestration.SweepRunner;
import lab.abacus.run.RunPoint;
import lab.abacus.run.RunResult;
import lab.abacus.sql.TableViews;
import lab.abacus.storage.Storage;
import lab.abacus.storage.StorageRef;
import lab.abacus.sweep.LauncherSettings;
import lab.abacus.sweep.SweepSpec;
import lab.abacus.testing.LocalSpark;
import lab.abacus.train.ProgressListener;
import lab.abacus.train.RunOptions;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The Kubernetes launcher end to end: fabric8's mock API server (CRUD) holds the objects, the cpu overlay's trainer
 * Job template is applied to it, and {@link JobController} runs each index of the launcher's Jobs as a container of
 * the trainer image. A whole sweep through it writes the same tables as the local launcher; an evicted pod whose
 * replacement starts while it still runs leaves one result; a config the trainer rejects fails its index at once.
 */
class KubernetesLauncherIT {

    static final String NS = "abacus";
    static SparkSession spark;

    @TempDir
    Path dir;

    MockCluster cluster;
    JobController controller;
    Path root;

    @BeforeAll
    static void spark() {
        spark = LocalSpark.start("kubernetes-launcher-it");
    }

    @AfterAll
    static void stop() {
        spark.stop();
    }

    @BeforeEach
    void cluster() throws Exception {
        root = Files.createDirectories(dir.resolve("k8s-root"));
        cluster = new MockCluster().namespace(NS).applyJobTemplate(Kustomize.render("cpu"), NS);
        controller = new JobController(
                cluster.client,
                NS,
                dir,
                Map.of("abacus-data", Files.createDirectories(dir.resolve("pvc"))),
                List.of(root));
    }

    @AfterEach
    void close() {
        controller.close();
        cluster.close();
    }

    private String launcher(boolean wait) {
        return """
                abacus.launcher {
                  type = kubernetes
                  kubernetes {
                    master-url = "%s"
                    namespace = %s
                    image = "%s"
                    gpus-per-pod = 0
                    parallelism = 2
                    wait = %s
                    poll-interval = 250ms
                  }
                }
                """.formatted(cluster.url(), NS, Docker.TRAINER, wait);
    }

    @Test
    void aSweepThroughTheKubernetesLauncherWritesTheSameTablesAsTheLocalLauncher() throws Exception {
        String grid = "\"model.embedding\" = [abacus, nope]";
        Path localFile = TinySweep.write(dir, "local", dir.resolve("local-root").toString(), 12, grid, "");
        Path k8sFile = TinySweep.write(dir, "k8s", root.toString(), 12, grid, launcher(true));
        long t0 = System.nanoTime();
        assertThat(run(localFile).after().settled()).isTrue();
        double local = (System.nanoTime() - t0) / 1e9;
        t0 = System.nanoTime();
        String out = runPrinting(k8sFile);
        double k8s = (System.nanoTime() - t0) / 1e9;
        assertThat(out).contains("[kubernetes] job abacus-k8s-", "2 of 2 succeeded, 0 failed");
        System.out.printf(
                "[figures] 2-point sweep: local launcher %.1f s, Kubernetes launcher (mock API + containers) %.1f s%n",
                local, k8s);

        Storage l = store(localFile);
        Storage k = store(k8sFile);
        assertThat(rows(k, "select run_id, status, step, final_loss from runs"))
                .isEqualTo(rows(l, "select run_id, status, step, final_loss from runs"))
                .hasSize(2);
        assertThat(rows(k, "select run_id, step, loss from metrics"))
                .isEqualTo(rows(l, "select run_id, step, loss from metrics"));
        assertThat(rows(k, "select run_id, len_a, len_b, correct from eval_cells"))
                .isEqualTo(rows(l, "select run_id, len_a, len_b, correct from eval_cells"))
                .hasSize(18);

        // Again: everything is done, no Job is created; sweep status shows each point's Job and pod.
        int jobs = cluster.jobs(NS).size();
        assertThat(run(k8sFile).noWork()).isTrue();
        assertThat(cluster.jobs(NS)).hasSize(jobs);
        SweepSpec spec = SweepSpec.load(k8sFile, List.of());
        assertThat(KubernetesLauncher.clusterStatus(
                        LauncherSettings.from(spec.config()).kubernetes(), spec))
                .hasSize(2)
                .allSatisfy(line -> assertThat(line).contains("succeeded", "Succeeded"));
    }

    @Test
    void anEvictedPodWhoseReplacementStartsWhileItStillRunsLeavesOneResult() throws Exception {
        Path file =
                TinySweep.write(dir, "evict", root.toString(), 300, "\"model.embedding\" = [abacus]", launcher(true));
        Path wholeFile = TinySweep.write(
                dir, "whole", dir.resolve("whole-root").toString(), 300, "\"model.embedding\" = [abacus]", "");
        run(wholeFile);
        CompletableFuture<SweepRunner.Result> sweep = CompletableFuture.supplyAsync(() -> run(file));
        SweepSpec spec = SweepSpec.load(file, List.of());
        String runId = spec.points().get(0).id().toString();
        Storage storage = store(file);
        lab.abacus.run.Checkpoints checkpoints = new lab.abacus.run.Checkpoints(storage, storage.run(runId));
        long deadline = System.currentTimeMillis() + 120_000;
        while (checkpoints.latest().isEmpty() && !sweep.isDone() && System.currentTimeMillis() < deadline) {
            Thread.sleep(100);
        }
        Job job = cluster.jobs(NS).stream()
                .filter(j -> j.getMetadata().getLabels().containsKey("abacus.lab/plan"))
                .findFirst()
                .orElseThrow();
        String evicted = controller.evict(job.getMetadata().getName(), 0, 3);
        assertThat(sweep.get().after().settled()).isTrue();

        assertThat(cluster.client.pods().inNamespace(NS).list().getItems()).hasSize(2);
        assertThat(cluster.client
                        .pods()
                        .inNamespace(NS)
                        .withName(evicted)
                        .get()
                        .getStatus()
                        .getConditions())
                .anySatisfy(c -> assertThat(c.getType()).isEqualTo("DisruptionTarget"));
        List<Row> succeeded = spark.read()
                .parquet(storage.table("runs").toString())
                .where("run_id = '" + runId + "' and status = 'succeeded'")
                .collectAsList();
        assertThat(succeeded).as("one committed result").hasSize(1);
        Storage whole = store(wholeFile);
        assertThat(rows(storage, "select step, loss from metrics"))
                .isEqualTo(rows(whole, "select step, loss from metrics"))
                .hasSize(300);
        System.out.printf(
                "[figures] evicted pod %s replaced while running: 1 succeeded row, 300 metric rows equal to an uninterrupted run%n",
                evicted);
    }

    @Test
    void aConfigTheTrainerRejectsFailsItsIndexAtOnceWithoutRetries() throws Exception {
        Path file = TinySweep.write(
                dir, "reject", root.toString(), 6, "\"model.embedding\" = [abacus, nope]", launcher(true));
        SweepSpec spec = SweepSpec.load(file, List.of());
        Storage storage = store(file);
        lab.abacus.orchestration.DatasetStage.ensure(
                spark,
                storage,
                new lab.abacus.lease.Leases(storage, lab.abacus.lease.LeaseSettings.from(spec.config())),
                spec.points(),
                System.out);
        RunPoint good = spec.points().get(0).point();
        RunPoint bad = spec.points().get(1).point();
        bad = bad.withConfig(bad.config()
                .withValue("abacus.train.batch-size", com.typesafe.config.ConfigValueFactory.fromAnyRef(-3)));
        KubernetesLauncher launcher = KubernetesLauncher.connect(
                LauncherSettings.from(spec.config()).kubernetes(), spec.config(), storage, System.out);
        List<PointOutcome> outcomes = launcher.launch(
                List.of(good, bad),
                new LaunchContext(storage.ref(), p -> RunOptions.defaults(), p -> ProgressListener.NONE));
        Map<String, PointOutcome> byRun = outcomes.stream().collect(Collectors.toMap(PointOutcome::runId, o -> o));
        assertThat(byRun.get(good.target().runId()).status()).isEqualTo(RunResult.Status.SUCCEEDED);
        PointOutcome rejected = byRun.get(bad.target().runId());
        assertThat(rejected.status()).isEqualTo(RunResult.Status.FAILED);
        assertThat(rejected.reason()).contains("exit 2", "not retried", "batch-size");
        Set<String> podsOfBad = cluster.client.pods().inNamespace(NS).list().getItems().stream()
                .filter(p -> rejected.where()
                        .endsWith(
                                "index " + p.getMetadata().getLabels().get("batch.kubernetes.io/job-completion-index")))
                .map(p -> p.getMetadata().getName())
                .collect(Collectors.toSet());
        assertThat(podsOfBad).as("one pod, although backoffLimitPerIndex is 2").hasSize(1);

        // The sweep's retries (max-retries = 1) come from the Jobs the cluster still has: one more Job, then none.
        LaunchContext context =
                new LaunchContext(storage.ref(), p -> RunOptions.defaults(), p -> ProgressListener.NONE);
        assertThat(launcher.launch(List.of(bad), context))
                .singleElement()
                .satisfies(o -> assertThat(o.reason()).contains("exit 2"));
        int jobs = cluster.jobs(NS).size();
        assertThat(launcher.launch(List.of(bad), context)).singleElement().satisfies(o -> {
            assertThat(o.status()).isEqualTo(RunResult.Status.FAILED);
            assertThat(o.reason()).contains("failed in 2 Job(s) (sweep.max-retries = 1)", "exit 2");
        });
        assertThat(cluster.jobs(NS)).as("no third Job").hasSize(jobs);
    }

    @Test
    void theScheduledReconcilerSubmitsAndReturnsAndItsNextRunCollects() throws Exception {
        Path file = TinySweep.write(
                dir, "cron", root.toString(), 12, "\"model.embedding\" = [abacus, nope]", launcher(false));
        SweepRunner.Result submitted = run(file);
        assertThat(submitted.settled())
                .as("every point handed over to a live Job: a successful pass")
                .isTrue();
        assertThat(submitted.outcomes())
                .hasSize(2)
                .allSatisfy(o -> assertThat(o.busy()).isTrue());
        assertThat(submitted.gridsEvaluated()).isZero();
        Job job = cluster.jobs(NS).stream()
                .filter(j -> j.getMetadata().getLabels().containsKey("abacus.lab/plan"))
                .findFirst()
                .orElseThrow();
        long deadline = System.currentTimeMillis() + 120_000;
        while (System.currentTimeMillis() < deadline
                && !finished(job.getMetadata().getName())) {
            Thread.sleep(250);
        }
        SweepRunner.Result collected = run(file);
        assertThat(collected.after().complete()).isTrue();
        assertThat(collected.pointsLaunched()).as("nothing trained twice").isZero();
        assertThat(collected.gridsEvaluated()).isEqualTo(2);
        assertThat(cluster.jobs(NS)).as("the template and one trainer Job").hasSize(2);
    }

    private boolean finished(String job) {
        Job j = cluster.client.batch().v1().jobs().inNamespace(NS).withName(job).get();
        return j.getStatus() != null
                && j.getStatus().getConditions() != null
                && j.getStatus().getConditions().stream().anyMatch(c -> "Complete".equals(c.getType()));
    }

    // ---- fixtures ----

    private SweepRunner.Result run(Path file) {
        SweepSpec spec = SweepSpec.load(file, List.of());
        Storage storage = store(file);
        return SweepRunner.of(spark, storage, spec, System.out).run(spec);
    }

    private String runPrinting(Path file) {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        SweepSpec spec = SweepSpec.load(file, List.of());
        try (PrintStream out = new PrintStream(bytes, true, StandardCharsets.UTF_8)) {
            SweepRunner.Result r = SweepRunner.of(spark, store(file), spec, out).run(spec);
            assertThat(r.after().settled())
                    .as(bytes.toString(StandardCharsets.UTF_8))
                    .isTrue();
        }
        String text = bytes.toString(StandardCharsets.UTF_8);
        System.out.print(text);
        return text;
    }

    private static Storage store(Path file) {
        return StorageRef.from(SweepSpec.load(file, List.of()).config()).open();
    }

    private static List<String> rows(Storage storage, String query) {
        TableViews.register(spark, storage);
        return spark.sql(query).collectAsList().stream()
                .map(Row::toString)
                .sorted()
                .toList();
    }
}
