package lab.abacus.orchestration;

import java.io.Serializable;
import lab.abacus.run.RunPoint;
import lab.abacus.run.RunResult;

/**
 * How one launch of a point ended, as it comes back from wherever it trained.
 *
 * @param status SUCCEEDED, FAILED (reason says why) or INTERRUPTED (stopped; resumable from its checkpoint)
 * @param where  where it trained, e.g. {@code driver cpu} or {@code executor 1 gpu 0}
 */
public record PointOutcome(
        String runId,
        String label,
        RunResult.Status status,
        String reason,
        long steps,
        double elapsedS,
        Double idAcc,
        Double oodAcc,
        String where)
        implements Serializable {

    public static PointOutcome of(RunPoint point, RunResult r, String where) {
        return new PointOutcome(
                point.target().runId(),
                point.label(),
                r.status(),
                r.reason(),
                r.steps(),
                r.elapsedS(),
                r.idAcc(),
                r.oodAcc(),
                where);
    }

    public static PointOutcome failed(RunPoint point, String reason, String where) {
        return new PointOutcome(
                point.target().runId(), point.label(), RunResult.Status.FAILED, reason, 0, 0, null, null, where);
    }

    public boolean succeeded() {
        return status == RunResult.Status.SUCCEEDED;
    }

    /** Another live process holds the run: nothing was done here, and it is not this launch's failure. */
    public boolean busy() {
        return status == RunResult.Status.BUSY;
    }

    public boolean interrupted() {
        return status == RunResult.Status.INTERRUPTED;
    }
}
