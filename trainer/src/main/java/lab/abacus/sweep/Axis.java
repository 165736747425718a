package lab.abacus.sweep;

import com.typesafe.config.ConfigObject;
import com.typesafe.config.ConfigOrigin;
import com.typesafe.config.ConfigRenderOptions;
import com.typesafe.config.ConfigUtil;
import com.typesafe.config.ConfigValue;
import com.typesafe.config.ConfigValueType;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import lab.abacus.config.AbacusConfig;
import lab.abacus.config.ConfigError;

/**
 * One axis of a sweep grid: a config path relative to {@code abacus} and its values, in file order.
 * A value of an object path is an object of that path's keys (settings that vary together). The axis named
 * {@link #RUN} takes objects of run settings from several sections that vary together, e.g.
 * {@code run = [{ model.architecture = looped, train.batch-size = 512 }, ...]}.
 *
 * @param path   e.g. {@code model.embedding}
 * @param values the listed values, each with its own origin (file:line)
 * @param origin where the axis is declared
 */
public record Axis(String path, List<ConfigValue> values, ConfigOrigin origin) {

    /** The axis whose values are objects of run settings across sections ({@code data}, {@code model}, {@code train}). */
    public static final String RUN = "run";

    /** Whether this is the {@link #RUN} axis. */
    public boolean acrossSections() {
        return path.equals(RUN);
    }

    /** Where a value of this axis goes in the config: {@code abacus.<path>}, or {@code abacus} for {@link #RUN}. */
    public String configPath() {
        return acrossSections() ? AbacusConfig.ROOT : AbacusConfig.ROOT + "." + path;
    }

    /** The key as a user would find it in the file. */
    public String key() {
        return SweepSettings.SECTION + ".grid.\"" + path + "\"";
    }

    /** First path segment: data, model or train. */
    public String section() {
        return ConfigUtil.splitPath(path).get(0);
    }

    /** Every leaf path (relative to {@code abacus}) some value of this axis sets. */
    public Set<String> leafPaths() {
        Set<String> leaves = new LinkedHashSet<>();
        for (ConfigValue v : values) {
            leaves.addAll(leavesOf(v).keySet().stream().toList());
        }
        return leaves;
    }

    /** (leaf path relative to abacus, value) pairs one value sets, sorted by path for stable labels. */
    Map<String, ConfigValue> leavesOf(ConfigValue value) {
        Map<String, ConfigValue> out = new java.util.TreeMap<>();
        if (value.valueType() == ConfigValueType.OBJECT) {
            for (Map.Entry<String, ConfigValue> e :
                    ((ConfigObject) value).toConfig().entrySet()) {
                out.put(acrossSections() ? e.getKey() : path + "." + e.getKey(), e.getValue());
            }
        } else {
            out.put(path, value);
        }
        return out;
    }

    /** Human text of a leaf value in a label: strings bare, the rest in concise HOCON/JSON. */
    static String text(ConfigValue v) {
        if (v.valueType() == ConfigValueType.STRING) {
            return (String) v.unwrapped();
        }
        return v.render(ConfigRenderOptions.concise());
    }

    /**
     * The axes declared in a grid object, flattening nested objects ({@code grid { model.layers = [..] }} and
     * {@code grid { "model.layers" = [..] }} are the same axis), ordered as declared (by file, then line).
     */
    static List<Axis> read(ConfigObject grid, String sweepFile) {
        List<Axis> axes = new ArrayList<>();
        collect(grid, "", axes);
        axes.sort(Comparator.comparing(
                        (Axis a) -> !java.util.Objects.equals(a.origin().filename(), sweepFile))
                .thenComparing(a -> String.valueOf(a.origin().filename()))
                .thenComparingInt(a -> a.origin().lineNumber())
                .thenComparing(Axis::path));
        return axes;
    }

    private static void collect(ConfigObject obj, String prefix, List<Axis> axes) {
        for (Map.Entry<String, ConfigValue> e : obj.entrySet()) {
            String path = prefix.isEmpty() ? e.getKey() : prefix + "." + e.getKey();
            ConfigValue v = e.getValue();
            switch (v.valueType()) {
                case OBJECT -> collect((ConfigObject) v, path, axes);
                case LIST -> axes.add(new Axis(path, List.copyOf((List<ConfigValue>) (List<?>) v), v.origin()));
                default ->
                    throw ConfigError.at(
                            v.origin(),
                            SweepSettings.SECTION + ".grid.\"" + path + "\"",
                            "an axis needs a list of values, e.g. [" + text(v) + "], but got "
                                    + v.valueType().name().toLowerCase(java.util.Locale.ROOT));
            }
        }
    }
}
