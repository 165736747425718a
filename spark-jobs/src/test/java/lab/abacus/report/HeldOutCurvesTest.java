package lab.abacus.report;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import lab.abacus.report.HeldOutCurves.Point;
import lab.abacus.testing.LocalSpark;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Held-out curves joined from hand-written {@code metrics}, {@code structure} and {@code runs} views. */
class HeldOutCurvesTest {

    private static SparkSession spark;

    @BeforeAll
    static void start() {
        spark = LocalSpark.start("HeldOutCurvesTest");
    }

    @AfterAll
    static void stop() {
        spark.stop();
    }

    private static void view(String name, String values, String columns) {
        spark.sql("SELECT * FROM VALUES " + values + " AS t(" + columns + ")").createOrReplaceTempView(name);
    }

    @Test
    void evaluationsCarryTheirNormsEntropyAndTScore() {
        view(
                "metrics",
                "('r1', 5L, NULL, NULL, 5.0D), ('r1', 10L, 0.5D, 0.25D, 6.0D), ('r1', 20L, 0.75D, 0.5D, 9.0D),"
                        + " ('r2', 10L, 1.0D, 0.0D, 4.0D)",
                "run_id, step, id_acc, ood_acc, weight_norm");
        view(
                "structure",
                "('r1', 10L, 'attention_entropy', 0, 1.5D), ('r1', 10L, 'attention_entropy', 1, 9.0D),"
                        + " ('r1', 10L, 't_score', 0, 1.1D), ('r1', 15L, 't_score', 0, 1.2D)",
                "run_id, step, measure, layer, value");
        view("runs", "('r1', 3), ('r1', 3)", "run_id, model_layers");

        Map<String, List<Point>> curves = HeldOutCurves.read(spark, List.of("r1", "r2"));

        // step 5 has no held-out accuracy: not a point; step 15 is a t_score of its own
        assertThat(curves.get("r1")).extracting(Point::step).containsExactly(10L, 15L, 20L);
        Point ten = curves.get("r1").get(0);
        assertThat(ten.weightNorm()).isEqualTo(6.0);
        assertThat(ten.weightNormPerLayer()).isEqualTo(2.0);
        assertThat(ten.attentionEntropy()).isEqualTo(1.5); // the model's mean (layer 0), not a layer's
        assertThat(ten.tScore()).isEqualTo(1.1);
        Point fifteen = curves.get("r1").get(1);
        assertThat(fifteen.tScore()).isEqualTo(1.2);
        assertThat(fifteen.id()).isNull();
        assertThat(curves.get("r1").get(2).weightNormPerLayer()).isEqualTo(3.0);
        // a run missing from runs: its norm, but no per-layer norm
        assertThat(curves.get("r2").get(0).weightNorm()).isEqualTo(4.0);
        assertThat(curves.get("r2").get(0).weightNormPerLayer()).isNull();
    }
}
