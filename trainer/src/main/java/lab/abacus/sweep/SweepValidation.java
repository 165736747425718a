package lab.abacus.sweep;

import com.typesafe.config.Config;
import com.typesafe.config.ConfigFactory;
import com.typesafe.config.ConfigObject;
import com.typesafe.config.ConfigOrigin;
import com.typesafe.config.ConfigUtil;
import com.typesafe.config.ConfigValue;
import com.typesafe.config.ConfigValueType;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import lab.abacus.config.AbacusConfig;
import lab.abacus.config.ConfigError;

/**
 * Checks a sweep's axes before expansion. Each problem is one line "file:line: key: problem".
 *
 * <p>Decisions: an axis must be a run setting (data / model / train), since anything else would not change the
 * run and would give two points one run id; {@code train.seed} is the {@code seeds} list's job; a path that is a
 * whole object takes object values (settings that vary together, e.g. layers and recurrence); a setting may be
 * varied by one axis only; and a setting the sweep file itself (or {@code --set}) fixes may not also be an axis —
 * the file would say two things — whereas a value from an included fragment is a default the axis replaces.
 */
final class SweepValidation {

    static final String SEED_PATH = "train.seed";

    private SweepValidation() {}

    /** @param user the unresolved user layer (file + overrides), whose origins say who fixed what */
    static List<String> check(List<Axis> axes, SweepSettings settings, Config user, String sweepFile) {
        List<String> problems = new ArrayList<>();
        List<Axis> structurallyOk = new ArrayList<>();
        for (Axis axis : axes) {
            int before = problems.size();
            checkShape(axis, problems);
            if (problems.size() == before) {
                checkValues(axis, user, problems);
            }
            if (problems.size() == before) {
                structurallyOk.add(axis);
            }
        }
        checkOverlaps(structurallyOk, problems);
        for (Axis axis : structurallyOk) {
            for (String leaf : axis.leafPaths()) {
                fixedElsewhere(user, leaf, sweepFile)
                        .ifPresent(origin -> problems.add(ConfigError.where(origin)
                                + ": " + AbacusConfig.ROOT + "." + leaf + ": " + fixer(origin) + " also varied by axis "
                                + axis.key() + " at " + ConfigError.where(axis.origin())
                                + "; remove one (a value from an included fragment is a default the axis replaces)"));
            }
        }
        if (!settings.seeds().isEmpty()) {
            fixedElsewhere(user, SEED_PATH, sweepFile)
                    .ifPresent(origin -> problems.add(ConfigError.where(origin)
                            + ": " + AbacusConfig.ROOT + "." + SEED_PATH + ": " + fixer(origin)
                            + " also set per point by "
                            + SweepSettings.SECTION + ".seeds; remove one"));
        }
        return problems;
    }

    /** Path, section and value kinds. */
    private static void checkShape(Axis axis, List<String> problems) {
        String where = ConfigError.where(axis.origin()) + ": " + axis.key() + ": ";
        if (axis.values().isEmpty()) {
            problems.add(where + "empty axis: list at least one value");
            return;
        }
        if (axis.acrossSections()) {
            checkAcrossSections(axis, problems);
            checkDuplicates(axis, problems);
            return;
        }
        ReferencePaths.Lookup lookup = ReferencePaths.lookup(axis.path());
        if (lookup instanceof ReferencePaths.Unknown unknown) {
            problems.add(where + "unknown axis path: " + unknown.problem());
            return;
        }
        if (!AbacusConfig.RUN_SECTIONS.contains(axis.section())) {
            problems.add(
                    where + "an axis must be a run setting under " + AbacusConfig.ROOT + ".data, .model or .train; "
                            + AbacusConfig.ROOT + "." + axis.section() + " does not change what a run learns");
            return;
        }
        if (axis.path().equals(SEED_PATH) || axis.leafPaths().contains(SEED_PATH)) {
            problems.add(where + "seeds are their own axis: use " + SweepSettings.SECTION + ".seeds = [...]");
            return;
        }
        if (lookup instanceof ReferencePaths.Known known && known.value().valueType() == ConfigValueType.OBJECT) {
            for (ConfigValue v : axis.values()) {
                if (v.valueType() != ConfigValueType.OBJECT || ((ConfigObject) v).isEmpty()) {
                    problems.add(ConfigError.where(v.origin()) + ": " + axis.key() + ": " + AbacusConfig.ROOT + "."
                            + axis.path() + " is a group of settings, so each value must be a non-empty object of "
                            + "its keys, e.g. " + example((ConfigObject) known.value()) + ", but got " + Axis.text(v));
                }
            }
        }
        checkDuplicates(axis, problems);
    }

