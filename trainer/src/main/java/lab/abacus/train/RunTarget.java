package lab.abacus.train;

import com.typesafe.config.Config;
import lab.abacus.data.DataSettings;
import lab.abacus.data.DatasetId;
import lab.abacus.sweep.RunConfig;
import lab.abacus.sweep.RunId;

/**
 * Which run to train: its id (the directory {@code <root>/runs/<run-id>/} and the tables' key), the dataset it
 * reads ({@code <root>/datasets/<dataset-id>/}), and labels for the {@code runs} table.
 *
 * @param runId     content-addressed run id (computed by the sweep expansion)
 * @param datasetId dataset id (the dataset must be complete: its manifest.json exists)
 * @param task      task name for the runs row (null: taken from the dataset manifest's {@code task} if any)
 * @param sweep     sweep name for the runs row (null when run alone)
 */
public record RunTarget(String runId, String datasetId, String task, String sweep) {

    public RunTarget {
        if (runId == null || !runId.matches("[A-Za-z0-9][A-Za-z0-9._-]*")) {
            throw new IllegalArgumentException("run id must be a non-empty [A-Za-z0-9._-] name: " + runId);
        }
        if (datasetId == null || datasetId.isBlank()) {
            throw new IllegalArgumentException("dataset id is required");
        }
    }

    public static RunTarget of(String runId, String datasetId) {
        return new RunTarget(runId, datasetId, null, null);
    }

    /**
     * The target a resolved config names: run id = content address of its data/model/train sections
     * ({@link RunId}), dataset id from {@code abacus.data} ({@link DatasetId}), task from {@code abacus.data.task},
     * sweep from {@code abacus.sweep.name} (if set).
     */
    public static RunTarget of(Config resolved) {
        DataSettings data = DataSettings.from(resolved);
        String sweep = resolved.hasPath("abacus.sweep.name") ? resolved.getString("abacus.sweep.name") : "";
        return new RunTarget(RunId.of(RunConfig.of(resolved)).value(), DatasetId.of(data),
                resolved.getString("abacus.data.task"), sweep.isBlank() ? null : sweep);
    }
}
