package lab.abacus.orchestration;

import com.typesafe.config.Config;
import lab.abacus.storage.Storage;
import lab.abacus.train.DeviceAssignment;
import lab.abacus.train.Heartbeat;
import lab.abacus.train.ProgressListener;
import lab.abacus.train.RunOptions;
import lab.abacus.train.RunResult;
import lab.abacus.train.RunTarget;
import lab.abacus.train.RunTrainer;

import java.time.Duration;

/**
 * Trains one point in this JVM (the local launcher with one point at a time): rebuilds the point's config from its
 * text, maps an assigned GPU onto {@code abacus.train.device / gpu-index}, keeps the run's heartbeat fresh, and
 * calls the trainer's single-run entry point {@link RunTrainer#run}. A trainer process
 * ({@code lab.abacus.train.TrainerMain}, see {@link TrainerProcess}) does the same in a JVM of its own, so every
 * launcher writes the same run directory and the same table rows.
 *
 * <p>The run id is the one the sweep expansion computed (the job carries it): where a point trains — which GPU,
 * CPU or GPU — is not part of what the run is.
 */
public final class PointTrainer {

    private PointTrainer() {
    }

    /**
     * @param gpuIndex the GPU the launcher assigned, or null to train on the device the config names
     * @param where    for the outcome, e.g. "driver" or "executor 2"
     */
    public static PointOutcome train(PointJob job, Storage storage, RunOptions options, Integer gpuIndex,
                                     Duration heartbeatEvery, ProgressListener listener, String where) {
        Config config;
        String place = where;
        try {
            config = DeviceAssignment.apply(job.config(), gpuIndex);
            place = where + " " + DeviceAssignment.describe(config);
        } catch (RuntimeException e) {
            return PointOutcome.failed(job, "cannot read the point's config: " + e.getMessage(), where);
        }
        ProgressListener beating = new Heartbeat(storage, job.runId(), heartbeatEvery).around(listener);
        try {
            RunTarget target = new RunTarget(job.runId(), job.datasetId(), job.task(), job.sweep());
            RunResult r = RunTrainer.run(target, config, storage, beating, options);
            return PointOutcome.of(job, r, place);
        } catch (RuntimeException | Error e) {
            // A config the trainer rejects, storage trouble, a native crash surfacing as an error: the point
            // fails with its reason; the sweep goes on with the other points.
            String m = e.getMessage();
            return PointOutcome.failed(job, e.getClass().getSimpleName() + (m == null ? "" : ": " + m), place);
        }
    }
}
