package lab.abacus.cli;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import lab.abacus.config.ConfigOverrides;
import lab.abacus.console.LineStream;
import lab.abacus.sweep.SweepSpec;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/**
 * {@code abacus quickstart}: {@code sweeps/quickstart.conf} in embedded Spark on CPU — a few positional embeddings x
 * seeds on short addition, scored on a grid 2-3x the training length — then the summary table and the report path.
 * Same as {@code abacus sweep run sweeps/quickstart.conf}, so it is idempotent and resumable too.
 */
@Command(
        mixinStandardHelpOptions = true,
        name = "quickstart",
        description = "Run the quickstart sweep (sweeps/quickstart.conf) on CPU and print the"
                + " summary: does Abacus generalise to longer additions where other embeddings do not?")
final class QuickstartCommand implements Callable<Integer> {

    static final String FILE = "sweeps/quickstart.conf";

    @Spec
    CommandSpec spec;

    @Mixin
    ConfigOverrides overrides;

    @Override
    public Integer call() {
        Path file = locate();
        SweepSpec s = SweepSpec.load(file, overrides.values());
        return SweepCommand.Sweeps.run(
                s, "abacus quickstart", LineStream.onto(spec.commandLine().getOut()));
    }

    /** {@code sweeps/quickstart.conf} under the working directory, else under the checkout bin/abacus ran from. */
    static Path locate() {
        Path here = Path.of(FILE);
        if (Files.isRegularFile(here)) {
            return here;
        }
        String home = System.getProperty("abacus-lab.home");
        if (home != null && Files.isRegularFile(Path.of(home, FILE))) {
            return Path.of(home, FILE);
        }
        throw new UserError(FILE + " not found: run from the repository root (or via bin/abacus)");
    }
}
