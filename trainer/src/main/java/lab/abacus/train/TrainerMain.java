package lab.abacus.train;

import com.typesafe.config.Config;
import lab.abacus.config.AbacusConfig;
import lab.abacus.config.ConfigError;
import lab.abacus.data.DataSettings;
import lab.abacus.data.DatasetId;
import lab.abacus.storage.Storage;
import lab.abacus.storage.StorageSettings;
import lab.abacus.sweep.LauncherSettings;
import lab.abacus.sweep.RunSpec;
import lab.abacus.sweep.SweepSpec;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

import java.io.PrintStream;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;

/**
 * A trainer process: exactly one run in a JVM of its own, no Spark. The launchers start it as a child JVM for every
 * point that trains next to others (DJL's PyTorch engine allows one open gradient collector per JVM, and the
 * trainer reseeds libtorch's process-global RNG every step, so two runs can never share a JVM); a trainer container
 * runs the same class.
 *
 * <pre>
 * java -cp ... lab.abacus.train.TrainerMain --config point.json --run-id ID [--sweep-name S] [--gpu 0]
 * java -cp ... lab.abacus.train.TrainerMain --sweep sweeps/quickstart.conf --point 3 [--set k=v]...
 * </pre>
 *
 * It calls {@link RunTrainer#run} (resuming from the run's latest checkpoint), keeps the run's heartbeat fresh,
 * prints the progress lines of {@code abacus train} on stdout, and exits 0 (succeeded), 3 (failed: the reason is in
 * the runs table, in {@code --result-file} and on stdout) or 4 (interrupted: SIGTERM/SIGINT made it checkpoint
 * between steps; resumable). 2: wrong arguments.
 */
@Command(name = "abacus-trainer", mixinStandardHelpOptions = true,
        description = "Train one run in this process (no Spark); resumes from the run's latest checkpoint.")
public final class TrainerMain implements Callable<Integer> {

    public static final int EXIT_SUCCEEDED = 0;
    public static final int EXIT_USAGE = 2;
    public static final int EXIT_FAILED = 3;
    public static final int EXIT_INTERRUPTED = 4;

    /** Prefix of the last line on stdout: the status, for logs that lose the exit code. */
    public static final String RESULT_LINE = "abacus-trainer result: ";

    @Option(names = "--config", paramLabel = "<file>",
            description = "The run's config (HOCON or JSON; a launcher ships the point's resolved config).")
    Path config;

    @Option(names = "--sweep", paramLabel = "<sweep.conf>", description = "A sweep file: train its point --point.")
    Path sweep;

    @Option(names = "--point", paramLabel = "N", description = "0-based index of the sweep's point (with --sweep).")
    Integer point;

    @Option(names = "--set", paramLabel = "key=value", description = "Override one config value (repeatable).")
    List<String> overrides = new ArrayList<>();

    @Option(names = "--run-id", description = "Run id (default: the content address of data/model/train).")
    String runId;

    @Option(names = "--dataset", description = "Dataset id (default: the one abacus.data names).")
    String dataset;

    @Option(names = "--sweep-name", description = "Sweep name for the runs table (default: abacus.sweep.name).")
    String sweepName;

    @Option(names = "--gpu", paramLabel = "<index>", description = "Train on this GPU (abacus.train.device = gpu).")
    Integer gpu;

    @Option(names = "--heartbeat", paramLabel = "<duration>",
            description = "Heartbeat interval, e.g. 30s (default: abacus.launcher.heartbeat).")
    String heartbeat;

    @Option(names = "--progress-every", paramLabel = "<seconds>", description = "A progress line this often.")
    double progressEvery = 10;

    @Option(names = "--result-file", paramLabel = "<file>",
            description = "Write the attempt's result (status, reason, steps, accuracy) here as JSON.")
    Path resultFile;

    @Option(names = "--exit-with-parent",
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
        if ((sweep == null) == (config == null) || (sweep != null) != (point != null)) {
            System.err.println("abacus-trainer: give either --config <file> or --sweep <file> --point N");
            return EXIT_USAGE;
        }
        StopSignal stop = new StopSignal();
        boolean handled = !ownsProcess || ProcessSignals.install(stop);
        if (exitWithParent) {
            ProcessSignals.stopWhenClosed(System.in, stop);
        }
        RunTarget target = null;
        RunResult result;
        try {
            Config c;
            if (sweep != null) {
                SweepSpec spec = SweepSpec.load(sweep, overrides);
                if (point < 0 || point >= spec.points().size()) {
                    throw new ConfigError(sweep + ": --point " + point + " is out of range (the sweep has "
                            + spec.points().size() + " points, 0.." + (spec.points().size() - 1) + ")");
                }
                RunSpec p = spec.points().get(point);
                c = p.config();
                target = new RunTarget(p.id().value(), DatasetId.of(DataSettings.from(c)),
                        c.getString("abacus.data.task"), spec.name());
            } else {
                c = AbacusConfig.load(config, overrides);
                target = RunTarget.of(c);
            }
            target = new RunTarget(runId != null ? runId : target.runId(),
                    dataset != null ? dataset : target.datasetId(), target.task(),
                    sweepName != null ? sweepName : target.sweep());
            c = DeviceAssignment.apply(c, gpu);
            Duration every = heartbeat != null
                    ? com.typesafe.config.ConfigFactory.parseString("d = \"" + heartbeat + "\"").getDuration("d")
                    : LauncherSettings.from(c).liveness().heartbeat();
            StorageSettings settings = StorageSettings.from(c);
            org.apache.hadoop.conf.Configuration hadoop = Storage.hadoopConfiguration(settings.hadoop());
            hadoop.setBoolean("fs.automatic.close", false);
            Storage storage = Storage.open(settings.root(), hadoop);
            ProgressListener progress = TrainSettings.from(c).progress()
                    ? new ConsoleProgress(out, false, progressEvery) : ProgressListener.NONE;
            // Signals handled (or not ours): no shutdown hook; refused handler: the StopSignal hook instead.
            RunOptions options = RunOptions.defaults().withStop(stop).withSignals(!handled);
            result = RunTrainer.run(target, c, storage, new Heartbeat(storage, target.runId(), every).around(progress),
                    options);
        } catch (RuntimeException | Error e) {
            // A config the trainer rejects, storage trouble: the attempt fails with its reason, like a launcher's
            // in-process point.
            String m = e.getMessage();
            String reason = e instanceof ConfigError ? m : e.getClass().getSimpleName() + (m == null ? "" : ": " + m);
            result = new RunResult(target == null ? (runId == null ? "?" : runId) : target.runId(), 0,
                    RunResult.Status.FAILED, reason, 0, 0, Double.NaN, null, null);
        }
        if (resultFile != null) {
            ResultFile.write(resultFile, result);
        }
        out.println(RESULT_LINE + result.status().name().toLowerCase(Locale.ROOT) + " after " + result.steps()
                + " steps" + (result.reason() == null ? "" : ": " + result.reason()));
        out.flush();
        return switch (result.status()) {
            case SUCCEEDED -> EXIT_SUCCEEDED;
            case FAILED -> EXIT_FAILED;
            case INTERRUPTED -> EXIT_INTERRUPTED;
        };
    }
}
