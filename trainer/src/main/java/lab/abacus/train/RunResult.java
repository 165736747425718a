package lab.abacus.train;

/**
 * How one attempt of a run ended.
 *
 * @param status     SUCCEEDED (budget reached, final checkpoint written), FAILED (reason says why, e.g. NaN loss)
 *                   or INTERRUPTED (stop requested, e.g. SIGTERM: checkpoint written, resumable)
 * @param steps      optimizer steps done in total (across attempts)
 * @param elapsedS   training wall-clock seconds in total (across attempts)
 * @param finalLoss  loss of the last step (NaN when none)
 * @param idAcc      last held-out in-distribution exact match (null when not evaluated)
 * @param oodAcc     last held-out out-of-distribution exact match (null when not evaluated)
 */
public record RunResult(String runId, int attempt, Status status, String reason, long steps, double elapsedS,
                        double finalLoss, Double idAcc, Double oodAcc) {

    public enum Status { SUCCEEDED, FAILED, INTERRUPTED }

    public boolean succeeded() {
        return status == Status.SUCCEEDED;
    }
}
