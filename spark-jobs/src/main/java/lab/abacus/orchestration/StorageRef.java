package lab.abacus.orchestration;

import lab.abacus.storage.Storage;

import java.io.Serializable;
import java.util.HashMap;
import java.util.Map;

/**
 * The storage root as an executor (or a trainer container) rebuilds it: the root URI plus the Hadoop settings that
 * were set explicitly for it ({@code abacus.spark.hadoop}). Small and serializable, so it ships with a task.
 */
public record StorageRef(String root, HashMap<String, String> hadoop) implements Serializable {

    public static StorageRef of(Storage storage, Map<String, String> hadoopSettings) {
        return new StorageRef(storage.root().toString(), new HashMap<>(hadoopSettings));
    }

    public Storage open() {
        return Storage.open(root, Storage.hadoopConfiguration(hadoop));
    }
}
