package lab.abacus.spark;

import com.typesafe.config.Config;
import com.typesafe.config.ConfigValue;
import java.util.LinkedHashMap;
import java.util.Map;
import lab.abacus.config.Settings;
import lab.abacus.storage.StorageRef;

/**
 * {@code abacus.spark}: the master used when not launched by spark-submit, extra {@code spark.*} settings, and the
 * Hadoop settings of the storage root ({@link StorageRef#from}), which every executor's Hadoop configuration gets.
 */
public record SparkSettings(String master, Map<String, String> conf, Map<String, String> hadoop) {

    public static SparkSettings from(Config config) {
        Settings s = Settings.section(config, "abacus.spark");
        String master = s.string("master");
        s.require(!master.isBlank(), "master", "must not be empty (e.g. local[*] or spark://host:7077)");
        Map<String, String> conf = flat(config.getConfig("abacus.spark.conf"));
        conf.keySet()
                .forEach(
                        k -> s.require(
                                k.startsWith("spark."),
                                "conf",
                                "'" + k
                                        + "' is not a Spark setting (keys start with 'spark.'; quote them: \"spark.x.y\" = ...)"));
        return new SparkSettings(
                master, Map.copyOf(conf), StorageRef.from(config).hadoop());
    }

    /** Whether {@code master} runs everything inside this JVM. */
    public static boolean isLocal(String master) {
        return master.equals("local") || master.startsWith("local[");
    }

    /**
     * Keys as written: {@code "spark.sql.shuffle.partitions" = 8} (quoted, one key) and the unquoted nested form
     * {@code spark.sql.shuffle.partitions = 8} both give {@code spark.sql.shuffle.partitions}.
     */
    private static Map<String, String> flat(Config c) {
        Map<String, String> out = new LinkedHashMap<>();
        for (Map.Entry<String, ConfigValue> e : c.entrySet()) {
            out.put(e.getKey().replace("\"", ""), String.valueOf(e.getValue().unwrapped()));
        }
        return out;
    }
}
