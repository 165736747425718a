package lab.abacus.cli;

import com.typesafe.config.Config;
import java.nio.file.Path;
import java.util.List;
import lab.abacus.config.AbacusConfig;
import lab.abacus.config.ConfigOverrides;
import picocli.CommandLine.Mixin;

/**
 * The shared part of {@link ConfigArgs} and {@link ConfigFlags}: repeatable {@code --set key=value} overrides and
 * loading + validating the whole config once ({@link AbacusConfig#load}).
 */
public abstract class ConfigSource {

    @Mixin
    ConfigOverrides overrides;

    /** The HOCON file given on the command line, or null. */
    public abstract Path file();

    public List<String> overrides() {
        return overrides.values();
    }

    /** reference.conf ← file ← overrides, validated; throws {@link lab.abacus.config.ConfigError} naming file:line and key. */
    public Config load() {
        return AbacusConfig.load(file(), overrides.values());
    }
}
