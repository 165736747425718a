package lab.abacus.cli;

import java.util.concurrent.Callable;
import lab.abacus.version.CodeVersion;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/** {@code abacus version}: the code version (Maven version, git commit at build time, dirty flag). */
@Command(
        mixinStandardHelpOptions = true,
        name = "version",
        description = "Print the code version (git commit at build time).")
final class VersionCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() {
        spec.commandLine().getOut().println(text(CodeVersion.current()));
        return AbacusMain.EXIT_OK;
    }

    static String text(CodeVersion v) {
        return "abacus " + v.version() + " (commit " + v.commit() + (v.dirty() ? ", uncommitted changes" : "") + ")";
    }
}
