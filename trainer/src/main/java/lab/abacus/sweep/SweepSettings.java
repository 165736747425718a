package lab.abacus.sweep;

import com.typesafe.config.Config;
import com.typesafe.config.ConfigValue;
import com.typesafe.config.ConfigValueType;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import lab.abacus.config.ConfigError;
import lab.abacus.config.Settings;

/**
 * {@code abacus.sweep}: name, seeds and retry count. The grid itself is read by {@link SweepSpec}, which needs
 * the values' origins.
 *
 * @param name       directory name under {@code <root>/sweeps/}
 * @param seeds      one run per seed per grid point; empty: the configured {@code abacus.train.seed}
 * @param maxRetries retries of a failed point before it is reported as failed
 */
public record SweepSettings(String name, List<Long> seeds, int maxRetries) {

    public static final String SECTION = "abacus.sweep";

    /** @param defaultName used when {@code name} is empty (the sweep file's base name), may be null */
    public static SweepSettings from(Config config, String defaultName) {
        Settings s = Settings.section(config, SECTION);
        String name = s.string("name").trim();
        if (name.isEmpty() && defaultName != null) {
            name = defaultName;
        }
        s.require(!name.isEmpty(), "name", "must not be empty");
        s.require(
                name.matches("[A-Za-z0-9._-]+") && !name.startsWith("."),
                "name",
                "'" + name + "' must be letters, digits, '.', '_' or '-' (it names a directory)");
        List<Long> seeds = new ArrayList<>();
        Set<Long> seen = new HashSet<>();
        for (ConfigValue v : s.config().getList("seeds")) {
            Object raw = v.unwrapped();
            Long seed = raw instanceof Number n && n.doubleValue() == n.longValue() ? n.longValue() : null;
            if (seed == null && v.valueType() == ConfigValueType.STRING) {
                try {
                    seed = Long.parseLong(((String) raw).trim());
                } catch (NumberFormatException ignored) {
                    // reported below
                }
            }
            if (seed == null || seed < 0) {
                throw ConfigError.at(v.origin(), s.key("seeds"), "seeds must be non-negative integers but got " + raw);
            }
            if (!seen.add(seed)) {
                throw ConfigError.at(v.origin(), s.key("seeds"), "seed " + seed + " is listed twice");
            }
            seeds.add(seed);
        }
        int maxRetries = s.intIn("max-retries", 0, 100);
        return new SweepSettings(name, List.copyOf(seeds), maxRetries);
    }
}
