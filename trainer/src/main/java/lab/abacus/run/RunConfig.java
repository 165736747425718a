package lab.abacus.run;

import com.typesafe.config.Config;
import com.typesafe.config.ConfigFactory;
import com.typesafe.config.ConfigObject;
import com.typesafe.config.ConfigRenderOptions;
import com.typesafe.config.ConfigValue;
import com.typesafe.config.ConfigValueFactory;
import com.typesafe.config.ConfigValueType;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import lab.abacus.config.AbacusConfig;
import lab.abacus.data.DataSettings;

/**
 * The part of a resolved config that determines a run's result: its {@link AbacusConfig#RUN_SECTIONS} (data, model,
 * train), rendered for {@code run.conf} and canonicalised for the run id.
 */
public final class RunConfig {

    /** Bumped when the meaning of a run config changes incompatibly; part of every run id. */
    public static final int FORMAT_VERSION = 1;

    /**
     * Keys inside the run sections (relative to {@code abacus}) that do not change what a run learns, e.g. how
     * often progress is printed; left out of the run id so that changing them reuses finished runs. Add a key only
     * when it provably cannot change parameters, losses or accuracies. Absent keys are ignored.
     */
    static final Set<String> NOT_IDENTITY = Set.of(
            "data.partitions", // Spark partitions for generation: same rows whatever the count (datagen)
            "data.compression", // Parquet codec: same rows
            "train.checkpoint", // when checkpoints are taken: resume is exact, so the result is the same
            "train.progress"); // console progress line

    private RunConfig() {}

    /** The run sections of a resolved config, rooted at {@code abacus} (what is written to {@code run.conf}). */
    public static Config of(Config resolved) {
        Config out = ConfigFactory.empty();
        for (String section : AbacusConfig.RUN_SECTIONS) {
            String path = AbacusConfig.ROOT + "." + section;
            if (resolved.hasPath(path)) {
                out = out.withValue(path, resolved.getValue(path));
            }
        }
        return out;
    }

    /** HOCON text of a run config, for {@code runs/<id>/run.conf} and for shipping to a remote trainer. */
    public static String render(Config runConfig) {
        return runConfig
                .root()
                .render(ConfigRenderOptions.defaults().setOriginComments(false).setJson(false));
    }

    /**
     * Canonical text of a run config: keys sorted, identity-free keys dropped, and values normalized to the
     * reference's types (so {@code hidden = "64"}, {@code 64} and {@code 64.0} are the same run).
     */
    public static String canonical(Config runConfig) {
        Config identity = runConfig;
        for (String key : NOT_IDENTITY) {
            identity = identity.withoutPath(AbacusConfig.ROOT + "." + key);
        }
        for (String key : DataSettings.keysOutsideTask(runConfig)) {
            identity = identity.withoutPath(AbacusConfig.ROOT + "." + key);
        }
        ConfigObject reference = AbacusConfig.referenceRoot();
        for (Map.Entry<String, Object> added : ADDED_AT_EARLIER_BEHAVIOUR.entrySet()) {
            String path = AbacusConfig.ROOT + "." + added.getKey();
            if (identity.hasPath(path)
                    && added.getValue()
                            .equals(normalize(identity.getValue(path).unwrapped(), referenceValue(reference, path)))) {
                identity = identity.withoutPath(path);
            }
        }
        Object normalized = normalize(identity.root().unwrapped(), reference);
        return AbacusConfig.canonical(ConfigValueFactory.fromAnyRef(normalized));
    }

    /**
     * Switches added after run ids were first issued, with the value that trains exactly as runs did before the
     * switch existed: left out of the id while they hold it, so that adding a switch does not orphan every finished
     * run. Values in canonical form (strings, booleans, longs for integral numbers).
     */
    static final Map<String, Object> ADDED_AT_EARLIER_BEHAVIOUR = Map.ofEntries(
            Map.entry("model.token-scale", "none"),
            Map.entry("model.embedding-norm", true),
            Map.entry("model.ffn", "glu"),
            Map.entry("model.head", "abacus"),
            Map.entry("model.output-bias", false),
            Map.entry("model.tied-embedding", false),
            Map.entry("model.dropout", 0L),
            Map.entry("model.init", "deepnorm"),
            Map.entry("train.schedule", "trapezoid"),
            Map.entry("train.warmup-steps", 10_000L),
            Map.entry("train.decay-horizon", 2_000_000L));

    private static ConfigValue referenceValue(ConfigObject reference, String path) {
        try {
            return reference.toConfig().getValue(path);
        } catch (com.typesafe.config.ConfigException e) {
            return null;
        }
    }

    @SuppressWarnings("unchecked")
    private static Object normalize(Object value, ConfigValue ref) {
        ConfigValueType want = ref == null ? null : ref.valueType();
        if (value instanceof Map<?, ?> map) {
            Map<String, Object> out = new LinkedHashMap<>();
            ConfigObject refObj = want == ConfigValueType.OBJECT ? (ConfigObject) ref : null;
            ((Map<String, Object>) map)
                    .forEach((k, v) -> out.put(k, normalize(v, refObj == null ? null : refObj.get(k))));
            return out;
        }
        if (value instanceof List<?> list) {
            List<Object> out = new ArrayList<>();
            list.forEach(v -> out.add(normalize(v, null)));
            return out;
        }
        if (value instanceof Number n) {
            Number canon = canonicalNumber(n);
            return want == ConfigValueType.STRING ? String.valueOf(canon) : canon;
        }
        if (value instanceof Boolean b) {
            return want == ConfigValueType.STRING ? String.valueOf(b) : b;
        }
        if (value instanceof String s) {
            if (want == ConfigValueType.NUMBER) {
                try {
                    return canonicalNumber(new BigDecimal(s.trim()));
                } catch (NumberFormatException e) {
                    return s;
                }
            }
            if (want == ConfigValueType.BOOLEAN) {
                return switch (s.trim()) {
                    case "true", "yes", "on" -> true;
                    case "false", "no", "off" -> false;
                    default -> s;
                };
            }
        }
        return value;
    }

    /** Integral values as a long, the rest as a double: one rendering per number. */
    private static Number canonicalNumber(Number n) {
        BigDecimal d = n instanceof BigDecimal b ? b : new BigDecimal(n.toString());
        BigDecimal stripped = d.signum() == 0 ? BigDecimal.ZERO : d.stripTrailingZeros();
        if (stripped.scale() <= 0 && stripped.abs().compareTo(BigDecimal.valueOf(Long.MAX_VALUE)) <= 0) {
            return stripped.longValueExact();
        }
        return stripped.doubleValue();
    }
}
