package lab.abacus.config;

import com.typesafe.config.Config;
import com.typesafe.config.ConfigException;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;

/**
 * Typed reads with range checks that report file:line and the full key. Settings records build themselves
 * with these from a {@code Config} scoped at their section, e.g. {@code abacus.model}.
 */
public final class Settings {

    private final Config config;
    private final String prefix;

    private Settings(Config config, String prefix) {
        this.config = config;
        this.prefix = prefix;
    }

    /** A reader over {@code root.getConfig(section)} that names keys as {@code section.key}. */
    public static Settings section(Config root, String section) {
        return new Settings(root.getConfig(section), section);
    }

    public Config config() {
        return config;
    }

    public String key(String path) {
        return prefix + "." + path;
    }

    public int intIn(String path, int min, int max) {
        int v = wrap(path, () -> config.getInt(path));
        if (v < min || v > max) {
            throw error(path, "must be in [" + min + ", " + max + "] but is " + v);
        }
        return v;
    }

    public long longIn(String path, long min, long max) {
        long v = wrap(path, () -> config.getLong(path));
        if (v < min || v > max) {
            throw error(path, "must be in [" + min + ", " + max + "] but is " + v);
        }
        return v;
    }

    public double doubleIn(String path, double min, double max) {
        double v = wrap(path, () -> config.getDouble(path));
        if (!(v >= min && v <= max)) {
            throw error(path, "must be in [" + min + ", " + max + "] but is " + v);
        }
        return v;
    }

    public boolean bool(String path) {
        return wrap(path, () -> config.getBoolean(path));
    }

    public String string(String path) {
        return wrap(path, () -> config.getString(path));
    }

    /** A non-negative duration, written e.g. {@code "90s"}, {@code "30m"} or {@code "24h"}. */
    public Duration duration(String path) {
        Duration d;
        try {
            d = config.getDuration(path);
        } catch (ConfigException e) {
            throw error(
                    path,
                    "expected a duration such as \"90s\", \"30m\" or \"24h\" ("
                            + e.getMessage().replaceFirst("^.*?: ", "") + ")");
        }
        if (d.isNegative()) {
            throw error(path, "must not be negative");
        }
        return d;
    }

    public List<Integer> intList(String path) {
        return wrap(path, () -> config.getIntList(path));
    }

    /** A lower-case enum value, written in config as e.g. {@code abacus} or {@code abacus-fire}. */
    public <E extends Enum<E>> E enumValue(String path, Class<E> type) {
        String raw = string(path);
        String name = raw.trim().toUpperCase(Locale.ROOT).replace('-', '_');
        try {
            return Enum.valueOf(type, name);
        } catch (IllegalArgumentException e) {
            String allowed = String.join(
                    ", ",
                    Arrays.stream(type.getEnumConstants())
                            .map(c -> c.name().toLowerCase(Locale.ROOT).replace('_', '-'))
                            .toList());
            throw error(path, "'" + raw + "' is not one of: " + allowed);
        }
    }

    /** A config error at this key's origin. */
    public ConfigError error(String path, String problem) {
        return ConfigError.at(
                config.hasPathOrNull(path) ? config.getValue(path).origin() : config.origin(), key(path), problem);
    }

    /** Fail unless {@code ok}: for cross-field rules (e.g. eval range covers train range). */
    public void require(boolean ok, String path, String problem) {
        if (!ok) {
            throw error(path, problem);
        }
    }

    private <T> T wrap(String path, java.util.function.Supplier<T> read) {
        try {
            return read.get();
        } catch (ConfigException.WrongType e) {
            throw error(path, "wrong type: " + e.getMessage().replaceFirst("^.*?: ", ""));
        } catch (ConfigException.Missing e) {
            throw error(path, "missing");
        } catch (ConfigException e) {
            throw error(path, e.getMessage());
        }
    }
}
