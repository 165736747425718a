package lab.abacus.treejob;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import lab.abacus.config.AbacusConfig;
import lab.abacus.run.RunResult;
import lab.abacus.run.RunTarget;
import lab.abacus.storage.Storage;
import lab.abacus.storage.StorageRef;
import lab.abacus.structural.StructuralDataset;
import lab.abacus.structural.StructuralFixtures;
import lab.abacus.tables.Table;
import lab.abacus.tables.TableReader;
import lab.abacus.testing.LocalSpark;
import lab.abacus.train.ProgressListener;
import lab.abacus.train.RunOptions;
import lab.abacus.train.RunTrainer;
import lab.abacus.treeprojection.CheckpointTScore;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * t_score of a Dyck run's two checkpoints on local[2], in chunks of sentences: one structure row per checkpoint,
 * equal to the checkpoint scored in one piece, and nothing scored twice.
 */
class TreeProjectionJobTest {

    @TempDir
    static Path tmp;

    static SparkSession spark;

    @BeforeAll
    static void start() {
        spark = LocalSpark.start("TreeProjectionJobTest", tmp.resolve("warehouse"));
    }

    @AfterAll
    static void stop() {
        spark.stop();
    }

    @Test
    void scoresEachCheckpointOnceFromItsChunks() {
        Storage storage = StorageRef.of(tmp.resolve("root").toString()).open();
        String dataset = StructuralFixtures.dyck(
                storage,
                StructuralFixtures.dyckSettings("train.rows = 200, shards = 1, eval-shards = 1,"
                        + " dyck { types = 2, max-depth = 3, min-length = 4, val-rows = 10, gen-rows = 10 }"));
        RunResult trained = RunTrainer.run(
                RunTarget.of("tp", dataset),
                AbacusConfig.load(
                        null,
                        List.of(
                                "data.task=dyck",
                                "model.hidden=16",
                                "model.intermediate=32",
                                "model.heads=2",
                                "model.layers=1",
                                "model.embedding=sinusoidal",
                                "model.ffn=relu",
                                "model.head=linear",
                                "train.batch-size=8",
                                "train.budget.steps=6",
                                "train.checkpoint.every-steps=3",
                                "train.eval.samples=0",
                                "train.threads.intra=1",
                                "train.progress=false")),
                storage,
                new ProgressListener() {},
                RunOptions.defaults().withSignals(false));
        assertThat(trained.status()).isEqualTo(RunResult.Status.SUCCEEDED);

        TreeProjectionJob.Request request =
                new TreeProjectionJob.Request("tp", dataset, List.of(3L, 6L), 6, 8, 16, 2, 1, 7);
        TreeProjectionJob.Result r =
                TreeProjectionJob.run(spark, storage, request, new PrintStream(new ByteArrayOutputStream()));
        assertThat(r.tScore()).containsOnlyKeys(3L, 6L);
        assertThat(r.sentences()).isEqualTo(6);
        assertThat(r.spans()).isPositive();
        assertThat(r.spansPerSecond()).isPositive();

        List<Map<String, Object>> rows = TableReader.read(storage, Table.STRUCTURE.name()).stream()
                .filter(row -> row.get("measure").equals(TreeProjectionJob.MEASURE))
                .toList();
        assertThat(rows)
                .hasSize(2)
                .allMatch(
                        row -> row.get("layer").equals(0) && row.get("samples").equals(6));

        // the same checkpoint scored in one piece
        List<int[]> sample = StructuralDataset.open(storage, dataset).analysedSentences(6, 7, 8);
        double whole = new CheckpointTScore(storage.ref(), "tp", dataset, 6, 1)
                .score(sample, 0, 16, 7)
                .mean();
        assertThat(r.tScore().get(6L)).isCloseTo(whole, within(1e-9));

        int before = TableReader.read(storage, Table.STRUCTURE.name()).size();
        TreeProjectionJob.Result again =
                TreeProjectionJob.run(spark, storage, request, new PrintStream(new ByteArrayOutputStream()));
        assertThat(again.tScore()).isEmpty();
        assertThat(again.skipped()).isEqualTo(2);
        assertThat(TableReader.read(storage, Table.STRUCTURE.name())).hasSize(before);
    }
}
