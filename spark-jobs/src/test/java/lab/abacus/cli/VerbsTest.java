package lab.abacus.cli;

import org.junit.jupiter.api.Test;
import picocli.CommandLine;
import picocli.CommandLine.Command;

import java.io.IOException;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/** The verb registry: a command class that is not listed (e.g. a typo in Verbs) would silently be missing. */
class VerbsTest {

    @Test
    void everyCommandClassOfTheCliPackageIsRegistered() throws IOException, URISyntaxException {
        Path classes = Path.of(AbacusMain.class.getProtectionDomain().getCodeSource().getLocation().toURI());
        Path pkg = classes.resolve("lab/abacus/cli");
        List<String> commandClasses;
        try (Stream<Path> files = Files.list(pkg)) {
            commandClasses = files.map(p -> p.getFileName().toString())
                    .filter(n -> n.endsWith("Command.class") && !n.contains("$"))
                    .map(n -> "lab.abacus.cli." + n.substring(0, n.length() - ".class".length()))
                    .filter(VerbsTest::isCommand)
                    .toList();
        }
        assertThat(commandClasses).contains("lab.abacus.cli.VersionCommand", "lab.abacus.cli.SparkCheckCommand");
        assertThat(Verbs.CLASSES).containsAll(commandClasses);
    }

    @Test
    void registeredVerbsHaveDistinctNames() {
        CommandLine cl = AbacusMain.commandLine();
        assertThat(cl.getSubcommands()).containsKeys("version", "spark-check");
        // Every listed class present in this build is offered (picocli rejects duplicate names at registration).
        long present = Verbs.CLASSES.stream().filter(VerbsTest::exists).count();
        assertThat(cl.getSubcommands().values().stream().map(CommandLine::getCommandName).distinct().count())
                .isEqualTo(present);
    }

    private static boolean exists(String name) {
        try {
            Class.forName(name);
            return true;
        } catch (ClassNotFoundException e) {
            return false;
        }
    }

    private static boolean isCommand(String name) {
        try {
            return Class.forName(name).isAnnotationPresent(Command.class);
        } catch (ClassNotFoundException e) {
            return false;
        }
    }
}
