package lab.abacus.run;

import com.typesafe.config.Config;
import com.typesafe.config.ConfigFactory;
import com.typesafe.config.ConfigRenderOptions;
import com.typesafe.config.ConfigValueFactory;
import java.util.LinkedHashMap;
import java.util.Map;
import lab.abacus.data.DataPosition;

/**
 * The non-tensor state a checkpoint holds (its {@code state.json}): steps done, data stream position, training
 * time so far, tokens seen and the last loss. No RNG state is needed: every random draw is a pure function of
 * (seed, step, microbatch), so the step number restores it.
 */
public record TrainState(
        long step,
        DataPosition data,
        double elapsedS,
        double evalS,
        double checkpointS,
        long tokens,
        double lastLoss,
        long seed) {

    /** 2: with the SHA-256 of the checkpoint's files; 1 (read only): without. */
    public static final int FORMAT = 2;

    public String toJson() {
        return toJson(Map.of());
    }

    /** The state with the SHA-256 (hex) of each checkpoint file by name, which a load verifies. */
    public String toJson(Map<String, String> sha256) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("format", FORMAT);
        m.put("step", step);
        m.put("epoch", data.epoch());
        m.put("offset", data.offset());
        m.put("elapsed_s", elapsedS);
        m.put("eval_s", evalS);
        m.put("checkpoint_s", checkpointS);
        m.put("tokens", tokens);
        m.put("last_loss", Double.isFinite(lastLoss) ? lastLoss : null);
        m.put("seed", seed);
        m.put("sha256", sha256);
        return ConfigValueFactory.fromMap(m)
                .render(ConfigRenderOptions.concise().setJson(true));
    }

    public static TrainState fromJson(String json) {
        Config c = ConfigFactory.parseString(json);
        if (c.getInt("format") != FORMAT && c.getInt("format") != 1) {
            throw new IllegalStateException("checkpoint state format " + c.getInt("format") + " is not " + FORMAT);
        }
        return new TrainState(
                c.getLong("step"),
                new DataPosition(c.getLong("epoch"), c.getLong("offset")),
                c.getDouble("elapsed_s"),
                c.hasPath("eval_s") ? c.getDouble("eval_s") : 0,
                c.hasPath("checkpoint_s") ? c.getDouble("checkpoint_s") : 0,
                c.getLong("tokens"),
                c.getIsNull("last_loss") ? Double.NaN : c.getDouble("last_loss"),
                c.getLong("seed"));
    }

    /** The file digests a state records (none in format 1). */
    public static Map<String, String> sha256(String json) {
        Config c = ConfigFactory.parseString(json);
        Map<String, String> out = new LinkedHashMap<>();
        if (c.hasPath("sha256")) {
            c.getObject("sha256").unwrapped().forEach((k, v) -> out.put(k, String.valueOf(v)));
        }
        return out;
    }
}
