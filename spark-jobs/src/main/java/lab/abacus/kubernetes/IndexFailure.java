package lab.abacus.kubernetes;

import io.fabric8.kubernetes.api.model.ContainerStateTerminated;
import io.fabric8.kubernetes.api.model.ContainerStatus;
import io.fabric8.kubernetes.api.model.Pod;
import java.util.List;
import lab.abacus.process.TrainerMain;

/** Why an index of a trainer Job failed, from its last pod: exit code and termination message. */
public final class IndexFailure {

    private IndexFailure() {}

    /** e.g. {@code pod abacus-x-1-3-kq2 exit 2 (the trainer rejected its config): failed after 0 steps: ...}. */
    public static String reason(List<Pod> pods) {
        if (pods.isEmpty()) {
            return "failed (its pods are gone)";
        }
        Pod last = pods.get(pods.size() - 1);
        String pod = "pod " + last.getMetadata().getName();
        ContainerStateTerminated t = terminated(last);
        if (t == null) {
            String phase =
                    last.getStatus() == null ? "unknown" : last.getStatus().getPhase();
            return pod + " " + phase + (pods.size() > 1 ? " (" + pods.size() + " attempts)" : "");
        }
        return pod + " exit " + t.getExitCode() + meaning(t.getExitCode())
                + (t.getReason() == null ? "" : ", " + t.getReason()) + message(t.getMessage())
                + (pods.size() > 1 ? " (" + pods.size() + " attempts)" : "");
    }

    private static ContainerStateTerminated terminated(Pod pod) {
        if (pod.getStatus() == null || pod.getStatus().getContainerStatuses() == null) {
            return null;
        }
        return pod.getStatus().getContainerStatuses().stream()
                .filter(s -> TrainerJobTemplate.CONTAINER.equals(s.getName()))
                .map(ContainerStatus::getState)
                .filter(s -> s != null && s.getTerminated() != null)
                .map(s -> s.getTerminated())
                .findFirst()
                .orElse(null);
    }

    private static String meaning(Integer exit) {
        int code = exit == null ? -1 : exit;
        if (code == TrainerMain.EXIT_USAGE) {
            return " (the trainer rejected its arguments or config; not retried)";
        }
        if (code == TrainerMain.EXIT_FAILED) {
            return " (training failed)";
        }
        if (code == TrainerMain.EXIT_INTERRUPTED) {
            return " (stopped; resumable)";
        }
        return code == 137 ? " (killed)" : "";
    }

    /** The trainer's result line out of the termination message, else its last line. */
    private static String message(String text) {
        if (text == null || text.isBlank()) {
            return "";
        }
        List<String> lines = text.strip().lines().toList();
        String line = lines.stream()
                .filter(l -> l.startsWith(TrainerMain.RESULT_LINE))
                .reduce((a, b) -> b)
                .map(l -> l.substring(TrainerMain.RESULT_LINE.length()))
                .orElse(lines.get(lines.size() - 1));
        return ": " + line;
    }
}
