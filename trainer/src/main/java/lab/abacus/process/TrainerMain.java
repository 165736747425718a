package lab.abacus.process;

import com.typesafe.config.Config;
import java.io.IOException;
import java.io.InputStream;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.concurrent.Callable;
import lab.abacus.config.AbacusConfig;
import lab.abacus.config.ConfigError;
import lab.abacus.config.ConfigOverrides;
import lab.abacus.model.LibTorch;
import lab.abacus.run.RunPoint;
import lab.abacus.run.RunResult;
import lab.abacus.run.RunTarget;
import lab.abacus.storage.Storage;
import lab.abacus.storage.StorageRef;
import lab.abacus.sweep.SweepSpec;
import lab.abacus.train.ConsoleProgress;
import lab.abacus.train.ProgressListener;
import lab.abacus.train.RunOptions;
import lab.abacus.train.RunTrainer;
import lab.abacus.train.StopSignal;
import lab.abacus.train.TrainSettings;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * A trainer process: exactly one run in a JVM of its own, no Spark. The launchers start it as a child JVM for every
 * point that trains next to others (DJL's PyTorch engine allows one open gradient collector per JVM, and the
 * trainer reseeds libtorch's process-global RNG every step, so two runs can never share a JVM); a trainer container
 * runs the same class.
 *
 * <pre>
 * java -cp ... lab.abacus.process.TrainerMain --point-file point.json [--gpu 0]      (what launchers write)
 * java -cp ... lab.abacus.process.TrainerMain --sweep sweeps/quickstart.conf --point 3 [--set k=v]...
 * java -cp ... lab.abacus.process.TrainerMain --config run.conf [--set k=v]...
 * java -cp ... lab.abacus.process.TrainerMain --plan plan.jsonl.gz [--index N]          (a trainer Job's pod)
 * java -cp ... lab.abacus.process.TrainerMain --check-engine                             (an image build)
 * </pre>
 *
 * It calls {@link RunTrainer#run} (under the run's lease, resuming from the run's latest checkpoint), prints the
 * progress lines of {@code abacus train} on stdout, and exits 0 (succeeded), 3 (failed: the reason is in the runs
 * table, in {@code --result-file} and on stdout), 4 (interrupted: SIGTERM/SIGINT made it checkpoint between steps;
 * resumable) or 5 (with {@code --no-wait}: another process holds the run). 2: wrong arguments or a config the trainer
 * rejects, which no retry can fix (a Kubernetes pod failure policy fails the index at once on it). Without
 * {@code --no-wait} a second trainer of a run waits for the first and exits with its result, so a duplicate pod is
 * harmless.
 */
@Command(
        name = "abacus-trainer",
        mixinStandardHelpOptions = true,
        description = "Train one run in this process (no Spark); resumes from the run's latest checkpoint.")
public final class TrainerMain implements Callable<Integer> {

    public static final int EXIT_SUCCEEDED = 0;
    public static final int EXIT_USAGE = 2;
    public static final int EXIT_FAILED = 3;
    public static final int EXIT_INTERRUPTED = 4;
    public static final int EXIT_BUSY = 5;

    /** {@code --point-file -} and {@code --result-file -}: the point on stdin, the result on stdout. */
    static final Path STDIN = Path.of("-");

    /** Prefix of the last line on stdout: the status, for logs that lose the exit code. */
    public static final String RESULT_LINE = "abacus-trainer result: ";

    @Option(
            names = "--point-file",
            paramLabel = "<file>",
            description = "A run point as a launcher writes it (target, label and resolved config; JSON); '-': the"
                    + " first line of stdin (nothing of it is left on disk).")
    Path pointFile;

    @Option(names = "--config", paramLabel = "<file>", description = "A run's config (HOCON or JSON).")
    Path config;

    @Option(
            names = "--plan",
            paramLabel = "<file>",
            description = "A frozen plan (gzip'd JSON lines, as the Kubernetes launcher writes it): train its point"
                    + " --index.")
    Path plan;

    @Option(
            names = "--index",
            paramLabel = "N",
            description = "0-based index of the point in --plan (default: $JOB_COMPLETION_INDEX, set by Kubernetes"
                    + " for the pods of an Indexed Job).")
    Integer index;

    @Option(
            names = "--check-engine",
            description = "Load the PyTorch engine, print its version and device, exit 0 (what an image build runs"
                    + " to unpack libtorch into the image).")
    boolean checkEngine;

    @Option(names = "--sweep", paramLabel = "<sweep.conf>", description = "A sweep file: train its point --point.")
    Path sweep;

    @Option(names = "--point", paramLabel = "N", description = "0-based index of the sweep's point (with --sweep).")
    Integer point;

    @Mixin
    ConfigOverrides overrides;

    @Option(names = "--gpu", paramLabel = "<index>", description = "Train on this GPU (abacus.train.device = gpu).")
    Integer gpu;

    @Option(
            names = "--no-wait",
            description = "When another process holds the run, exit at once (5) instead of waiting for it and taking"
                    + " its result over.")
    boolean noWait;

    @Option(names = "--progress-every", paramLabel = "<seconds>", description = "A progress line this often.")
    double progressEvery = 10;

    @Option(
            names = "--result-file",
            paramLabel = "<file>",
            description = "Write the attempt's result (status, reason, steps, accuracy) here as JSON; '-': as a line"
                    + " on stdout (" + ResultFile.LINE + "<json>).")
    Path resultFile;

    @Option(
            names = "--exit-with-parent",
            description = "Stop (checkpoint, exit 4) when stdin closes: a supervising launcher ended.")
    boolean exitWithParent;

    private final PrintStream out;
    private final boolean ownsProcess;

    TrainerMain(PrintStream out, boolean ownsProcess) {
        this.out = out;
        this.ownsProcess = ownsProcess;
    }

    public static void main(String[] args) {
        System.exit(execute(args, System.out, true));
    }

    /**
     * Parse {@code args}, train, and return the exit code, without taking over this JVM's signals (SIGTERM keeps
     * its usual meaning): for tests and embedding.
     */
    public static int run(String[] args, PrintStream out) {
        return execute(args, out, false);
    }

    private static int execute(String[] args, PrintStream out, boolean ownsProcess) {
        CommandLine cl = new CommandLine(new TrainerMain(out, ownsProcess));
        cl.setExitCodeExceptionMapper(e -> EXIT_FAILED);
        return cl.execute(args);
    }

    @Override
    public Integer call() {
        if (checkEngine) {
            out.println(LibTorch.describe());
            return EXIT_SUCCEEDED;
        }
        int sources = (pointFile != null ? 1 : 0)
                + (config != null ? 1 : 0)
                + (sweep != null ? 1 : 0)
                + (plan != null ? 1 : 0);
        if (sources != 1 || (sweep != null) != (point != null)) {
            System.err.println("abacus-trainer: give one of --point-file <file>, --config <file>, --plan <file>, or"
                    + " --sweep <file> --point N");
            return EXIT_USAGE;
        }
        StopSignal stop = new StopSignal();
        boolean handled = !ownsProcess || ProcessSignals.install(stop);
        // The point line is read before the parent watch takes stdin over (it reads to the end).
        String pointLine = STDIN.equals(pointFile) ? firstLine(System.in) : null;
        if (exitWithParent) {
            ProcessSignals.stopWhenClosed(System.in, stop);
        }
        RunPoint p = null;
        RunResult result;
        boolean rejected = false;
        try {
            p = pointLine != null ? RunPoint.fromJson(pointLine) : point();
            result = train(p, stop, handled);
        } catch (RuntimeException | Error e) {
            // A config the trainer rejects, storage trouble: the attempt fails with its reason, like a launcher's
            // in-process point.
            String m = e.getMessage();
            rejected = e instanceof ConfigError;
            String reason = e instanceof ConfigError ? m : e.getClass().getSimpleName() + (m == null ? "" : ": " + m);
            result = new RunResult(
                    p == null ? "?" : p.target().runId(),
                    0,
                    RunResult.Status.FAILED,
                    reason,
                    0,
                    0,
                    Double.NaN,
                    null,
                    null);
        }
        int exit = report(result);
        return rejected ? EXIT_USAGE : exit;
    }

    /** The run to train, from whichever source the arguments name. */
    private RunPoint point() {
        if (pointFile != null) {
            return RunPoint.fromJson(read(pointFile));
        }
        if (plan != null) {
            return PlanIndex.point(plan, index);
        }
        if (sweep != null) {
            SweepSpec spec = SweepSpec.load(sweep, overrides.values());
            if (point < 0 || point >= spec.points().size()) {
                throw new ConfigError(sweep + ": --point " + point + " is out of range (the sweep has "
                        + spec.points().size() + " points, 0.." + (spec.points().size() - 1) + ")");
            }
            return spec.points().get(point).point();
        }
        Config c = AbacusConfig.load(config, overrides.values());
        return RunPoint.of(0, "run", RunTarget.of(c), c);
    }

    private RunResult train(RunPoint p, StopSignal stop, boolean signalsHandled) {
        Config c = DeviceAssignment.apply(p.config(), gpu);
        Storage storage = StorageRef.from(c).open();
        ProgressListener progress = TrainSettings.from(c).progress()
                ? new ConsoleProgress(out, "", false, progressEvery)
                : ProgressListener.NONE;
        // Signals handled (or not ours): no shutdown hook; refused handler: the StopSignal hook instead.
        RunOptions options = RunOptions.defaults()
                .withStop(stop)
                .withSignals(!signalsHandled)
                .withWaitForRun(!noWait);
        return RunTrainer.run(p.target(), c, storage, progress, options);
    }

    /** Result file (or line), last line, exit code. */
    private int report(RunResult result) {
        if (STDIN.equals(resultFile)) {
            out.println(ResultFile.line(result));
        } else if (resultFile != null) {
            ResultFile.write(resultFile, result);
        }
        String line = RESULT_LINE + result.status().name().toLowerCase(Locale.ROOT) + " after " + result.steps()
                + " steps" + (result.reason() == null ? "" : ": " + result.reason());
        out.println(line);
        out.flush();
        PlanIndex.terminationMessage(line);
        return switch (result.status()) {
            case SUCCEEDED -> EXIT_SUCCEEDED;
            case FAILED -> EXIT_FAILED;
            case INTERRUPTED -> EXIT_INTERRUPTED;
            case BUSY -> EXIT_BUSY;
        };
    }

    /** Bytes up to the first newline, read one at a time so that nothing after it is consumed. */
    private static String firstLine(InputStream in) {
        java.io.ByteArrayOutputStream line = new java.io.ByteArrayOutputStream();
        try {
            for (int b = in.read(); b != -1 && b != '\n'; b = in.read()) {
                line.write(b);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("reading the point from stdin: " + e.getMessage(), e);
        }
        return line.toString(StandardCharsets.UTF_8);
    }

    private static String read(Path file) {
        try {
            return Files.readString(file, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException("reading " + file + ": " + e.getMessage(), e);
        }
    }
}
