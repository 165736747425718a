package lab.abacus.gridjob;

import static org.assertj.core.api.Assertions.assertThat;

import com.typesafe.config.Config;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import lab.abacus.config.AbacusConfig;
import lab.abacus.datagen.GenerateDatasetsJob;
import lab.abacus.run.RunResult;
import lab.abacus.storage.Storage;
import lab.abacus.storage.StorageRef;
import lab.abacus.testing.AbacusSubmit;
import lab.abacus.testing.LocalSpark;
import lab.abacus.testing.StandaloneSparkCluster;
import lab.abacus.train.ProgressListener;
import lab.abacus.train.RunTrainer;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * End to end on a real standalone cluster (Master + 2 Workers on 127.0.0.1, executors in their own JVMs): generate a
 * tiny addition dataset, train a tiny model (in this JVM, as the local launcher does), then spark-submit the shaded
 * jar's {@code eval} verb to evaluate a 4×4 grid on the cluster, run it again (nothing to do), query the
 * {@code results} view with the {@code sql} verb and write the run's heatmap with the {@code report} verb.
 */
class GridClusterIT {

    @RegisterExtension
    static final StandaloneSparkCluster CLUSTER = StandaloneSparkCluster.withWorkers(2);

    @TempDir
    static Path root;

    @Test
    void trainEvaluateOnTheClusterAndQueryResults() throws Exception {
        List<String> settings = List.of(
                "storage.root=\"" + root.toUri() + "\"",
                "data.task=addition",
                "data.train.len-a=2",
                "data.train.len-b=2",
                "data.train.rows=4000",
                "data.eval.len-a-to=4",
                "data.eval.len-b-to=4",
                "data.eval.samples=6",
                "data.eval.diagonal-to=0",
                "data.shards=2",
                "data.eval-shards=2",
                "model.hidden=32",
                "model.intermediate=64",
                "model.heads=2",
                "model.layers=2",
                "model.abacus.max-k=20",
                "train.batch-size=32",
                "train.lr=3e-3",
                "train.budget.steps=40",
                "train.threads.intra=1",
                "train.threads.inter=1",
                "train.eval.every=0",
                "train.eval.samples=0",
                "train.checkpoint.every-steps=20",
                "train.checkpoint.every-time=0s",
                "train.progress=false",
                "eval.grids.addition.a=[1,4]",
                "eval.grids.addition.b=[1,4]",
                "eval.grids.addition.diagonal=[]",
                "eval.samples-per-cell=6",
                "eval.partitions=4",
                "eval.flush-cells=2",
                "eval.progress-seconds=2");
        Config config = AbacusConfig.load(null, settings);
        Path conf = root.resolve("grid-it.conf");
        Files.writeString(
                conf,
                "abacus {\n"
                        + String.join("\n", settings.stream().map(s -> "  " + s).toList()) + "\n}\n");

        SparkSession local = LocalSpark.start("GridClusterIT-datagen");
        try {
            GenerateDatasetsJob.run(local, config);
        } finally {
            local.stop();
        }
        Storage storage = StorageRef.of(root.toUri().toString()).open();
        RunResult trained = RunTrainer.run(config, storage, ProgressListener.NONE);
        assertThat(trained.status()).isEqualTo(RunResult.Status.SUCCEEDED);
        String runId = trained.runId();

        StandaloneSparkCluster.Submission eval = submit("eval", conf.toString(), "--run", runId);
        assertThat(eval.exitCode())
                .as("eval exit code; log %s:%n%s", eval.log(), tail(eval.output()))
                .isZero();
        assertThat(eval.output()).contains("16 grid cells, 0 already done, 16 evaluated");
        Matcher partitions = Pattern.compile("(?m)^  partition \\d+: \\d+ cells, predicted cost [^,]+, measured")
                .matcher(eval.output());
        assertThat(partitions.results().count()).isEqualTo(4);

        StandaloneSparkCluster.Submission again = submit("eval", conf.toString(), "--run", runId);
        assertThat(again.exitCode()).isZero();
        assertThat(again.output()).contains("16 grid cells, 16 already done, 0 evaluated");

        StandaloneSparkCluster.Submission sql = submit(
                "sql",
                "-c",
                conf.toString(),
                "select count(*) as cells, sum(n) as problems, sum(case when in_distribution then 1 else 0 end) as id, "
                        + "max(model_hidden) as hidden, count(distinct run_id) as runs from results");
        assertThat(sql.exitCode())
                .as("sql exit code; log %s:%n%s", sql.log(), tail(sql.output()))
                .isZero();
        assertThat(sql.output()).containsPattern("(?m)^16\\s+96\\s+4\\s+32\\s+1\\s*$");

        StandaloneSparkCluster.Submission report = submit("report", "-c", conf.toString(), runId);
        assertThat(report.exitCode())
                .as("report exit code; log %s:%n%s", report.log(), tail(report.output()))
                .isZero();
        Path heatmap = root.resolve("runs").resolve(runId).resolve("report").resolve("heatmap-addition_r1.png");
        assertThat(javax.imageio.ImageIO.read(heatmap.toFile()))
                .as("heatmap %s", heatmap)
                .isNotNull();
        assertThat(report.output()).contains("addition r1: 16 cells");
    }

    private static StandaloneSparkCluster.Submission submit(String... verb) {
        return CLUSTER.submit(Duration.ofMinutes(8), AbacusSubmit.verb("1g", "", List.of(), verb));
    }

    private static String tail(String out) {
        return AbacusSubmit.tail(out, 60);
    }
}
