package lab.abacus.sweep;

import com.typesafe.config.Config;
import com.typesafe.config.ConfigFactory;
import com.typesafe.config.ConfigUtil;
import com.typesafe.config.ConfigValue;
import com.typesafe.config.ConfigValueFactory;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import lab.abacus.config.AbacusConfig;
import lab.abacus.run.RunId;
import lab.abacus.run.RunTarget;

/**
 * The cartesian product of a sweep's axes x seeds, one validated {@link RunSpec} per point. Order is stable:
 * axes in declaration order with the first slowest, values in list order, seeds fastest (so a point's seeds are
 * neighbours). Adding a value to an axis adds points and keeps every old point's run id.
 */
final class SweepExpansion {

    /** Far above any sensible sweep; guards against a grid that would take the driver down. */
    static final long MAX_POINTS = 100_000;

    private SweepExpansion() {}

    /**
     * @param seedValues the seeds as written (for their origins), parallel to {@code seeds}
     * @param user       the unresolved user layer the axes are applied over
     * @param sweepName  the sweep's name, for every point's {@link RunTarget}
     * @param problems   receives one line per invalid point (file:line and key, prefixed by the point's label)
     */
    static List<RunSpec> expand(
            List<Axis> axes,
            List<Long> seeds,
            List<ConfigValue> seedValues,
            Config user,
            String sweepName,
            List<String> problems) {
        long count = Math.max(1, seeds.size());
        for (Axis axis : axes) {
            count *= axis.values().size();
            if (count > MAX_POINTS) {
                problems.add(ConfigErrorText.at(axis, "the grid has more than " + MAX_POINTS + " points"));
                return List.of();
            }
        }
        Map<String, String> names = shortNames(axes, !seeds.isEmpty());
        List<RunSpec> points = new ArrayList<>();
        Map<RunId, String> labels = new HashMap<>();
        int[] choice = new int[axes.size()];
        for (int index = 0; index < count; index++) {
            int rest = seeds.isEmpty() ? index : index / seeds.size();
            for (int a = axes.size() - 1; a >= 0; a--) {
                int size = axes.get(a).values().size();
                choice[a] = rest % size;
                rest /= size;
            }
            Config layer = user;
            List<RunSpec.Coordinate> coordinates = new ArrayList<>();
            for (int a = 0; a < axes.size(); a++) {
                Axis axis = axes.get(a);
                ConfigValue value = axis.values().get(choice[a]);
                layer = ConfigFactory.empty()
                        .withValue(axis.configPath(), value)
                        .withFallback(layer);
                axis.leavesOf(value)
                        .forEach((leaf, v) ->
                                coordinates.add(new RunSpec.Coordinate(leaf, names.get(leaf), Axis.text(v))));
            }
            Long seed = null;
            if (!seeds.isEmpty()) {
                int s = index % seeds.size();
                seed = seeds.get(s);
                ConfigValue seedValue = ConfigValueFactory.fromAnyRef(seed)
                        .withOrigin(seedValues.get(s).origin());
                layer = ConfigFactory.empty()
                        .withValue(AbacusConfig.ROOT + "." + SweepValidation.SEED_PATH, seedValue)
                        .withFallback(layer);
                coordinates.add(new RunSpec.Coordinate(
                        SweepValidation.SEED_PATH, names.get(SweepValidation.SEED_PATH), String.valueOf(seed)));
            }
            String label = coordinates.isEmpty()
                    ? "base"
                    : String.join(
                            ",",
                            coordinates.stream()
                                    .map(RunSpec.Coordinate::toString)
                                    .toList());
            int before = problems.size();
            Config finalLayer = layer;
            Config[] resolved = new Config[1];
            SweepSpec.collect(
                    problems, "point " + label + ": ", () -> resolved[0] = AbacusConfig.fromLayers(finalLayer));
            if (resolved[0] != null) {
                SweepSpec.forEachCheck(SectionChecks.PER_POINT, resolved[0], problems, "point " + label + ": ");
            }
            if (problems.size() > before) {
                continue;
            }
            RunTarget target = RunTarget.of(resolved[0], sweepName);
            RunId id = new RunId(target.runId());
            String other = labels.putIfAbsent(id, label);
            if (other != null) {
                problems.add("points " + other + " and " + label + " resolve to the same run config (run " + id
                        + "): an axis lists one value twice in different spellings, or varies a setting that "
                        + "another setting overrides");
                continue;
            }
            points.add(new RunSpec(index, label, List.copyOf(coordinates), seed, target, resolved[0]));
        }
        return points;
    }

    /** Label names: a leaf's last path segment, or its whole path where two leaves share that segment. */
    private static Map<String, String> shortNames(List<Axis> axes, boolean withSeed) {
        List<String> leaves = new ArrayList<>();
        axes.forEach(a -> leaves.addAll(a.leafPaths()));
        if (withSeed) {
            leaves.add(SweepValidation.SEED_PATH);
        }
        Map<String, Integer> uses = new HashMap<>();
        for (String leaf : leaves) {
            uses.merge(last(leaf), 1, Integer::sum);
        }
        Map<String, String> names = new LinkedHashMap<>();
        for (String leaf : leaves) {
            names.put(leaf, uses.get(last(leaf)) > 1 ? leaf : last(leaf));
        }
        return names;
    }

    private static String last(String path) {
        List<String> segments = ConfigUtil.splitPath(path);
        return segments.get(segments.size() - 1);
    }

    /** Formats a problem at an axis. */
    private static final class ConfigErrorText {
        static String at(Axis axis, String problem) {
            return lab.abacus.config.ConfigError.where(axis.origin()) + ": " + axis.key() + ": " + problem;
        }
    }
}