    private static void checkDuplicates(Axis axis, List<String> problems) {
        Map<String, ConfigOrigin> seen = new HashMap<>();
        for (ConfigValue v : axis.values()) {
            String canonical = AbacusConfig.canonical(v);
            ConfigOrigin first = seen.putIfAbsent(canonical, v.origin());
            if (first != null) {
                problems.add(ConfigError.where(v.origin()) + ": " + axis.key() + ": duplicated value " + Axis.text(v)
                        + " (already listed at " + ConfigError.where(first) + ")");
            }
        }
    }

    /** The {@code run} axis: each value an object whose keys are run sections (its settings are checked later). */
    private static void checkAcrossSections(Axis axis, List<String> problems) {
        for (ConfigValue v : axis.values()) {
            boolean ok = v.valueType() == ConfigValueType.OBJECT
                    && !((ConfigObject) v).isEmpty()
                    && AbacusConfig.RUN_SECTIONS.containsAll(((ConfigObject) v).keySet());
            if (!ok) {
                problems.add(ConfigError.where(v.origin()) + ": " + axis.key() + ": each value of the " + Axis.RUN
                        + " axis is an object of run settings, e.g. { model.layers = 2, train.batch-size = 512 }"
                        + " (keys under data, model, train), but got " + Axis.text(v));
            }
        }
        if (axis.leafPaths().contains(SEED_PATH)) {
            problems.add(ConfigError.where(axis.origin()) + ": " + axis.key() + ": seeds are their own axis: use "
                    + SweepSettings.SECTION + ".seeds = [...]");
        }
    }

    private static String example(ConfigObject group) {
        List<String> keys = group.keySet().stream().sorted().limit(2).toList();
        return keys.isEmpty() ? "{ key = value }" : "{ " + String.join(" = ..., ", keys) + " = ... }";
    }

    /** Each value alone over the sweep's settings: unknown keys inside object values, wrong types. */
    private static void checkValues(Axis axis, Config user, List<String> problems) {
        for (ConfigValue v : axis.values()) {
            Config layer = ConfigFactory.empty().withValue(axis.configPath(), v).withFallback(user);
            SweepSpec.collect(problems, "", () -> AbacusConfig.fromLayers(layer));
        }
    }

    /** Two axes setting the same leaf (or one inside the other) would make the point order decide the value. */
    private static void checkOverlaps(List<Axis> axes, List<String> problems) {
        for (int i = 0; i < axes.size(); i++) {
            for (int j = i + 1; j < axes.size(); j++) {
                Axis a = axes.get(i);
                Axis b = axes.get(j);
                for (String la : a.leafPaths()) {
                    for (String lb : b.leafPaths()) {
                        if (la.equals(lb) || la.startsWith(lb + ".") || lb.startsWith(la + ".")) {
                            problems.add(ConfigError.where(b.origin()) + ": " + b.key() + ": conflicts with axis "
                                    + a.key() + " at " + ConfigError.where(a.origin()) + ": both set "
                                    + AbacusConfig.ROOT + "." + (la.length() <= lb.length() ? lb : la)
                                    + " (settings that vary together belong in one object-valued axis)");
                        }
                    }
                }
            }
        }
    }

    /** The origin of a value at {@code path} set in the sweep file itself or by --set, if any. */
    private static java.util.Optional<ConfigOrigin> fixedElsewhere(Config user, String path, String sweepFile) {
        ConfigValue v = valueAt(user.root(), AbacusConfig.ROOT + "." + path);
        if (v == null) {
            return java.util.Optional.empty();
        }
        ConfigOrigin o = v.origin();
        boolean inSweepFile = Objects.equals(o.filename(), sweepFile);
        boolean override = o.filename() == null
                && o.description() != null
                && o.description().startsWith("--set");
        return inSweepFile || override ? java.util.Optional.of(o) : java.util.Optional.empty();
    }

    private static String fixer(ConfigOrigin origin) {
        return origin.filename() == null ? "this override is" : "fixed in the sweep file and";
    }

    /** The value at a path, including explicit nulls (which {@code Config.getValue} refuses). */
    static ConfigValue valueAt(ConfigObject root, String path) {
        ConfigValue current = root;
        for (String segment : ConfigUtil.splitPath(path)) {
            if (!(current instanceof ConfigObject obj)) {
                return null;
            }
            current = obj.get(segment);
            if (current == null) {
                return null;
            }
        }
        return current;
    }
}
