package lab.abacus.sweep;

import java.time.Instant;
import java.util.Optional;
import lab.abacus.run.RunId;

/**
 * What already exists for a sweep's runs. The Spark side implements it by reading {@code tables/runs} (latest
 * row per run id), {@code tables/metrics} (accuracy so far) and {@code tables/eval_cells} (grid completeness);
 * tests implement it with a map. Implementations should read the tables once and answer from memory.
 */
public interface ExistingWork {

    /** The latest attempt of a run, or empty when it never started. */
    Optional<RunRecord> latest(RunId id);

    /** Whether every cell of the run's evaluation grid has a row. */
    boolean gridComplete(RunId id);

    /**
     * Whether a run whose latest row says {@code running} still has a live trainer. A trainer that was killed
     * (SIGKILL, a lost executor, a crashed driver) never writes its final row, so its {@code running} row must be
     * recognised as dead for {@code sweep run} to resume it. Default: every running row is alive.
     */
    default boolean alive(RunId id) {
        return true;
    }

    /**
     * Whether a {@code failed} row is an interruption (a stop request or SIGTERM: the trainer saved a checkpoint and
     * the run is resumable) rather than a failure of the run itself. Interruptions never use up a retry.
     */
    default boolean interrupted(RunRecord r) {
        return false;
    }

    /**
     * Failed attempts of a run that count against {@code abacus.sweep.max-retries}. Default: the latest attempt's
     * number (every earlier attempt is assumed to have failed too).
     */
    default int failures(RunRecord r) {
        return r.attempt();
    }

    /** Nothing exists yet (a fresh storage root). */
    ExistingWork NONE = new ExistingWork() {
        @Override
        public Optional<RunRecord> latest(RunId id) {
            return Optional.empty();
        }

        @Override
        public boolean gridComplete(RunId id) {
            return false;
        }
    };

    /** Status of a run attempt, as in the runs table's {@code status} column. */
    enum RunStatus {
        RUNNING,
        SUCCEEDED,
        FAILED;

        /** Parses the table's lower-case value. */
        public static RunStatus of(String s) {
            return valueOf(s.trim().toUpperCase(java.util.Locale.ROOT));
        }
    }

    /**
     * The latest row of a run in the runs table (metrics so far may come from the metrics table).
     *
     * @param attempt     1 for the first attempt, +1 for each retry
     * @param reason      why it failed (null unless failed)
     * @param step        last step reached
     * @param budgetSteps the step budget, or 0 when the budget is wall-clock time and the step count is unknown
     * @param idAcc       in-distribution exact match so far (0..1), null when not measured yet
     * @param oodAcc      out-of-distribution exact match so far (0..1), null when not measured yet
     * @param writtenAt   when the row was written (a running row that stops being refreshed is a dead run)
     */
    record RunRecord(
            RunId id,
            int attempt,
            RunStatus status,
            String reason,
            long step,
            long budgetSteps,
            Double idAcc,
            Double oodAcc,
            Instant writtenAt) {

        /** This record at another step (a live trainer's lease reports a later one than its last row). */
        public RunRecord atStep(long newStep) {
            return new RunRecord(id, attempt, status, reason, newStep, budgetSteps, idAcc, oodAcc, writtenAt);
        }
    }
}
