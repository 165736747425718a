package lab.abacus.train;

import lab.abacus.run.Heartbeat;
import lab.abacus.run.RunResult;

/**
 * A {@link ProgressListener} that keeps a run's {@link Heartbeat} fresh around another listener: a beat when the
 * run starts, then at most one per heartbeat interval after a step or a checkpoint.
 */
public final class HeartbeatListener implements ProgressListener {

    private final Heartbeat heartbeat;
    private final ProgressListener listener;

    public HeartbeatListener(Heartbeat heartbeat, ProgressListener listener) {
        this.heartbeat = heartbeat;
        this.listener = listener;
    }

    @Override
    public void started(
            String runId,
            int attempt,
            long startStep,
            long budgetSteps,
            double budgetSeconds,
            long parameters,
            String model) {
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
}
