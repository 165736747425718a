package lab.abacus.config;

import java.util.ArrayList;
import java.util.List;
import picocli.CommandLine.Option;

/**
 * The {@code --set key=value} option of every command that reads a config, declared once as a picocli mixin
 * ({@code @Mixin ConfigOverrides overrides;}). The values are parsed by {@link AbacusConfig#parseOverrides}.
 */
public final class ConfigOverrides {

    @Option(
            names = "--set",
            paramLabel = "key=value",
            description = "Override one config value (repeatable); the 'abacus.' prefix is optional, "
                    + "e.g. --set storage.root=/tmp/abacus")
    private List<String> values = new ArrayList<>();

    /** The overrides in command-line order (a later one wins). */
    public List<String> values() {
        return List.copyOf(values);
    }
}
