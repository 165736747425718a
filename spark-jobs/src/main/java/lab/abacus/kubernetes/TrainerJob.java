package lab.abacus.kubernetes;

import io.fabric8.kubernetes.api.model.batch.v1.Job;
import io.fabric8.kubernetes.api.model.batch.v1.JobCondition;
import io.fabric8.kubernetes.api.model.batch.v1.JobStatus;
import java.util.BitSet;
import java.util.Locale;
import lab.abacus.run.FrozenPlan;

/**
 * A trainer Job as the cluster reports it, with its plan: which indexes (so which runs) succeeded, failed, or are
 * still to finish.
 */
public record TrainerJob(Job job, FrozenPlan plan) {

    public String name() {
        return job.getMetadata().getName();
    }

    /** Finished: the Job controller set Complete or Failed (every index ended, or too many failed). */
    public boolean finished() {
        JobStatus s = job.getStatus();
        return s != null
                && s.getConditions() != null
                && s.getConditions().stream().anyMatch(TrainerJob::terminal);
    }

    private static boolean terminal(JobCondition c) {
        return ("Complete".equals(c.getType()) || "Failed".equals(c.getType())) && "True".equals(c.getStatus());
    }

    public BitSet succeeded() {
        return job.getStatus() == null
                ? new BitSet()
                : IndexSet.parse(job.getStatus().getCompletedIndexes());
    }

    public BitSet failed() {
        return job.getStatus() == null
                ? new BitSet()
                : IndexSet.parse(job.getStatus().getFailedIndexes());
    }

    /** e.g. {@code 3 of 4 succeeded, 1 failed, 0 running}. */
    public String summary() {
        int active = job.getStatus() == null || job.getStatus().getActive() == null
                ? 0
                : job.getStatus().getActive();
        return String.format(
                Locale.ROOT,
                "%d of %d succeeded, %d failed, %d running%s",
                succeeded().cardinality(),
                plan.points().size(),
                failed().cardinality(),
                active,
                finished() ? " (finished)" : "");
    }
}
