package lab.abacus.storage;

import com.typesafe.config.Config;
import lab.abacus.config.Settings;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * {@code abacus.storage} and {@code abacus.spark.hadoop}: the root URI and the Hadoop settings its file system needs.
 */
public record StorageSettings(String root, Map<String, String> hadoop) {

    public static StorageSettings from(Config config) {
        Settings s = Settings.section(config, "abacus.storage");
        String root = s.string("root");
        s.require(!root.isBlank(), "root", "must not be empty");
        Map<String, String> hadoop = new LinkedHashMap<>();
        Config h = config.getConfig("abacus.spark.hadoop");
        h.entrySet().forEach(e -> hadoop.put(e.getKey().replace("\"", ""), String.valueOf(e.getValue().unwrapped())));
        return new StorageSettings(root, Map.copyOf(hadoop));
    }
}
