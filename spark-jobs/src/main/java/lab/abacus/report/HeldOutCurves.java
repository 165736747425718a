package lab.abacus.report;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.functions;

/**
 * The held-out curves of runs from the {@code metrics} view (registered by {@link lab.abacus.sql.TableViews}):
 * every evaluation step's in- and out-of-distribution accuracy, with the weight norm of that step (in total and
 * divided by the run's layers, {@code runs.model_layers}: the paper compares depths by ‖θ‖ / L) and, from the
 * {@code structure} view, the attention entropy (mean over layers) and tree projections' t_score where they were
 * measured (a t_score between evaluations is a point of its own).
 */
final class HeldOutCurves {

    /** One evaluation of one run. */
    record Point(
            long step,
            Double id,
            Double ood,
            Double weightNorm,
            Double weightNormPerLayer,
            Double attentionEntropy,
            Double tScore) {}

    private HeldOutCurves() {}

    /** run id → its evaluations in step order (runs without any are absent). */
    static Map<String, List<Point>> read(SparkSession spark, List<String> runIds) {
        Map<String, List<Point>> out = new LinkedHashMap<>();
        if (runIds.isEmpty()) {
            return out;
        }
        List<Row> rows = spark.table("metrics")
                .where(functions
                        .col("run_id")
                        .isin(runIds.toArray())
                        .and(functions
                                .col("id_acc")
                                .isNotNull()
                                .or(functions.col("ood_acc").isNotNull())))
                .select("run_id", "step", "id_acc", "ood_acc", "weight_norm")
                .orderBy("run_id", "step")
                .collectAsList();
        Map<String, Double> entropy = structure(spark, runIds, "attention_entropy");
        Map<String, Double> tScore = structure(spark, runIds, "t_score");
        Map<String, Integer> layers = layers(spark, runIds);
        for (Row r : rows) {
            String key = r.getString(0) + "@" + r.getLong(1);
            Double norm = value(r, 4);
            Integer l = layers.get(r.getString(0));
            out.computeIfAbsent(r.getString(0), k -> new ArrayList<>())
                    .add(new Point(
                            r.getLong(1),
                            value(r, 2),
                            value(r, 3),
                            norm,
                            norm == null || l == null ? null : norm / l,
                            entropy.get(key),
                            tScore.remove(key)));
        }
        // t_score of checkpoints between evaluations: points of their own
        tScore.forEach((key, value) -> {
            int at = key.lastIndexOf('@');
            out.computeIfAbsent(key.substring(0, at), k -> new ArrayList<>())
                    .add(new Point(Long.parseLong(key.substring(at + 1)), null, null, null, null, null, value));
        });
        out.values().forEach(list -> list.sort(java.util.Comparator.comparingLong(Point::step)));
        return out;
    }

    /** run id → its layers ({@code runs.model_layers}). */
    private static Map<String, Integer> layers(SparkSession spark, List<String> runIds) {
        Map<String, Integer> out = new java.util.HashMap<>();
        spark.table("runs")
                .where(functions.col("run_id").isin(runIds.toArray()))
                .select("run_id", "model_layers")
                .distinct()
                .collectAsList()
                .forEach(r -> out.put(r.getString(0), ((Number) r.get(1)).intValue()));
        return out;
    }

    /** "run@step" → the model-level value of a {@code structure} measure. */
    private static Map<String, Double> structure(SparkSession spark, List<String> runIds, String measure) {
        Map<String, Double> out = new java.util.HashMap<>();
        spark.table("structure")
                .where(functions
                        .col("run_id")
                        .isin(runIds.toArray())
                        .and(functions.col("measure").equalTo(measure))
                        .and(functions.col("layer").equalTo(0)))
                .select("run_id", "step", "value")
                .collectAsList()
                .forEach(r -> out.put(r.getString(0) + "@" + r.getLong(1), r.getDouble(2)));
        return out;
    }

    private static Double value(Row r, int i) {
        return r.isNullAt(i) ? null : r.getDouble(i);
    }
}
