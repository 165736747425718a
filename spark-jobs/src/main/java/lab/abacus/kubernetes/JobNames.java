package lab.abacus.kubernetes;

import java.util.Locale;

/**
 * Names and labels of what the launcher creates. A Job's name is derived from its plan (and the attempt), never
 * random: two reconcilers that see the same pending points create the same name, and the second create answers 409.
 */
public final class JobNames {

    /** On Jobs, their pods and plan ConfigMaps: the sweep (as a label value). */
    public static final String SWEEP_LABEL = "abacus.lab/sweep";
    /** On Jobs, their pods and plan ConfigMaps: the plan id. */
    public static final String PLAN_LABEL = "abacus.lab/plan";
    /** What Kubernetes puts on the pods of an Indexed Job: the pod's index. */
    public static final String INDEX_LABEL = "batch.kubernetes.io/job-completion-index";
    /** What Kubernetes puts on a Job's pods: the Job's name. */
    public static final String JOB_NAME_LABEL = "job-name";

    private JobNames() {}

    /** {@code abacus-<sweep>-<plan id>-<attempt>}: at most 63 characters, a DNS label as a Job name must be. */
    public static String job(String sweep, String planId, int attempt) {
        return "abacus-" + slug(sweep, 30) + "-" + planId + "-" + attempt;
    }

    /** The immutable ConfigMap that holds a plan; shared by every attempt of it. */
    public static String planConfigMap(String planId) {
        return "abacus-plan-" + planId;
    }

    /** A label value for {@code text}: at most 63 characters of [a-z0-9-_.], starting and ending alphanumeric. */
    public static String labelValue(String text) {
        return slug(text, 63);
    }

    static String slug(String text, int max) {
        String s = text.toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9-]+", "-");
        s = s.length() > max ? s.substring(0, max) : s;
        s = s.replaceAll("^-+|-+$", "");
        return s.isEmpty() ? "x" : s;
    }
}
