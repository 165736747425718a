package lab.abacus.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/** The verbs: every command class of the CLI package is a sub-command of {@code abacus}, and each has --help. */
class VerbsTest {

    @Test
    void everyCommandClassOfTheCliPackageIsAVerb() throws IOException, URISyntaxException {
        Path classes = Path.of(AbacusMain.class
                .getProtectionDomain()
                .getCodeSource()
                .getLocation()
                .toURI());
        List<String> commandClasses;
        try (Stream<Path> files = Files.list(classes.resolve("lab/abacus/cli"))) {
            commandClasses = files.map(p -> p.getFileName().toString())
                    .filter(n -> n.endsWith("Command.class") && !n.contains("$"))
                    .map(n -> "lab.abacus.cli." + n.substring(0, n.length() - ".class".length()))
                    .filter(n -> load(n).isAnnotationPresent(Command.class))
                    .toList();
        }
        List<String> registered = AbacusMain.commandLine().getSubcommands().values().stream()
                .map(cl -> cl.getCommandSpec().userObject().getClass().getName())
                .toList();
        assertThat(commandClasses).hasSizeGreaterThanOrEqualTo(10);
        assertThat(registered).containsAll(commandClasses);
    }

    @Test
    void everyVerbAndSubVerbAnswersHelpWithItsUsage() {
        assertHelp(AbacusMain.commandLine(), "");
    }

    private static void assertHelp(CommandLine cl, String path) {
        for (CommandLine sub : cl.getSubcommands().values()) {
            String verb = (path + " " + sub.getCommandName()).trim();
            List<String> args = new java.util.ArrayList<>(List.of(verb.split(" ")));
            args.add("--help");
            CliRun r = CliRun.run(args.toArray(String[]::new));
            assertThat(r.code()).as(verb + " --help: " + r.err()).isZero();
            assertThat(r.out()).as(verb + " --help").contains("Usage: abacus " + verb);
            assertHelp(sub, verb);
        }
    }

    private static Class<?> load(String name) {
        try {
            return Class.forName(name);
        } catch (ClassNotFoundException e) {
            throw new IllegalStateException(e);
        }
    }
}
