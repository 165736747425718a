package lab.abacus.orchestration;

import java.util.function.Consumer;
import java.util.function.Function;
import lab.abacus.run.RunPoint;
import lab.abacus.storage.StorageRef;
import lab.abacus.train.ProgressListener;
import lab.abacus.train.RunOptions;

/**
 * What every launcher gets besides the jobs.
 *
 * @param storage   the storage root, as tasks rebuild it
 * @param options   the trainer's run options for a point (launchers that run many points in one JVM turn off the
 *                  per-run SIGTERM hook themselves); tests add step hooks here. For a point trained in a trainer
 *                  process only the stop signal carries over (a request stops the child with a checkpoint)
 * @param progress  a progress listener for a point trained in this JVM (the driver's console)
 * @param output    where the output lines of a point's trainer process go (the driver's console, with the point's
 *                  label in front)
 */
public record LaunchContext(
        StorageRef storage,
        Function<RunPoint, RunOptions> options,
        Function<RunPoint, ProgressListener> progress,
        Function<RunPoint, Consumer<String>> output) {

    /** Trainer process output on stdout, prefixed with the job's label. */
    public LaunchContext(
            StorageRef storage, Function<RunPoint, RunOptions> options, Function<RunPoint, ProgressListener> progress) {
        this(storage, options, progress, point -> line -> System.out.println("[" + point.label() + "] " + line));
    }
}
