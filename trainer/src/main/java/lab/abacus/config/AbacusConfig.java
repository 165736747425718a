package lab.abacus.config;

import com.typesafe.config.Config;
import com.typesafe.config.ConfigException;
import com.typesafe.config.ConfigFactory;
import com.typesafe.config.ConfigObject;
import com.typesafe.config.ConfigOrigin;
import com.typesafe.config.ConfigParseOptions;
import com.typesafe.config.ConfigRenderOptions;
import com.typesafe.config.ConfigValue;
import com.typesafe.config.ConfigValueType;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Loads and validates the platform configuration: {@code reference.conf} (every default, once) ← user file ← overrides.
 *
 * <p>Validation happens once, here: a key the reference does not know, or a value whose type differs from the
 * reference's, is rejected with file:line and key. Objects that are empty in the reference (e.g. a sweep's
 * {@code grid {}}) are free-form maps whose children are checked by their owners. Range checks live in the typed
 * settings records, which report through {@link ConfigError#at}.
 */
public final class AbacusConfig {

    /** Root path of everything this platform reads. */
    public static final String ROOT = "abacus";

    /**
     * The sections (under {@link #ROOT}) whose settings determine what a run learns: they make up a run's identity
     * and the config columns of the runs table. Storage, Spark, launcher, eval and sweep settings change where or how
     * a run executes or is scored, not what it learns.
     */
    public static final List<String> RUN_SECTIONS = List.of("data", "model", "train");

    private static volatile ConfigObject resolvedReference;

    private AbacusConfig() {}

    /** Reference defaults only (what a run gets with no file and no overrides). */
    public static Config defaults() {
        return reference().resolve();
    }

    /**
     * Every {@code reference.conf} on the class path, and nothing else: unlike {@code ConfigFactory.defaultReference()}
     * no JVM system property leaks in, so a resolved config means the same in every JVM it is shipped to.
     */
    public static Config reference() {
        return ConfigFactory.defaultReferenceUnresolved();
    }

    /** The resolved reference root, parsed once per JVM (it cannot change while running). */
    public static ConfigObject referenceRoot() {
        ConfigObject r = resolvedReference;
        if (r == null) {
            r = defaults().root();
            resolvedReference = r;
        }
        return r;
    }

    /** {@code -Dabacus.*} system properties: one-off overrides, validated like any other layer. */
    public static Config systemOverrides() {
        ConfigFactory.invalidateCaches(); // Typesafe caches system properties at first use
        Config props = ConfigFactory.systemProperties();
        return props.hasPath(ROOT) ? props.withOnlyPath(ROOT) : ConfigFactory.empty();
    }

    /**
     * Load {@code file} (may be null), then {@code -Dabacus.*} properties, then {@code key=value} overrides over the
     * reference; validate and resolve.
     *
     * @throws ConfigError naming file:line and key for anything wrong
     */
    public static Config load(Path file, List<String> overrides) {
        Config user = ConfigFactory.empty();
        if (file != null) {
            if (!Files.isRegularFile(file)) {
                throw new ConfigError(file + ": config file not found");
            }
            try {
                user = ConfigFactory.parseFile(
                        file.toFile(), ConfigParseOptions.defaults().setAllowMissing(false));
            } catch (ConfigException e) {
                throw new ConfigError(e.getMessage());
            }
        }
        return fromLayers(
                parseOverrides(overrides).withFallback(systemOverrides()).withFallback(user));
    }

    /** Validate and resolve a user layer (already parsed, e.g. a run's shipped config text) over the reference. */
    public static Config fromLayers(Config userLayer) {
        Config reference = reference();
        Config merged;
        try {
            merged = userLayer.withFallback(reference).resolve();
        } catch (ConfigException e) {
            throw new ConfigError(e.getMessage());
        }
        List<String> problems = new ArrayList<>();
        for (Map.Entry<String, ConfigValue> top : userLayer.root().entrySet()) {
            if (!top.getKey().equals(ROOT)) {
                // Every setting lives under abacus { }: anything beside it (a typo like abacsu) would be ignored.
                String hint = KeySuggestions.suggestion(top.getKey(), List.of(ROOT));
                problems.add(ConfigError.where(top.getValue().origin()) + ": " + quoteKey(top.getKey())
                        + ": unknown top-level key (every setting is under " + ROOT + " { })"
                        + (hint.startsWith(" (did you mean") ? hint : ""));
            }
        }
        if (userLayer.hasPath(ROOT)) {
            checkAgainstReference(
                    reference.resolve().getObject(ROOT), merged.getObject(ROOT), userLayer, ROOT, problems);
        }
        if (!problems.isEmpty()) {
            throw new ConfigError(String.join("\n", problems));
        }
        return merged;
    }

    /** Parse {@code key=value} overrides; keys without the {@code abacus.} prefix get it. */
    public static Config parseOverrides(List<String> overrides) {
        Config result = ConfigFactory.empty();
        if (overrides == null) {
            return result;
        }
        for (int i = overrides.size() - 1; i >= 0; i--) {
            String o = overrides.get(i);
            int eq = o.indexOf('=');
            if (eq <= 0) {
                throw new ConfigError("--set " + o + ": expected key=value");
            }
            String key = o.substring(0, eq).trim();
            if (!key.startsWith(ROOT + ".")) {
                key = ROOT + "." + key;
            }
            String value = o.substring(eq + 1).trim();
            try {
                Config one = ConfigFactory.parseString(
                        key + " = " + value, ConfigParseOptions.defaults().setOriginDescription("--set " + o));
                result = result.withFallback(one);
            } catch (ConfigException e) {
                // An unquoted string with odd characters: take it literally.
                result = result.withFallback(ConfigFactory.parseString(
                        key + " = " + quote(value),
                        ConfigParseOptions.defaults().setOriginDescription("--set " + o)));
            }
        }
        return result;
    }

    /** Canonical, order-independent text of a config subtree: the basis of content-addressed ids. */
    public static String canonical(ConfigValue value) {
        return value.render(ConfigRenderOptions.concise().setJson(true));
    }

    private static String quote(String s) {
        return "\"" + s.replace("\\", "\\\\").replace("\"", "\\\"") + "\"";
    }

    private static void checkAgainstReference(
            ConfigObject ref, ConfigObject actual, Config userLayer, String path, List<String> problems) {
        for (Map.Entry<String, ConfigValue> e : actual.entrySet()) {
            String key = path + "." + quoteKey(e.getKey());
            ConfigValue value = e.getValue();
            ConfigValue refValue = ref.get(e.getKey());
            if (refValue == null) {
                problems.add(ConfigError.where(originOf(userLayer, key, value)) + ": " + key + ": unknown key"
                        + KeySuggestions.suggestion(e.getKey(), ref.keySet()));
                continue;
            }
            if (refValue.valueType() == ConfigValueType.OBJECT) {
                ConfigObject refObj = (ConfigObject) refValue;
                if (value.valueType() != ConfigValueType.OBJECT) {
                    problems.add(ConfigError.where(originOf(userLayer, key, value)) + ": " + key
                            + ": expected an object but got " + describe(value));
                } else if (!refObj.isEmpty()) {
                    checkAgainstReference(refObj, (ConfigObject) value, userLayer, key, problems);
                }
                continue;
            }
            String typeProblem = typeProblem(refValue, value);
            if (typeProblem != null) {
                problems.add(ConfigError.where(originOf(userLayer, key, value)) + ": " + key + ": " + typeProblem);
            }
        }
    }

    /** Null when {@code value} can stand where {@code refValue} stands. */
    private static String typeProblem(ConfigValue refValue, ConfigValue value) {
        ConfigValueType want = refValue.valueType();
        ConfigValueType got = value.valueType();
        if (want == ConfigValueType.NULL || want == got) {
            return null;
        }
        Object raw = value.unwrapped();
        return switch (want) {
            case NUMBER ->
                got == ConfigValueType.STRING && isNumber((String) raw)
                        ? null
                        : "expected a number but got " + describe(value);
            case BOOLEAN ->
                got == ConfigValueType.STRING
                                && List.of("true", "false", "yes", "no", "on", "off")
                                        .contains(raw)
                        ? null
                        : "expected a boolean but got " + describe(value);
            // Numbers and booleans render fine as strings (e.g. a duration "10" or a name "1x16").
            case STRING ->
                got == ConfigValueType.NUMBER || got == ConfigValueType.BOOLEAN
                        ? null
                        : "expected a string but got " + describe(value);
            case LIST -> "expected a list but got " + describe(value);
            default -> "expected " + want.name().toLowerCase(Locale.ROOT) + " but got " + describe(value);
        };
    }

    private static boolean isNumber(String s) {
        try {
            Double.parseDouble(s.trim());
            return true;
        } catch (NumberFormatException e) {
            return false;
        }
    }

    private static String describe(ConfigValue v) {
        String text = v.render(ConfigRenderOptions.concise());
        if (text.length() > 40) {
            text = text.substring(0, 37) + "...";
        }
        return v.valueType().name().toLowerCase(Locale.ROOT) + " " + text;
    }

    private static ConfigOrigin originOf(Config userLayer, String key, ConfigValue value) {
        try {
            if (userLayer.hasPathOrNull(key)) {
                return userLayer.getValue(key).origin();
            }
        } catch (ConfigException ignored) {
            // fall through to the merged value's origin
        }
        return value.origin();
    }

    private static String quoteKey(String k) {
        return k.matches("[A-Za-z0-9_-]+") ? k : "\"" + k + "\"";
    }
}
