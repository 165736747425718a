package lab.abacus.orchestration;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import lab.abacus.lease.Leases;
import lab.abacus.sql.TableViews;
import lab.abacus.storage.Storage;
import lab.abacus.storage.StorageRef;
import lab.abacus.sweep.SweepPlan.State;
import lab.abacus.sweep.SweepSpec;
import lab.abacus.testing.LocalSpark;
import lab.abacus.train.RunOptions;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A structural-grokking sweep end to end: Dyck, 2 depths x 2 seeds, a few steps. The dataset is generated, every
 * point trains with both held-out sets scored at the cadence, no grid is evaluated, and the report has the curves
 * and the inverted-U table; a second run does nothing.
 */
class StructuralSweepTest {

    static SparkSession spark;

    @BeforeAll
    static void start() {
        spark = LocalSpark.start("StructuralSweepTest");
    }

    @AfterAll
    static void stop() {
        spark.stop();
    }

    static Path sweepFile(Path dir, Path root) throws Exception {
        Path file = dir.resolve("dyck-tiny.conf");
        Files.writeString(file, """
                abacus {
                  storage.root = "%s"
                  data {
                    task = dyck
                    train.rows = 300
                    dyck { types = 2, max-depth = 3, min-length = 4, val-rows = 20, gen-rows = 20 }
                    shards = 1
                    eval-shards = 1
                  }
                  model { hidden = 16, intermediate = 32, heads = 2, architecture = standard,
                          embedding = learned }
                  train {
                    batch-size = 8
                    budget { steps = 8, time = "0s" }
                    checkpoint.every-steps = 4
                    metrics-every = 2
                    eval { every = 4, samples = 10, batch = 10, dyck-min-distance = 1, structure-samples = 5 }
                    threads { intra = 1, inter = 1 }
                    progress = false
                  }
                  eval.report { threshold = 0.5, last-k = 2 }
                  launcher.type = local
                  sweep {
                    name = dyck-tiny
                    seeds = [1, 2]
                    grid { "model.layers" = [1, 2] }
                  }
                }
                """.formatted(root));
        return file;
    }

    @Test
    void aDyckSweepTrainsScoresAndReportsWithoutAGrid(@TempDir Path dir) throws Exception {
        Path root = dir.resolve("root");
        Storage storage = StorageRef.of(root.toUri().toString()).open();
        SweepSpec spec = SweepSpec.load(sweepFile(dir, root), List.of());
        SweepRunner runner = new SweepRunner(
                spark,
                storage,
                storage.ref(),
                new LocalLauncher(1, storage),
                GridStage.standard(),
                job -> RunOptions.defaults().withSignals(false),
                new Leases(storage, Duration.ofSeconds(30), Duration.ofMinutes(3)),
                System.out);

        SweepRunner.Result first = runner.run(spec);
        assertThat(first.datasetsGenerated()).isEqualTo(1);
        assertThat(first.pointsLaunched()).isEqualTo(4);
        assertThat(first.gridsEvaluated()).isZero();
        assertThat(first.after().count(State.DONE)).isEqualTo(4);

        TableViews.register(spark, storage);
        List<Row> evals = spark.sql("SELECT run_id, step FROM metrics WHERE id_acc IS NOT NULL"
                        + " AND ood_acc IS NOT NULL AND id_loss IS NOT NULL ORDER BY run_id, step")
                .collectAsList();
        assertThat(evals).hasSize(4 * 2).allMatch(r -> r.getLong(1) == 4 || r.getLong(1) == 8);
        assertThat(spark.sql("SELECT count(*) FROM eval_cells").first().getLong(0))
                .isZero();

        Path report = root.resolve("sweeps/dyck-tiny/report");
        String md = Files.readString(report.resolve("report.md"));
        assertThat(md)
                .contains("## Held-out curves")
                .contains("| layers=1 | 2 |")
                .contains("| layers=2 | 2 |")
                .doesNotContain("exact match")
                .contains("OOD > 50% at some evaluation")
                .contains("OOD > 50% at the last 2");
        assertThat(report.resolve("curves/inverted-u.png")).exists();
        assertThat(report.resolve("curves/weight-norm.png")).exists();
        assertThat(report.resolve("curves/weight-norm-per-layer.png")).exists();
        assertThat(md).contains("### weight norm per layer (mean over seeds)");
        assertThat(report.resolve("curves/attention-entropy.png")).exists();
        assertThat(spark.sql("SELECT count(*) FROM structure WHERE measure = 'attention_entropy' AND layer = 0")
                        .first()
                        .getLong(0))
                .isEqualTo(4 * 2);
        assertThat(Files.readString(report.resolve("index.html"))).contains("<h2>Held-out curves</h2>");

        SweepRunner.Result again = runner.run(spec);
        assertThat(again.noWork()).isTrue();
    }
}
