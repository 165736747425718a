package lab.abacus.train;

/**
 * Which run to train: its id (the directory {@code <root>/runs/<run-id>/} and the tables' key), the dataset it
 * reads ({@code <root>/datasets/<dataset-id>/}), and labels for the {@code runs} table.
 *
 * @param runId     content-addressed run id (computed by the sweep expansion)
 * @param datasetId dataset id (the dataset must be complete: its manifest.json exists)
 * @param task      task name for the runs row (null: taken from the dataset manifest's {@code task} if any)
 * @param sweep     sweep name for the runs row (null when run alone)
 */
public record RunSpec(String runId, String datasetId, String task, String sweep) {

    public RunSpec {
        if (runId == null || !runId.matches("[A-Za-z0-9][A-Za-z0-9._-]*")) {
            throw new IllegalArgumentException("run id must be a non-empty [A-Za-z0-9._-] name: " + runId);
        }
        if (datasetId == null || datasetId.isBlank()) {
            throw new IllegalArgumentException("dataset id is required");
        }
    }

    public static RunSpec of(String runId, String datasetId) {
        return new RunSpec(runId, datasetId, null, null);
    }
}
