package lab.abacus.cli;

import java.nio.file.Path;
import picocli.CommandLine.Option;

/**
 * Mixin for verbs whose positional arguments are something else (a query, a run id): the config file comes with
 * {@code -c/--conf}. Use with {@code @Mixin ConfigFlags config;} and then {@code config.load()}.
 */
public class ConfigFlags extends ConfigSource {

    @Option(
            names = {"-c", "--conf"},
            paramLabel = "<conf>",
            description = "HOCON config file (optional; defaults come from reference.conf)")
    Path file;

    @Override
    public Path file() {
        return file;
    }
}
