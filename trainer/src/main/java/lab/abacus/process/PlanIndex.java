package lab.abacus.process;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import lab.abacus.config.ConfigError;
import lab.abacus.run.FrozenPlan;
import lab.abacus.run.RunPoint;

/** A trainer pod's side of a frozen plan: which point is this pod's, and what it tells Kubernetes when it ends. */
final class PlanIndex {

    /** Set by Kubernetes in every pod of an Indexed Job. */
    static final String INDEX_ENV = "JOB_COMPLETION_INDEX";
    /** Where Kubernetes reads a container's termination message (terminationMessagePath's default). */
    static final Path TERMINATION_LOG = Path.of("/dev/termination-log");

    private PlanIndex() {}

    /** Point {@code index} (else {@code $JOB_COMPLETION_INDEX}) of the plan in {@code file}. */
    static RunPoint point(Path file, Integer index) {
        int i = index != null ? index : envIndex();
        byte[] bytes;
        try {
            bytes = Files.readAllBytes(file);
        } catch (IOException e) {
            throw new ConfigError("--plan " + file + ": cannot read it: " + e.getMessage());
        }
        FrozenPlan plan;
        try {
            plan = FrozenPlan.decode(bytes, file.toString());
        } catch (IllegalArgumentException e) {
            throw new ConfigError(e.getMessage());
        }
        if (i < 0 || i >= plan.points().size()) {
            throw new ConfigError(file + ": index " + i + " is out of range (the plan has "
                    + plan.points().size() + " points, 0.." + (plan.points().size() - 1) + ")");
        }
        return plan.points().get(i);
    }

    private static int envIndex() {
        String v = System.getenv(INDEX_ENV);
        if (v == null || v.isBlank()) {
            throw new ConfigError("--plan needs --index N or $" + INDEX_ENV + " (set in the pods of an Indexed Job)");
        }
        try {
            return Integer.parseInt(v.trim());
        } catch (NumberFormatException e) {
            throw new ConfigError("$" + INDEX_ENV + " = \"" + v + "\" is not an index");
        }
    }

    /** Hand Kubernetes the result line as the container's termination message, when it is listening for one. */
    static void terminationMessage(String line) {
        if (Files.isWritable(TERMINATION_LOG)) {
            try {
                Files.writeString(TERMINATION_LOG, line + "\n", StandardCharsets.UTF_8);
            } catch (IOException ignored) {
                // best effort: the pod's log has the same line
            }
        }
    }
}
