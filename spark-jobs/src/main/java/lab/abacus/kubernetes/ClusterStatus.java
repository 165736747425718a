package lab.abacus.kubernetes;

import io.fabric8.kubernetes.api.model.Pod;
import java.util.List;
import lab.abacus.run.RunPoint;

/** Where each point of a sweep stands in the cluster: its latest Job, index and pod, for {@code sweep status}. */
public final class ClusterStatus {

    private final TrainerJobs jobs;

    public ClusterStatus(TrainerJobs jobs) {
        this.jobs = jobs;
    }

    /** One line per point, in the points' order: {@code job <name> index <i>: <state>, pod <name> <phase>}. */
    public List<String> lines(String sweep, List<RunPoint> points) {
        List<TrainerJob> all = jobs.list(sweep);
        return points.stream().map(p -> line(all, p)).toList();
    }

    private String line(List<TrainerJob> all, RunPoint p) {
        String id = p.target().runId();
        TrainerJob latest = null;
        for (TrainerJob j : all) {
            if (j.plan().runIds().contains(id)) {
                latest = j;
            }
        }
        if (latest == null) {
            return "no job";
        }
        int index = latest.plan().runIds().indexOf(id);
        String state = latest.succeeded().get(index)
                ? "succeeded"
                : latest.failed().get(index) ? "failed" : latest.finished() ? "not run" : "pending or running";
        List<Pod> pods = jobs.pods(latest, index);
        String pod = pods.isEmpty()
                ? "no pod"
                : "pod " + pods.get(pods.size() - 1).getMetadata().getName() + " " + phase(pods.get(pods.size() - 1));
        return "job " + latest.name() + " index " + index + ": " + state + ", " + pod
                + (pods.size() > 1 ? " (" + pods.size() + " pods)" : "");
    }

    private static String phase(Pod pod) {
        return pod.getStatus() == null || pod.getStatus().getPhase() == null
                ? "Pending"
                : pod.getStatus().getPhase();
    }
}
