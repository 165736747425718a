package lab.abacus.orchestration;

import com.typesafe.config.Config;
import lab.abacus.process.DeviceAssignment;
import lab.abacus.run.RunPoint;
import lab.abacus.run.RunResult;
import lab.abacus.storage.Storage;
import lab.abacus.train.ProgressListener;
import lab.abacus.train.RunOptions;
import lab.abacus.train.RunTrainer;

/**
 * Trains one point in this JVM (the local launcher with one point at a time): rebuilds the point's config from its
 * text, maps an assigned GPU onto {@code abacus.train.device / gpu-index}, and
 * calls the trainer's single-run entry point {@link RunTrainer#run}. A trainer process
 * ({@code lab.abacus.process.TrainerMain}, see {@link TrainerProcess}) does the same in a JVM of its own, so every
 * launcher writes the same run directory and the same table rows.
 *
 * <p>The run's target is the one the sweep expansion derived (the point carries it): where a point trains — which
 * GPU, CPU or GPU — is not part of what the run is.
 */
public final class PointTrainer {

    private PointTrainer() {}

    /**
     * @param gpuIndex the GPU the launcher assigned, or null to train on the device the config names
     * @param where    for the outcome, e.g. "driver" or "executor 2"
     */
    public static PointOutcome train(
            RunPoint point,
            Storage storage,
            RunOptions options,
            Integer gpuIndex,
            ProgressListener listener,
            String where) {
        Config config;
        String place = where;
        try {
            config = DeviceAssignment.apply(point.config(), gpuIndex);
            place = where + " " + DeviceAssignment.describe(config);
        } catch (RuntimeException e) {
            return PointOutcome.failed(point, "cannot read the point's config: " + e.getMessage(), where);
        }
        try {
            RunResult r = RunTrainer.run(point.target(), config, storage, listener, options);
            return PointOutcome.of(point, r, place);
        } catch (RuntimeException | Error e) {
            // A config the trainer rejects, storage trouble, a native crash surfacing as an error: the point
            // fails with its reason; the sweep goes on with the other points.
            String m = e.getMessage();
            return PointOutcome.failed(point, e.getClass().getSimpleName() + (m == null ? "" : ": " + m), place);
        }
    }
}
