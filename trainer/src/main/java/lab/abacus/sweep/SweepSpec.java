package lab.abacus.sweep;

import com.typesafe.config.Config;
import com.typesafe.config.ConfigException;
import com.typesafe.config.ConfigFactory;
import com.typesafe.config.ConfigList;
import com.typesafe.config.ConfigParseOptions;
import com.typesafe.config.ConfigValue;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.Consumer;
import lab.abacus.config.AbacusConfig;
import lab.abacus.config.ConfigError;
import lab.abacus.run.RunId;

/**
 * A parsed, validated and expanded sweep file. Loading does every check before any work is started: the file
 * and its includes parse, every setting is known and well-typed, the axes are valid ({@link SweepValidation}), and
 * every expanded point passes the typed settings of its sections ({@link SweepExpansion}). Problems are reported
 * together, each naming file:line and key.
 *
 * <pre>
 * include "data/addition-small.conf"        # fragments, relative to this file
 * abacus {
 *   model.hidden = 64                       # overrides for every point
 *   sweep {
 *     name = quickstart
 *     seeds = [1, 2]                        # each sets abacus.train.seed
 *     grid { "model.embedding" = [abacus, fire, nope] }
 *   }
 * }
 * </pre>
 */
public final class SweepSpec {

    private final Path file;
    private final SweepSettings settings;
    private final List<Axis> axes;
    private final Config config;
    private final List<RunSpec> points;

    private SweepSpec(Path file, SweepSettings settings, List<Axis> axes, Config config, List<RunSpec> points) {
        this.file = file;
        this.settings = settings;
        this.axes = axes;
        this.config = config;
        this.points = points;
    }

    /**
     * Parse {@code file} (with its includes) plus {@code key=value} overrides, validate, and expand.
     *
     * @throws ConfigError listing every problem with file:line and key
     */
    public static SweepSpec load(Path file, List<String> overrides) {
        Config fileLayer = parse(file);
        String sweepFile = file.toFile().getPath();
        if (!fileLayer.hasPath(SweepSettings.SECTION)) {
            // Without it the file would be a one-point sweep of the defaults: the paper's full-size model.
            throw new ConfigError(sweepFile + ": no " + SweepSettings.SECTION + " { } block: a sweep file names its"
                    + " sweep and its grid (docs/sweeps.md); to train one run from a config use `abacus train`");
        }
        Config user = AbacusConfig.parseOverrides(overrides).withFallback(fileLayer);
        Config base = AbacusConfig.fromLayers(user);

        String baseName = file.getFileName().toString().replaceFirst("\\.conf$", "");
        SweepSettings settings = SweepSettings.from(base, baseName);
        SectionChecks.PER_SWEEP.forEach(check -> check.accept(base));

        List<Axis> axes = Axis.read(base.getObject(SweepSettings.SECTION + ".grid"), sweepFile);
        List<String> problems = new ArrayList<>(SweepValidation.check(axes, settings, user, sweepFile));
        throwIfAny(problems);
        List<ConfigValue> seedValues = seedValues(base);
        List<RunSpec> points =
                SweepExpansion.expand(axes, settings.seeds(), seedValues, user, settings.name(), problems);
        throwIfAny(problems);
        return new SweepSpec(file, settings, List.copyOf(axes), base, List.copyOf(points));
    }

    /** Parse a sweep file; includes resolve relative to it and must exist. */
    static Config parse(Path file) {
        if (!Files.isRegularFile(file)) {
            throw new ConfigError(file + ": sweep file not found");
        }
        try {
            return ConfigFactory.parseFile(
                    file.toFile(),
                    ConfigParseOptions.defaults().setAllowMissing(false).setIncluder(new StrictIncluder()));
        } catch (StrictIncluder.MissingInclude e) {
            throw new ConfigError(file + " (or a fragment it includes): " + e.getMessage());
        } catch (ConfigException e) {
            throw new ConfigError(e.getMessage());
        }
    }

    private static List<ConfigValue> seedValues(Config base) {
        ConfigList list = base.getList(SweepSettings.SECTION + ".seeds");
        return new ArrayList<>(list);
    }

    static void throwIfAny(List<String> problems) {
        if (!problems.isEmpty()) {
            List<String> distinct = problems.stream().distinct().toList();
            int shown = Math.min(distinct.size(), 20);
            StringBuilder sb = new StringBuilder(String.join("\n", distinct.subList(0, shown)));
            if (distinct.size() > shown) {
                sb.append("\n... and ").append(distinct.size() - shown).append(" more problems");
            }
            throw new ConfigError(sb.toString());
        }
    }

    /** Collects a check's ConfigError as a problem instead of stopping at the first. */
    static void collect(List<String> problems, String prefix, Runnable check) {
        try {
            check.run();
        } catch (ConfigError e) {
            problems.add(prefix + e.getMessage());
        }
    }

    public Path file() {
        return file;
    }

    public String name() {
        return settings.name();
    }

    public SweepSettings settings() {
        return settings;
    }

    /** Axes in point order (first slowest); seeds are not an axis here, see {@link SweepSettings#seeds()}. */
    public List<Axis> axes() {
        return axes;
    }

    /** The resolved config shared by every point before axes are applied (storage, launcher, eval, sweep). */
    public Config config() {
        return config;
    }

    /** Every point, in stable order. */
    public List<RunSpec> points() {
        return points;
    }

    public Optional<RunSpec> point(RunId id) {
        return points.stream().filter(p -> p.id().equals(id)).findFirst();
    }

    static void forEachCheck(List<Consumer<Config>> checks, Config c, List<String> problems, String prefix) {
        for (Consumer<Config> check : checks) {
            collect(problems, prefix, () -> check.accept(c));
        }
    }
}
