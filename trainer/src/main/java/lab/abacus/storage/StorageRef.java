package lab.abacus.storage;

import com.typesafe.config.Config;
import com.typesafe.config.ConfigValueFactory;
import java.io.Serializable;
import java.util.Collections;
import java.util.Map;
import java.util.TreeMap;
import lab.abacus.config.Settings;
import org.apache.hadoop.conf.Configuration;

/**
 * A storage root as every process opens it: the root URI plus the Hadoop settings its file system needs
 * ({@code fs.s3a.endpoint}, credentials providers, ...). The one way a root travels: serializable for Spark tasks,
 * written into a trainer process's config by {@link #applyTo}, opened by {@link #open()} in the driver, an executor
 * or a container alike.
 *
 * <p>Made from a config by {@link #from(Config)} ({@code abacus.storage.root} and {@code abacus.spark.hadoop}); the
 * Spark side adds the session's {@code spark.hadoop.*} settings with {@link #withHadoopDefaults}, so a setting given
 * to spark-submit reaches every task and every trainer process.
 *
 * @param root   a path (taken relative to the working directory where it is opened) or a file://, hdfs:// or s3a://
 *               URI
 * @param hadoop Hadoop settings applied to the file system's configuration, sorted by key
 */
public record StorageRef(String root, Map<String, String> hadoop) implements Serializable {

    /** Where {@link #from} reads the root, and where {@link #applyTo} writes it. */
    public static final String ROOT_KEY = "abacus.storage.root";
    /** Where {@link #from} reads the Hadoop settings, and where {@link #applyTo} writes them. */
    public static final String HADOOP_KEY = "abacus.spark.hadoop";

    public StorageRef {
        if (root == null || root.isBlank()) {
            throw new IllegalArgumentException("storage root must not be empty");
        }
        hadoop = Collections.unmodifiableMap(new TreeMap<>(hadoop));
    }

    /** A root with no Hadoop settings of its own (a local path, or a URI that says everything, e.g. hdfs://h:p/x). */
    public static StorageRef of(String root) {
        return new StorageRef(root, Map.of());
    }

    /** {@code abacus.storage.root} and {@code abacus.spark.hadoop} of a validated config. */
    public static StorageRef from(Config config) {
        Settings s = Settings.section(config, "abacus.storage");
        String root = s.string("root");
        s.require(!root.isBlank(), "root", "must not be empty");
        Map<String, String> hadoop = new TreeMap<>();
        config.getConfig(HADOOP_KEY)
                .entrySet()
                .forEach(e -> hadoop.put(
                        e.getKey().replace("\"", ""),
                        String.valueOf(e.getValue().unwrapped())));
        return new StorageRef(root, hadoop);
    }

    /** This ref with {@code defaults} added under its own settings (its own win where both set a key). */
    public StorageRef withHadoopDefaults(Map<String, String> defaults) {
        Map<String, String> merged = new TreeMap<>(defaults);
        merged.putAll(hadoop);
        return new StorageRef(root, merged);
    }

    /** {@code config} with this root and these Hadoop settings, for a process that opens the root itself. */
    public Config applyTo(Config config) {
        Config c = config.withValue(ROOT_KEY, ConfigValueFactory.fromAnyRef(root));
        return hadoop.isEmpty() ? c : c.withValue(HADOOP_KEY, ConfigValueFactory.fromMap(hadoop));
    }

    /** The Hadoop configuration of this root: the defaults on the class path plus {@link #hadoop}. */
    public Configuration hadoopConfiguration() {
        Configuration conf = new Configuration();
        hadoop.forEach(conf::set);
        // A trainer checkpoints from its own stop hook while shutdown hooks run: Hadoop's hook must not close the
        // file system under it (HDFS would fail with "Filesystem closed"). Every write here closes its own streams.
        conf.setBoolean("fs.automatic.close", false);
        return conf;
    }

    /** Open the root (its file system is resolved now; a bad URI or an unknown scheme fails here). */
    public Storage open() {
        return Storage.open(this);
    }
}
