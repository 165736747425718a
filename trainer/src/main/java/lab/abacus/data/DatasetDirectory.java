package lab.abacus.data;

import java.io.UncheckedIOException;
import java.util.Optional;
import lab.abacus.storage.Storage;
import org.apache.hadoop.fs.Path;

/**
 * Layout of one dataset: {@code <root>/datasets/<id>/{train,eval}/part-NNNNN.parquet} and {@code manifest.json},
 * which is written last: a dataset is complete exactly when its manifest parses and names this id.
 */
public final class DatasetDirectory {

    public static final String TRAIN = "train";
    public static final String EVAL = "eval";

    private DatasetDirectory() {}

    public static Path path(Storage storage, String datasetId) {
        return storage.dataset(datasetId);
    }

    public static Path split(Storage storage, String datasetId, String split) {
        return new Path(path(storage, datasetId), split);
    }

    public static Path manifest(Storage storage, String datasetId) {
        return new Path(path(storage, datasetId), DatasetManifest.FILE_NAME);
    }

    /** File name of logical shard {@code shard} (the same whatever Spark partition wrote it). */
    public static String partFile(int shard) {
        return String.format("part-%05d.parquet", shard);
    }

    /**
     * Whether dataset {@code datasetId} is complete, whatever its task family: its manifest is JSON that names it
     * (each family's manifest reader checks the rest).
     */
    public static boolean isComplete(Storage storage, String datasetId) {
        Path m = manifest(storage, datasetId);
        if (!storage.exists(m)) {
            return false;
        }
        try {
            com.typesafe.config.Config c = com.typesafe.config.ConfigFactory.parseString(storage.readString(m));
            return c.hasPath("dataset_id") && datasetId.equals(c.getString("dataset_id"));
        } catch (com.typesafe.config.ConfigException | UncheckedIOException e) {
            return false;
        }
    }

    /** The manifest of a complete dataset, or empty when the dataset is missing or incomplete. */
    public static Optional<DatasetManifest> readComplete(Storage storage, String datasetId) {
        Path m = manifest(storage, datasetId);
        if (!storage.exists(m)) {
            return Optional.empty();
        }
        try {
            DatasetManifest manifest = DatasetManifest.parse(storage.readString(m));
            return manifest.datasetId().equals(datasetId) ? Optional.of(manifest) : Optional.empty();
        } catch (IllegalArgumentException | UncheckedIOException e) {
            return Optional.empty();
        }
    }
}
