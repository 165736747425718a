package lab.abacus.orchestration;

import com.typesafe.config.Config;
import com.typesafe.config.ConfigFactory;
import com.typesafe.config.ConfigRenderOptions;
import lab.abacus.sweep.RunSpec;

import java.io.Serializable;

/**
 * One sweep point to train, as it travels to wherever it trains (the driver, a Spark task, a container): ids,
 * labels, and the point's whole resolved config as text. Text, not a {@code Config} object: it is what a
 * Kubernetes pod would receive too, and it is exactly what was validated on the driver.
 *
 * @param index      the point's position in the sweep (0-based)
 * @param configText the point's resolved config ({@link RunSpec#config()}), rendered as JSON
 */
public record PointJob(int index, String runId, String datasetId, String task, String sweep, String label,
                       String configText) implements Serializable {

    public static PointJob of(RunSpec p, String sweep) {
        String text = p.config().root().render(ConfigRenderOptions.concise().setJson(true));
        Config c = p.config();
        return new PointJob(p.index(), p.id().value(), lab.abacus.data.DatasetId.of(lab.abacus.data.DataSettings.from(c)),
                c.getString("abacus.data.task"), sweep, p.label(), text);
    }

    /** The resolved config back from its text. */
    public Config config() {
        return ConfigFactory.parseString(configText).resolve();
    }
}
