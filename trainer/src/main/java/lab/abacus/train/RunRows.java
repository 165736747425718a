package lab.abacus.train;

import com.typesafe.config.Config;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import lab.abacus.model.LanguageModel;
import lab.abacus.run.RunResult;
import lab.abacus.run.RunTarget;
import lab.abacus.storage.Storage;
import lab.abacus.tables.ConfigColumns;
import lab.abacus.tables.Table;
import lab.abacus.tables.TableWriter;

/**
 * The rows one run attempt appends to {@code tables/runs} and {@code tables/metrics}. A retried attempt writes rows
 * with the same keys (run_id; run_id + step) and a later {@code written_at}, so a latest-per-key view never shows
 * duplicates; under exact resume the re-written metrics rows even have the same values.
 */
final class RunRows {

    private final Storage storage;
    private final RunTarget spec;
    private final int attempt;
    private final Instant startedAt;
    private final Map<String, Object> configColumns;
    private final Long budgetSteps;
    private final TrainingClock clock;
    private String task;
    private String datasetId;
    private final List<Map<String, Object>> pending = new java.util.ArrayList<>();
    private final List<Map<String, Object>> pendingStructure = new java.util.ArrayList<>();

    /** @param clock the run's clocks (evaluation and checkpoint time); null when they are not known */
    RunRows(
            Storage storage,
            RunTarget spec,
            int attempt,
            Instant startedAt,
            Config config,
            Long budgetSteps,
            TrainingClock clock) {
        this.storage = storage;
        this.spec = spec;
        this.attempt = attempt;
        this.startedAt = startedAt;
        this.configColumns = ConfigColumns.reference().values(config);
        this.budgetSteps = budgetSteps;
        this.clock = clock;
        this.task = spec.task();
        this.datasetId = spec.datasetId();
    }

    void task(String t) {
        if (task == null) {
            task = t;
        }
    }

    void running(long step, double elapsedS) {
        run("running", null, step, elapsedS, Double.NaN, null, null);
    }

    void finished(RunResult r) {
        String status = r.status() == RunResult.Status.SUCCEEDED ? "succeeded" : "failed";
        run(status, r.reason(), r.steps(), r.elapsedS(), r.finalLoss(), r.idAcc(), r.oodAcc());
    }

    private void run(String status, String reason, long step, double elapsedS, double loss, Double id, Double ood) {
        Map<String, Object> row = new LinkedHashMap<>();
        row.put("run_id", spec.runId());
        row.put("attempt", attempt);
        row.put("status", status);
        row.put("reason", reason);
        row.put("task", task);
        row.put("dataset_id", datasetId);
        row.put("sweep", spec.sweep());
        row.put("started_at", startedAt);
        row.put("elapsed_s", elapsedS);
        row.put("eval_s", clock == null ? null : clock.eval());
        row.put("checkpoint_s", clock == null ? null : clock.checkpoint());
        row.put("precision", LanguageModel.PRECISION);
        row.put("step", step);
        row.put("budget_steps", budgetSteps);
        row.put("final_loss", Double.isNaN(loss) && !"failed".equals(status) ? null : loss);
        row.put("final_id_acc", id);
        row.put("final_ood_acc", ood);
        row.putAll(configColumns);
        TableWriter.append(storage, Table.runs(), List.of(row));
    }

    /**
     * Buffer the metrics row of {@code step}; rows reach the table on {@link #flushMetrics()} (before a checkpoint
     * and at the end). Null values are not measured at this step.
     */
    void metrics(
            long step,
            double elapsedS,
            double loss,
            double lr,
            Double tokensPerS,
            Double gradNorm,
            Double weightNorm,
            HeldOutEvaluation.Scores heldOut) {
        Map<String, Object> row = new LinkedHashMap<>();
        row.put("run_id", spec.runId());
        row.put("attempt", attempt);
        row.put("step", step);
        row.put("elapsed_s", elapsedS);
        row.put("loss", loss);
        row.put("lr", lr);
        row.put("tokens_per_s", tokensPerS);
        row.put("grad_norm", gradNorm);
        row.put("weight_norm", weightNorm);
        if (heldOut != null) {
            structure(step, "attention_entropy", heldOut.attentionEntropy(), heldOut.entropySamples());
            row.put("id_acc", heldOut.idAcc());
            row.put("ood_acc", heldOut.oodAcc());
            row.put("id_loss", heldOut.idLoss());
            row.put("ood_loss", heldOut.oodLoss());
        }
        Map<String, Object> last = pending.isEmpty() ? null : pending.get(pending.size() - 1);
        if (last != null && last.get("step").equals(step)) {
            // One row per step: a second measurement of the step (the final evaluation) completes the first.
            row.forEach((k, v) -> {
                if (v != null) {
                    last.put(k, v);
                }
            });
            return;
        }
        pending.add(row);
    }

    /** Append buffered metrics rows as one file (one small file per flush, not per row). */
    void flushMetrics() {
        if (!pending.isEmpty()) {
            TableWriter.append(storage, Table.METRICS, List.copyOf(pending));
            pending.clear();
        }
        if (!pendingStructure.isEmpty()) {
            TableWriter.append(storage, Table.STRUCTURE, List.copyOf(pendingStructure));
            pendingStructure.clear();
        }
    }

    /** A measure per layer call (layers 1..) and their mean (layer 0), buffered like the metrics rows. */
    private void structure(long step, String measure, double[] perLayer, int samples) {
        if (perLayer == null || perLayer.length == 0) {
            return;
        }
        pendingStructure.removeIf(
                r -> r.get("step").equals(step) && r.get("measure").equals(measure));
        double mean = java.util.Arrays.stream(perLayer).average().orElse(Double.NaN);
        for (int layer = 0; layer <= perLayer.length; layer++) {
            Map<String, Object> row = new LinkedHashMap<>();
            row.put("run_id", spec.runId());
            row.put("step", step);
            row.put("measure", measure);
            row.put("layer", layer);
            row.put("value", layer == 0 ? mean : perLayer[layer - 1]);
            row.put("samples", samples);
            pendingStructure.add(row);
        }
    }
}
