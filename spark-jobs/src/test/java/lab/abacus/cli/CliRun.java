package lab.abacus.cli;

import java.io.PrintWriter;
import java.io.StringWriter;
import picocli.CommandLine;

/** One {@code abacus ...} command line run in-process, with its exit code and what it printed. */
record CliRun(int code, String out, String err) {

    /** Run {@code args} through the real command tree. */
    static CliRun run(String... args) {
        return run(AbacusMain.commandLine(), args);
    }

    /** Run {@code args} through {@code cl} (the command tree, possibly with test-only verbs added). */
    static CliRun run(CommandLine cl, String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        cl.setOut(new PrintWriter(out, true));
        cl.setErr(new PrintWriter(err, true));
        int code = cl.execute(args);
        return new CliRun(code, out.toString(), err.toString());
    }
}
