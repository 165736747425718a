package lab.abacus.run;

import com.typesafe.config.Config;
import java.io.Serializable;
import lab.abacus.data.DataSettings;
import lab.abacus.data.DatasetId;
import lab.abacus.structural.StructuralDataSettings;

/**
 * Which run to train: its id (the directory {@code <root>/runs/<run-id>/} and the tables' key), the dataset it
 * reads ({@code <root>/datasets/<dataset-id>/}), and labels for the {@code runs} table.
 *
 * <p>{@link #of(Config, String)} is the one place a run's identity is derived from a resolved config; every
 * launcher, the trainer process and the CLI receive the target it made instead of deriving it again.
 *
 * @param runId     content-addressed run id ({@link RunId}), or a name the user chose ({@code abacus train --run-id})
 * @param datasetId dataset id (the dataset must be complete: its manifest.json exists)
 * @param task      task name for the runs row ({@code abacus.data.task})
 * @param sweep     sweep name for the runs row (null when run alone)
 */
public record RunTarget(String runId, String datasetId, String task, String sweep) implements Serializable {

    public RunTarget {
        if (runId == null || !runId.matches("[A-Za-z0-9][A-Za-z0-9._-]*")) {
            throw new IllegalArgumentException("run id must be a non-empty [A-Za-z0-9._-] name: " + runId);
        }
        if (datasetId == null || datasetId.isBlank()) {
            throw new IllegalArgumentException("dataset id is required");
        }
        sweep = sweep == null || sweep.isBlank() ? null : sweep;
    }

    /** A target with explicit ids (tests, fixtures and {@code --run-id}/{@code --dataset} overrides). */
    public static RunTarget of(String runId, String datasetId) {
        return new RunTarget(runId, datasetId, null, null);
    }

    /** The target of a resolved config, labelled with its {@code abacus.sweep.name} (if any). */
    public static RunTarget of(Config resolved) {
        return of(resolved, resolved.hasPath("abacus.sweep.name") ? resolved.getString("abacus.sweep.name") : null);
    }

    /**
     * The target a resolved config names: run id = content address of its data/model/train sections
     * ({@link RunId}), dataset id from {@code abacus.data} ({@link DatasetId}; a structural task's from its own settings), task from {@code abacus.data.task}.
     */
    public static RunTarget of(Config resolved, String sweep) {
        String runId = RunId.of(RunConfig.of(resolved)).value();
        if (StructuralDataSettings.applies(resolved)) {
            StructuralDataSettings data = StructuralDataSettings.from(resolved);
            return new RunTarget(runId, data.datasetId(), data.task().configName(), sweep);
        }
        DataSettings data = DataSettings.from(resolved);
        return new RunTarget(runId, DatasetId.of(data), data.task().configName(), sweep);
    }

    public RunTarget withRunId(String id) {
        return new RunTarget(id, datasetId, task, sweep);
    }

    public RunTarget withDataset(String id) {
        return new RunTarget(runId, id, task, sweep);
    }
}
