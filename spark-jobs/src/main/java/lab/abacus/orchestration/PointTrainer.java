package lab.abacus.orchestration;

import com.typesafe.config.Config;
import com.typesafe.config.ConfigValueFactory;
import lab.abacus.storage.Storage;
import lab.abacus.train.ProgressListener;
import lab.abacus.train.RunOptions;
import lab.abacus.train.RunResult;
import lab.abacus.train.RunTarget;
import lab.abacus.train.RunTrainer;

import java.time.Duration;

/**
 * Trains one point wherever a launcher put it: rebuilds the point's config from its text, maps the device the
 * launcher assigned (a Spark task's GPU address) onto {@code abacus.train.device / gpu-index}, keeps the run's
 * heartbeat fresh, and calls the trainer's single-run entry point {@link RunTrainer#run}. Every launcher ends here,
 * so every launcher writes the same run directory and the same table rows.
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
            config = job.config();
            if (gpuIndex != null) {
                config = config.withValue("abacus.train.device", ConfigValueFactory.fromAnyRef("gpu"))
                        .withValue("abacus.train.gpu-index", ConfigValueFactory.fromAnyRef(gpuIndex));
                place = where + " gpu " + gpuIndex;
            } else {
                place = where + " " + config.getString("abacus.train.device");
            }
        } catch (RuntimeException e) {
            return PointOutcome.failed(job, "cannot read the point's config: " + e.getMessage(), where);
        }
        Heartbeat heartbeat = new Heartbeat(storage, job.runId(), heartbeatEvery);
        ProgressListener beating = new ProgressListener() {
            @Override
            public void started(String runId, int attempt, long startStep, long budgetSteps, double budgetSeconds,
                                long parameters, String model) {
                heartbeat.beat();
                listener.started(runId, attempt, startStep, budgetSteps, budgetSeconds, parameters, model);
            }

            @Override
            public void step(StepReport report) {
                heartbeat.maybeBeat();
                listener.step(report);
            }

            @Override
            public void evaluated(long step, Double idAcc, Double oodAcc) {
                listener.evaluated(step, idAcc, oodAcc);
            }

            @Override
            public void checkpointed(long step) {
                heartbeat.maybeBeat();
                listener.checkpointed(step);
            }

            @Override
            public void finished(RunResult result) {
                listener.finished(result);
            }
        };
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
