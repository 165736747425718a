package lab.abacus.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import lab.abacus.config.AbacusConfig;
import lab.abacus.run.RunTarget;
import lab.abacus.storage.Storage;
import lab.abacus.storage.StorageRef;
import lab.abacus.tables.TableReader;
import lab.abacus.testing.LocalSpark;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * One trained looped model, scored two ways without retraining: as trained (2 recurrences) and with 4, each its own
 * rows in eval_cells and its own grid in the run's report.
 */
class EvalVariantsTest {

    private static SparkSession spark;

    @BeforeAll
    static void start() {
        spark = LocalSpark.start("EvalVariantsTest");
    }

    @AfterAll
    static void stop() {
        spark.stop();
    }

    @Test
    void aLoopedCheckpointIsScoredWithTwoRecurrenceCountsWithoutRetraining(@TempDir Path dir) throws Exception {
        Path conf = dir.resolve("looped.conf");
        Files.writeString(conf, """
                abacus {
                  storage.root = "%s"
                  data {
                    train { len-a = 2, len-b = 2, rows = 200 }
                    eval { len-a-to = 3, len-b-to = 3, samples = 2, diagonal-to = 0 }
                    shards = 1
                    eval-shards = 1
                  }
                  model { hidden = 16, intermediate = 32, heads = 2, layers = 1, architecture = looped, recurrence = 2 }
                  train {
                    batch-size = 8
                    budget.steps = 4
                    eval.samples = 0
                    threads { intra = 1, inter = 1 }
                    progress = false
                  }
                  eval {
                    grids.addition { a = [1, 3], b = [1, 3], diagonal = [] }
                    samples-per-cell = 2
                    partitions = 1
                  }
                }
                """.formatted(dir.resolve("root")));
        assertThat(CliRun.run("datagen", conf.toString()).code()).isZero();
        CliRun train = CliRun.run("train", conf.toString());
        assertThat(train.code()).as(train.err()).isZero();
        String run = RunTarget.of(AbacusConfig.load(conf, List.of())).runId();

        CliRun asTrained = CliRun.run("eval", conf.toString(), "--run", run);
        assertThat(asTrained.code()).as(asTrained.err()).isZero();
        assertThat(asTrained.out()).contains("(addition, r2): 9 grid cells, 0 already done, 9 evaluated");
        CliRun deeper = CliRun.run("eval", conf.toString(), "--run", run, "--set", "eval.recurrences=4");
        assertThat(deeper.code()).as(deeper.err()).isZero();
        assertThat(deeper.out()).contains("(addition, r4): 9 grid cells, 0 already done, 9 evaluated");
        CliRun again = CliRun.run("eval", conf.toString(), "--run", run, "--set", "eval.recurrences=4");
        assertThat(again.out()).contains("9 already done, 0 evaluated");

        Storage storage = StorageRef.of(dir.resolve("root").toString()).open();
        Map<Object, Long> rowsByVariant = TableReader.read(storage, "eval_cells").stream()
                .collect(Collectors.groupingBy(r -> r.get("eval_recurrences"), Collectors.counting()));
        assertThat(rowsByVariant).containsOnly(Map.entry(2, 9L), Map.entry(4, 9L));
        assertThat(TableReader.read(storage, "runs")).allMatch(r -> run.equals(r.get("run_id")));

        CliRun report = CliRun.run("report", run, "--set", "storage.root=" + dir.resolve("root"));
        assertThat(report.code()).as(report.err()).isZero();
        String md = Files.readString(dir.resolve("root/runs/" + run + "/report/report.md"));
        assertThat(md).contains("| addition r2 | 9 |").contains("| addition r4 | 9 |");
    }
}
