package lab.abacus.tables;

import com.typesafe.config.Config;
import com.typesafe.config.ConfigObject;
import com.typesafe.config.ConfigOrigin;
import com.typesafe.config.ConfigRenderOptions;
import com.typesafe.config.ConfigUtil;
import com.typesafe.config.ConfigValue;
import com.typesafe.config.ConfigValueType;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import lab.abacus.config.AbacusConfig;

/**
 * A run's config flattened to typed columns of the {@code runs} table: every leaf of {@code abacus.data},
 * {@code abacus.model} and {@code abacus.train} becomes {@code <section>_<path>} with dots and dashes turned into
 * '_' (e.g. {@code model_hidden}, {@code train_lr}, {@code train_budget_steps}).
 *
 * <p>The column types come from {@code reference.conf}, never from a run's values, so the schema depends only on
 * the code version: booleans → BOOLEAN, strings → STRING, numbers → LONG when the default is written as an integer
 * ({@code 128}) and DOUBLE when written with a fraction or exponent ({@code 0.0}, {@code 1e-4}; read from the
 * reference's source line, because HOCON turns {@code 0.0} into an integer), lists and free-form objects → STRING
 * holding their JSON text.
 */
public final class ConfigColumns {

    private static volatile ConfigColumns reference;

    private final Map<String, Column> columns;
    /** Column name → config path under the root. */
    private final Map<String, String> paths;

    private ConfigColumns(Map<String, Column> columns, Map<String, String> paths) {
        this.columns = columns;
        this.paths = paths;
    }

    /** Columns derived from this code version's reference.conf. */
    public static ConfigColumns reference() {
        ConfigColumns c = reference;
        if (c == null) {
            c = derive(AbacusConfig.defaults());
            reference = c;
        }
        return c;
    }

    /** Columns derived from {@code defaults} (a resolved config holding {@code abacus.<section>}). */
    public static ConfigColumns derive(Config defaults) {
        Map<String, Column> cols = new TreeMap<>();
        Map<String, String> paths = new HashMap<>();
        for (String section : AbacusConfig.RUN_SECTIONS) {
            String root = AbacusConfig.ROOT + "." + section;
            if (defaults.hasPath(root)) {
                walk(defaults.getObject(root), List.of(section), cols, paths);
            }
        }
        return new ConfigColumns(new LinkedHashMap<>(cols), paths);
    }

    public List<Column> columns() {
        return new ArrayList<>(columns.values());
    }

    /** The config path (under {@code abacus.}) a column comes from, e.g. {@code train.lr}. */
    public String path(String column) {
        return paths.get(column);
    }

    /** Column values of a resolved run config; keys absent from it are null. */
    public Map<String, Object> values(Config runConfig) {
        Map<String, Object> out = new LinkedHashMap<>();
        for (Column col : columns.values()) {
            String path = AbacusConfig.ROOT + "." + paths.get(col.name());
            if (!runConfig.hasPath(path)) {
                out.put(col.name(), null);
                continue;
            }
            ConfigValue v = runConfig.getValue(path);
            out.put(col.name(), convert(col, v));
        }
        return out;
    }

    private static Object convert(Column col, ConfigValue v) {
        Object raw = v.unwrapped();
        return switch (col.type()) {
            case LONG -> integral(col, raw);
            case DOUBLE -> raw instanceof Number n ? n.doubleValue() : Double.parseDouble(String.valueOf(raw));
            case BOOLEAN -> raw instanceof Boolean b ? b : Boolean.parseBoolean(String.valueOf(raw));
            default ->
                v.valueType() == ConfigValueType.STRING
                        ? raw
                        : v.render(ConfigRenderOptions.concise().setJson(true));
        };
    }

    private static long integral(Column col, Object raw) {
        double d = raw instanceof Number n ? n.doubleValue() : Double.parseDouble(String.valueOf(raw));
        if (d != Math.rint(d)) {
            throw new IllegalArgumentException("config column " + col.name() + " is an integer in reference.conf"
                    + " but the run has " + raw + " (write the default as e.g. 0.0 if it is real-valued)");
        }
        return (long) d;
    }

    private static void walk(
            ConfigObject obj, List<String> prefix, Map<String, Column> cols, Map<String, String> paths) {
        for (Map.Entry<String, ConfigValue> e : obj.entrySet()) {
            List<String> path = new ArrayList<>(prefix);
            path.add(e.getKey());
            ConfigValue v = e.getValue();
            if (v.valueType() == ConfigValueType.OBJECT && !((ConfigObject) v).isEmpty()) {
                walk((ConfigObject) v, path, cols, paths);
                continue;
            }
            String name = String.join("_", path).replace('.', '_').replace('-', '_');
            ColumnType type = switch (v.valueType()) {
                case BOOLEAN -> ColumnType.BOOLEAN;
                case NUMBER -> isFractional(v) ? ColumnType.DOUBLE : ColumnType.LONG;
                default -> ColumnType.STRING;
            };
            if (cols.put(name, Column.optional(name, type)) != null) {
                throw new IllegalStateException("reference.conf: two keys flatten to the column " + name);
            }
            paths.put(name, ConfigUtil.joinPath(path));
        }
    }

    private static final Map<String, List<String>> SOURCE_LINES = new HashMap<>();

    /** Whether a default number is real-valued: a non-integral value, or a source text with '.', 'e' or 'E'. */
    private static boolean isFractional(ConfigValue v) {
        Object raw = v.unwrapped();
        if (raw instanceof Double || raw instanceof Float) {
            return true;
        }
        String text = sourceText(v.origin());
        if (text == null) {
            return false;
        }
        int eq = text.indexOf('=');
        if (eq < 0) {
            eq = text.indexOf(':');
        }
        String value = text.substring(eq + 1);
        int hash = value.indexOf('#');
        if (hash >= 0) {
            value = value.substring(0, hash);
        }
        value = value.trim();
        return value.matches("[-+]?[0-9]*\\.[0-9]*([eE][-+]?[0-9]+)?|[-+]?[0-9.]+[eE][-+]?[0-9]+");
    }

    private static synchronized String sourceText(ConfigOrigin origin) {
        URL url = origin == null ? null : origin.url();
        int line = origin == null ? -1 : origin.lineNumber();
        if (url == null || line <= 0) {
            return null;
        }
        List<String> lines = SOURCE_LINES.computeIfAbsent(url.toString(), k -> {
            try (BufferedReader r =
                    new BufferedReader(new InputStreamReader(url.openStream(), StandardCharsets.UTF_8))) {
                return r.lines().toList();
            } catch (IOException e) {
                return List.of();
            }
        });
        return line <= lines.size() ? lines.get(line - 1) : null;
    }
}
