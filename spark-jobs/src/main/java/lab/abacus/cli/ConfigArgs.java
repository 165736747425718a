package lab.abacus.cli;

import java.nio.file.Path;
import picocli.CommandLine.Parameters;

/**
 * Mixin for verbs whose first positional argument is the config file: {@code abacus <verb> [<conf>] [--set k=v]...}.
 * Use with {@code @Mixin ConfigArgs config;} and then {@code config.load()}.
 */
public class ConfigArgs extends ConfigSource {

    @Parameters(
            index = "0",
            arity = "0..1",
            paramLabel = "<conf>",
            description = "HOCON config file (optional; defaults come from reference.conf)")
    Path file;

    @Override
    public Path file() {
        return file;
    }
}
