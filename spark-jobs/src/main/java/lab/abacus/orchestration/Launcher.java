package lab.abacus.orchestration;

import java.util.List;
import lab.abacus.run.RunPoint;

/**
 * Where a sweep's pending points train. Implementations differ only in where the trainer's JVM and device are;
 * each point ends in {@link PointTrainer} (the trainer's single-run entry point), which writes the run directory and
 * the table rows, so the orchestration reads the same results whichever launcher ran them.
 *
 * <ul>
 *   <li>{@link LocalLauncher} ({@code abacus.launcher.type = local}): in the driver JVM, one or N at a time;</li>
 *   <li>{@link SparkLauncher} ({@code spark}): one Spark task per point, one GPU per task where the cluster has GPUs;</li>
 *   <li>{@link KubernetesLauncher} ({@code kubernetes}): an Indexed Job of trainer containers, pod {@code i}
 *       training point {@code i} of the Job's frozen plan; outcomes read back from the run directories.</li>
 * </ul>
 */
public interface Launcher {

    /** Short name for progress lines, e.g. {@code local} or {@code spark (1 GPU per task)}. */
    String describe();

    /**
     * Train {@code points} (their datasets exist) and return one outcome per point, in any order. A point that fails
     * must not stop the others: its outcome says FAILED and why. When a stop is requested (SIGTERM, a test's kill),
     * running points checkpoint and return INTERRUPTED and points not yet started are not started (no outcome).
     */
    List<PointOutcome> launch(List<RunPoint> points, LaunchContext context);

    /**
     * Whether {@link #launch} only hands the points over (to Jobs that outlive this process) and returns them as
     * BUSY: a sweep run then launches once and leaves retries to a later run.
     */
    default boolean detached() {
        return false;
    }
}
