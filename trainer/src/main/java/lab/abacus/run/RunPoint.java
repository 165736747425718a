package lab.abacus.run;

import com.typesafe.config.Config;
import com.typesafe.config.ConfigException;
import com.typesafe.config.ConfigFactory;
import com.typesafe.config.ConfigRenderOptions;
import com.typesafe.config.ConfigValueFactory;
import java.io.Serializable;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * One run as it travels to wherever it trains (the driver, a Spark task, a trainer process, a container): its
 * {@link RunTarget} (derived once, on the driver), its place and label in the sweep, and its whole resolved config
 * as JSON text, exactly what was validated on the driver. Text, not a {@code Config}: it is what crosses a process
 * or a pod boundary, and it serializes the same way everywhere.
 *
 * @param index      the point's position in its sweep (0-based; 0 for a run trained alone)
 * @param label      the point's coordinates, e.g. {@code embedding=abacus,seed=1}
 * @param configText the resolved config, rendered as JSON
 */
public record RunPoint(int index, String label, RunTarget target, String configText) implements Serializable {

    /** A point of {@code config} (resolved and validated), which {@code target} was derived from. */
    public static RunPoint of(int index, String label, RunTarget target, Config config) {
        return new RunPoint(index, label, target, render(config));
    }

    /** The resolved config back from its text. */
    public Config config() {
        return ConfigFactory.parseString(configText).resolve();
    }

    /** The same point with another config (e.g. a launcher's storage root or thread count written into it). */
    public RunPoint withConfig(Config config) {
        return new RunPoint(index, label, target, render(config));
    }

    /** The point file a launcher hands a trainer process: target, label, index and config in one JSON object. */
    public String toJson() {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("index", index);
        m.put("label", label);
        m.put("run_id", target.runId());
        m.put("dataset_id", target.datasetId());
        m.put("task", target.task());
        m.put("sweep", target.sweep());
        m.put("config", ConfigFactory.parseString(configText).root().unwrapped());
        return ConfigValueFactory.fromMap(m)
                .render(ConfigRenderOptions.concise().setJson(true));
    }

    /** Parses {@link #toJson()}; throws {@link IllegalArgumentException} naming what is wrong. */
    public static RunPoint fromJson(String json) {
        try {
            Config c = ConfigFactory.parseString(json);
            RunTarget target =
                    new RunTarget(c.getString("run_id"), c.getString("dataset_id"), text(c, "task"), text(c, "sweep"));
            return new RunPoint(c.getInt("index"), c.getString("label"), target, render(c.getConfig("config")));
        } catch (ConfigException e) {
            throw new IllegalArgumentException("not a run point file: " + e.getMessage(), e);
        }
    }

    private static String text(Config c, String key) {
        return c.hasPath(key) ? c.getString(key) : null;
    }

    private static String render(Config config) {
        return config.root().render(ConfigRenderOptions.concise().setJson(true));
    }
}
