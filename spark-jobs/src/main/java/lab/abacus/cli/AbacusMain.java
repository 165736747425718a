package lab.abacus.cli;

import java.io.PrintWriter;
import java.util.concurrent.Callable;
import lab.abacus.config.ConfigError;
import lab.abacus.spark.SparkSessions;
import lab.abacus.version.CodeVersion;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ScopeType;
import picocli.CommandLine.Spec;

/**
 * The {@code abacus} front door, for {@code bin/abacus} (plain java, embedded Spark) and
 * {@code spark-submit --class lab.abacus.cli.AbacusMain <jar> <verb> ...} alike.
 *
 * <p>Exit codes: 0 success; 2 a problem the user can fix (bad arguments, {@link ConfigError}, {@link UserError}) —
 * message only; 1 anything unexpected — a short message, plus the stack trace with {@code --verbose}.
 */
@Command(
        name = "abacus",
        mixinStandardHelpOptions = true,
        versionProvider = AbacusMain.Version.class,
        usageHelpAutoWidth = true,
        subcommands = {
            VersionCommand.class,
            SparkCheckCommand.class,
            DatagenCommand.class,
            TrainCommand.class,
            EvalCommand.class,
            TScoreCommand.class,
            SqlCommand.class,
            ReportCommand.class,
            SweepCommand.class,
            QuickstartCommand.class,
            BenchCommand.class,
            TablesCommand.class
        },
        description = "Abacus Lab: datasets, training, evaluation grids and sweeps for length generalisation "
                + "on small transformers, on Spark.",
        footer = {
            "",
            "Config: every default is in reference.conf (abacus { ... }); pass a HOCON file and "
                    + "--set key=value overrides.",
            "Exit codes: 0 ok, 1 unexpected error (add --verbose for the stack trace), 2 bad input."
        })
public final class AbacusMain implements Callable<Integer> {

    public static final int EXIT_OK = 0;
    public static final int EXIT_FAILURE = 1;
    public static final int EXIT_USER_ERROR = 2;

    @Spec
    CommandSpec spec;

    private boolean verbose;

    /** Inherited by every verb, so {@code abacus datagen x.conf --verbose} works too. */
    @Option(names = "--verbose", scope = ScopeType.INHERIT, description = "Print stack traces of unexpected errors.")
    void setVerbose(boolean verbose) {
        this.verbose = verbose;
    }

    @Override
    public Integer call() {
        spec.commandLine().getErr().println("abacus: missing verb");
        spec.commandLine().usage(spec.commandLine().getErr());
        return EXIT_USER_ERROR;
    }

    public static void main(String[] args) {
        int code = execute(args);
        // Stop Spark cleanly (event logs, temp dirs) before the JVM goes.
        SparkSessions.stopActive();
        // Under spark-submit a normal return is how success is reported (YARN cluster mode treats an early
        // System.exit as a failure); on failure, or in our own JVM, exit with the code so scripts can rely on it.
        if (code != EXIT_OK || !SparkSessions.launchedBySparkSubmit()) {
            System.exit(code);
        }
    }

    /** Run one command line to its exit code, writing to stdout / stderr (tests call this). */
    public static int execute(String... args) {
        return run(commandLine(), args);
    }

    private static int run(CommandLine cl, String... args) {
        try {
            return cl.execute(args);
        } catch (Error e) {
            // picocli passes Errors through: a full disk (Hadoop's FSError), a native crash, out of memory.
            return handle(e, cl, java.util.Arrays.asList(args).contains("--verbose"));
        }
    }

    /** Run one command line with its output captured (tests). */
    public static int execute(PrintWriter out, PrintWriter err, String... args) {
        CommandLine cl = commandLine();
        cl.setOut(out);
        cl.setErr(err);
        try {
            return run(cl, args);
        } finally {
            out.flush();
            err.flush();
        }
    }

    /** The command tree: {@code abacus} and its verbs, each with {@code --help} and {@code --version}. */
    public static CommandLine commandLine() {
        AbacusMain main = new AbacusMain();
        CommandLine cl = new CommandLine(main);
        shareVersion(cl, new Version());
        cl.setExecutionExceptionHandler((ex, commandLine, parseResult) -> handle(ex, commandLine, main.verbose));
        return cl;
    }

    /** Every (sub-)verb answers {@code --version} as {@code abacus --version} does. */
    private static void shareVersion(CommandLine cl, CommandLine.IVersionProvider version) {
        cl.getCommandSpec().versionProvider(version);
        cl.getSubcommands().values().forEach(sub -> shareVersion(sub, version));
    }

    private static int handle(Throwable ex, CommandLine commandLine, boolean verbose) {
        PrintWriter err = commandLine.getErr();
        String who = commandLine.getCommandSpec().qualifiedName(); // e.g. "abacus sweep plan"
        Throwable user = userError(ex);
        if (user != null) {
            err.println(who + ": " + user.getMessage());
            if (verbose) {
                ex.printStackTrace(err);
            }
            err.flush();
            return EXIT_USER_ERROR;
        }
        String storage = storageError(ex);
        err.println(who + ": " + (storage != null ? "storage error: " + storage : "unexpected error: " + ex));
        if (verbose) {
            ex.printStackTrace(err);
        } else {
            err.println("(run again with --verbose for the stack trace)");
        }
        err.flush();
        return EXIT_FAILURE;
    }

    /** The user-fixable error in {@code t}'s cause chain (Spark wraps task failures), or null. */
    static Throwable userError(Throwable t) {
        for (Throwable c = t; c != null; c = c.getCause() == c ? null : c.getCause()) {
            if (c instanceof ConfigError || c instanceof UserError) {
                return c;
            }
        }
        return null;
    }

    /**
     * The message of the outermost storage failure in {@code t}'s cause chain (an I/O error or a full disk), which
     * names the path being written or read; null when storage is not the cause.
     */
    static String storageError(Throwable t) {
        for (Throwable c = t; c != null; c = c.getCause() == c ? null : c.getCause()) {
            if (c instanceof java.io.UncheckedIOException
                    || c instanceof java.io.IOException
                    || c instanceof org.apache.hadoop.fs.FSError) {
                return c.getMessage();
            }
        }
        return null;
    }

    /** A verb group called without its sub-command: say which exist, print its usage, exit 2. */
    static int missingSubcommand(CommandSpec group) {
        CommandLine cl = group.commandLine();
        cl.getErr()
                .println(group.qualifiedName() + ": missing sub-command ("
                        + String.join(", ", cl.getSubcommands().keySet()) + ")");
        cl.usage(cl.getErr());
        return EXIT_USER_ERROR;
    }

    /** {@code abacus --version}: the same text as {@code abacus version}. */
    static final class Version implements CommandLine.IVersionProvider {
        @Override
        public String[] getVersion() {
            return new String[] {VersionCommand.text(CodeVersion.current())};
        }
    }
}
