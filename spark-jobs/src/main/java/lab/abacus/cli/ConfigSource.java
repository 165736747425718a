package lab.abacus.cli;

import com.typesafe.config.Config;
import lab.abacus.config.AbacusConfig;
import picocli.CommandLine.Option;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * The shared part of {@link ConfigArgs} and {@link ConfigFlags}: repeatable {@code --set key=value} overrides and
 * loading + validating the whole config once ({@link AbacusConfig#load}).
 */
public abstract class ConfigSource {

    @Option(names = "--set", paramLabel = "key=value",
            description = "Override one config value (repeatable); the 'abacus.' prefix is optional, "
                    + "e.g. --set storage.root=/tmp/abacus")
    List<String> overrides = new ArrayList<>();

    /** The HOCON file given on the command line, or null. */
    public abstract Path file();

    public List<String> overrides() {
        return List.copyOf(overrides);
    }

    /** reference.conf ← file ← overrides, validated; throws {@link lab.abacus.config.ConfigError} naming file:line and key. */
    public Config load() {
        return AbacusConfig.load(file(), overrides);
    }
}
