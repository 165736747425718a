package lab.abacus.deploy;

import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.KubernetesResource;
import io.fabric8.kubernetes.api.model.PodSpec;
import io.fabric8.kubernetes.api.model.Quantity;
import io.fabric8.kubernetes.api.model.batch.v1.CronJob;
import io.fabric8.kubernetes.api.model.batch.v1.Job;
import io.fabric8.kubernetes.api.model.batch.v1.JobSpec;
import io.fabric8.kubernetes.api.model.batch.v1.PodFailurePolicyRule;
import io.fabric8.kubernetes.api.model.rbac.RoleBinding;
import io.fabric8.kubernetes.client.utils.Serialization;
import java.io.ByteArrayInputStream;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Strict validation of rendered manifests: each document unmarshalled into its typed fabric8 class (a wrong type
 * fails there) with no unknown field anywhere (fabric8 keeps those in {@code additionalProperties}: a typo such as
 * {@code completionsMode} is caught), plus the admission rules the API server would apply to what we use. Each rule
 * cites the Kubernetes documentation it comes from.
 */
final class ManifestRules {

    static final String JOB_DOC = "https://kubernetes.io/docs/concepts/workloads/controllers/job/";
    static final String CRON_DOC = "https://kubernetes.io/docs/concepts/workloads/controllers/cron-jobs/";
    static final String NAMES_DOC = "https://kubernetes.io/docs/concepts/overview/working-with-objects/names/";
    static final String RESOURCES_DOC =
            "https://kubernetes.io/docs/concepts/configuration/manage-resources-containers/#extended-resources";
    static final String RBAC_DOC = "https://kubernetes.io/docs/reference/access-authn-authz/rbac/";

    /** Typed classes of the kinds the manifests use. */
    static final Map<String, Class<? extends KubernetesResource>> TYPES = Map.of(
            "Job", Job.class,
            "CronJob", CronJob.class,
            "ServiceAccount", io.fabric8.kubernetes.api.model.ServiceAccount.class,
            "Role", io.fabric8.kubernetes.api.model.rbac.Role.class,
            "RoleBinding", RoleBinding.class,
            "ConfigMap", io.fabric8.kubernetes.api.model.ConfigMap.class,
            "Secret", io.fabric8.kubernetes.api.model.Secret.class,
            "PersistentVolumeClaim", io.fabric8.kubernetes.api.model.PersistentVolumeClaim.class);

    /** spark-operator v1beta2 fields we may use (its CRD: github.com/kubeflow/spark-operator, api/v1beta2). */
    static final Set<String> SPARK_APP_SPEC = Set.of(
            "type",
            "mode",
            "image",
            "imagePullPolicy",
            "mainClass",
            "mainApplicationFile",
            "arguments",
            "sparkVersion",
            "restartPolicy",
            "sparkConf",
            "hadoopConf",
            "driver",
            "executor",
            "deps",
            "volumes",
            "timeToLiveSeconds",
            "sparkConfigMap",
            "hadoopConfigMap",
            "dynamicAllocation");

    static final Set<String> SPARK_POD_SPEC = Set.of(
            "cores",
            "coreLimit",
            "memory",
            "memoryOverhead",
            "instances",
            "serviceAccount",
            "labels",
            "annotations",
            "env",
            "envFrom",
            "configMaps",
            "secrets",
            "volumeMounts",
            "javaOptions",
            "securityContext",
            "podSecurityContext",
            "nodeSelector",
            "tolerations",
            "gpu",
            "image");
    static final Set<String> SCHEDULED_SPEC = Set.of(
            "schedule",
            "concurrencyPolicy",
            "suspend",
            "template",
            "successfulRunHistoryLimit",
            "failedRunHistoryLimit",
            "timeZone");

    private ManifestRules() {}

    /** The problems of a rendered overlay (empty: valid); each names the document and the field. */
    static List<String> check(String yaml) {
        List<String> problems = new ArrayList<>();
        List<HasMetadata> objects = new ArrayList<>();
        for (String doc : Kustomize.documents(yaml)) {
            GenericKubernetesResource g = unmarshal(doc, GenericKubernetesResource.class);
            String where = g.getKind() + "/" + g.getMetadata().getName();
            Class<? extends KubernetesResource> type = TYPES.get(g.getKind());
            if (type != null) {
                KubernetesResource typed = unmarshal(doc, type);
                unknownFields(typed, where, problems);
                objects.add((HasMetadata) typed);
            } else if (g.getKind().endsWith("SparkApplication")) {
                sparkApplication(g, where, problems);
                objects.add(g);
            } else {
                problems.add(where + ": a kind this validator does not know; add its typed class");
            }
        }
        for (HasMetadata o : objects) {
            String where = o.getKind() + "/" + o.getMetadata().getName();
            name(o, where, problems);
            if (o instanceof Job j) {
                job(j, where, problems);
            } else if (o instanceof CronJob c) {
                cronJob(c, where, problems);
            } else if (o instanceof RoleBinding b) {
                roleBinding(b, where, objects, problems);
            }
        }
        return problems;
    }

    static <T> T unmarshal(String doc, Class<T> type) {
        return Serialization.unmarshal(new ByteArrayInputStream(doc.getBytes(StandardCharsets.UTF_8)), type);
    }

    /** Every additionalProperties entry of the object graph: fields the type does not have. */
    static void unknownFields(Object o, String path, List<String> problems) {
        if (o == null || !o.getClass().getName().startsWith("io.fabric8.kubernetes.api.model")) {
            if (o instanceof Collection<?> c) {
                int i = 0;
                for (Object e : c) {
                    unknownFields(e, path + "[" + i++ + "]", problems);
                }
            } else if (o instanceof Map<?, ?> m) {
                m.forEach((k, v) -> unknownFields(v, path + "." + k, problems));
            }
            return;
        }
        for (Method m : o.getClass().getMethods()) {
            if (m.getParameterCount() != 0
                    || Modifier.isStatic(m.getModifiers())
                    || !m.getName().startsWith("get")
                    || m.getDeclaringClass() == Object.class) {
                continue;
            }
            Object v = invoke(m, o);
            if (m.getName().equals("getAdditionalProperties")) {
                if (v instanceof Map<?, ?> extra && !extra.isEmpty()) {
                    problems.add(path + ": unknown field(s) " + extra.keySet());
                }
            } else {
                unknownFields(v, path + "." + field(m.getName()), problems);
            }
        }
    }

    private static Object invoke(Method m, Object o) {
        try {
            return m.invoke(o);
        } catch (ReflectiveOperationException e) {
            throw new IllegalStateException(m + ": " + e, e);
        }
    }

    private static String field(String getter) {
        return Character.toLowerCase(getter.charAt(3)) + getter.substring(4);
    }

    /** Names: DNS-1123 subdomains (labels for what becomes a host name). */
    static void name(HasMetadata o, String where, List<String> problems) {
        String n = o.getMetadata().getName();
        if (n == null || !n.matches("[a-z0-9]([-a-z0-9.]*[a-z0-9])?") || n.length() > 253) {
            problems.add(where + ": metadata.name is not a DNS-1123 subdomain (" + NAMES_DOC + ")");
        }
        labels(o.getMetadata().getLabels(), where, problems);
    }

    static void labels(Map<String, String> labels, String where, List<String> problems) {
        if (labels == null) {
            return;
        }
        labels.forEach((k, v) -> {
            if (v.length() > 63 || !v.matches("([A-Za-z0-9]([-A-Za-z0-9_.]*[A-Za-z0-9])?)?")) {
                problems.add(
                        where + ": label " + k + "=" + v + " is not a valid label value ("
                                + "https://kubernetes.io/docs/concepts/overview/working-with-objects/labels/#syntax-and-character-set)");
            }
        });
    }

    /** The Job API's validation of what the trainer Job uses. */
    static void job(Job job, String where, List<String> problems) {
        JobSpec s = job.getSpec();
        PodSpec pod = s.getTemplate().getSpec();
        boolean indexed = "Indexed".equals(s.getCompletionMode());
        String restart = pod.getRestartPolicy();
        if (!"Never".equals(restart) && !"OnFailure".equals(restart)) {
            problems.add(where + ": a Job's restartPolicy must be Never or OnFailure (" + JOB_DOC + "#pod-template)");
        }
        if (indexed && s.getCompletions() == null) {
            problems.add(where + ": an Indexed Job needs completions (" + JOB_DOC + "#completion-mode)");
        }
        if (indexed && job.getMetadata().getName().length() > 63) {
            problems.add(where + ": an Indexed Job's name is part of its pods' host names: at most 63 characters ("
                    + JOB_DOC + "#completion-mode)");
        }
        if (s.getBackoffLimitPerIndex() != null && !indexed) {
            problems.add(where + ": backoffLimitPerIndex needs completionMode Indexed (" + JOB_DOC
                    + "#backoff-limit-per-index)");
        }
        if (s.getBackoffLimitPerIndex() != null && !"Never".equals(restart)) {
            problems.add(where + ": backoffLimitPerIndex needs restartPolicy Never (" + JOB_DOC
                    + "#backoff-limit-per-index)");
        }
        if (s.getMaxFailedIndexes() != null
                && (s.getBackoffLimitPerIndex() == null || s.getMaxFailedIndexes() > s.getCompletions())) {
            problems.add(where + ": maxFailedIndexes needs backoffLimitPerIndex and at most completions (" + JOB_DOC
                    + "#backoff-limit-per-index)");
        }
        if (s.getPodFailurePolicy() != null) {
            podFailurePolicy(s, pod, where, problems);
        }
        for (Container c : pod.getContainers()) {
            extendedResources(c, where, problems);
        }
    }

    private static void podFailurePolicy(JobSpec s, PodSpec pod, String where, List<String> problems) {
        if (!"Never".equals(pod.getRestartPolicy())) {
            problems.add(where + ": podFailurePolicy needs restartPolicy Never (" + JOB_DOC + "#pod-failure-policy)");
        }
        if (!"Failed".equals(s.getPodReplacementPolicy())) {
            problems.add(where + ": with podFailurePolicy, podReplacementPolicy must be Failed (" + JOB_DOC
                    + "#pod-replacement-policy)");
        }
        for (PodFailurePolicyRule r : s.getPodFailurePolicy().getRules()) {
            if ("FailIndex".equals(r.getAction()) && s.getBackoffLimitPerIndex() == null) {
                problems.add(
                        where + ": action FailIndex needs backoffLimitPerIndex (" + JOB_DOC + "#pod-failure-policy)");
            }
            if (!Set.of("FailJob", "FailIndex", "Ignore", "Count").contains(r.getAction())) {
                problems.add(where + ": unknown podFailurePolicy action " + r.getAction());
            }
            if (r.getOnExitCodes() != null) {
                var codes = r.getOnExitCodes();
                if ("In".equals(codes.getOperator()) && codes.getValues().contains(0)) {
                    problems.add(where + ": onExitCodes with operator In must not contain 0 (" + JOB_DOC
                            + "#pod-failure-policy)");
                }
                if (codes.getContainerName() != null
                        && pod.getContainers().stream()
                                .noneMatch(c -> c.getName().equals(codes.getContainerName()))) {
                    problems.add(
                            where + ": onExitCodes.containerName " + codes.getContainerName() + " names no container");
                }
            }
        }
    }

    /** Extended resources (nvidia.com/gpu) cannot be overcommitted: requests, if given, equal limits. */
    static void extendedResources(Container c, String where, List<String> problems) {
        if (c.getResources() == null) {
            return;
        }
        Map<String, Quantity> limits = c.getResources().getLimits() == null
                ? Map.of()
                : c.getResources().getLimits();
        Map<String, Quantity> requests = c.getResources().getRequests() == null
                ? Map.of()
                : c.getResources().getRequests();
        requests.forEach((k, q) -> {
            if (k.contains("/") && !k.startsWith("kubernetes.io/") && !q.equals(limits.get(k))) {
                problems.add(
                        where + ": extended resource " + k + " requested but limits differ (" + RESOURCES_DOC + ")");
            }
        });
    }

    static void cronJob(CronJob c, String where, List<String> problems) {
        var s = c.getSpec();
        if (s.getSchedule() == null || s.getSchedule().trim().split("\\s+", -1).length != 5) {
            problems.add(where + ": schedule must have 5 fields (" + CRON_DOC + "#schedule-syntax)");
        }
        if (c.getMetadata().getName().length() > 52) {
            problems.add(
                    where + ": a CronJob's name is at most 52 characters (" + CRON_DOC + "#writing-a-cronjob-spec)");
        }
        if (!Set.of("Allow", "Forbid", "Replace").contains(s.getConcurrencyPolicy())) {
            problems.add(where + ": concurrencyPolicy must be Allow, Forbid or Replace (" + CRON_DOC
                    + "#concurrency-policy)");
        }
        if (s.getStartingDeadlineSeconds() != null && s.getStartingDeadlineSeconds() < 0) {
            problems.add(where + ": startingDeadlineSeconds must be >= 0");
        }
        String restart = s.getJobTemplate().getSpec().getTemplate().getSpec().getRestartPolicy();
        if (!"Never".equals(restart) && !"OnFailure".equals(restart)) {
            problems.add(where + ": the job template's restartPolicy must be Never or OnFailure (" + JOB_DOC + ")");
        }
    }

    static void roleBinding(RoleBinding b, String where, List<HasMetadata> objects, List<String> problems) {
        var ref = b.getRoleRef();
        if (!"rbac.authorization.k8s.io".equals(ref.getApiGroup())
                || !Set.of("Role", "ClusterRole").contains(ref.getKind())) {
            problems.add(
                    where + ": roleRef must be a Role or ClusterRole of rbac.authorization.k8s.io (" + RBAC_DOC + ")");
        }
        if ("Role".equals(ref.getKind())
                && objects.stream()
                        .noneMatch(o -> "Role".equals(o.getKind())
                                && o.getMetadata().getName().equals(ref.getName()))) {
            problems.add(where + ": roleRef names Role " + ref.getName() + ", which the manifests do not define");
        }
        b.getSubjects().stream()
                .filter(s -> "ServiceAccount".equals(s.getKind()))
                .filter(s -> objects.stream()
                        .noneMatch(o -> "ServiceAccount".equals(o.getKind())
                                && o.getMetadata().getName().equals(s.getName())))
                .forEach(s -> problems.add(where + ": subject ServiceAccount " + s.getName() + " is not defined"));
    }

    @SuppressWarnings("unchecked")
    static void sparkApplication(GenericKubernetesResource g, String where, List<String> problems) {
        Map<String, Object> spec =
                (Map<String, Object>) g.getAdditionalProperties().get("spec");
        boolean scheduled = g.getKind().startsWith("Scheduled");
        if (!"sparkoperator.k8s.io/v1beta2".equals(g.getApiVersion())) {
            problems.add(where + ": apiVersion must be sparkoperator.k8s.io/v1beta2");
        }
        if (scheduled) {
            unknownKeys(spec, SCHEDULED_SPEC, where + ".spec", problems);
            spec = (Map<String, Object>) spec.get("template");
        }
        unknownKeys(spec, SPARK_APP_SPEC, where + ".spec", problems);
        for (String pod : List.of("driver", "executor")) {
            if (spec.get(pod) instanceof Map<?, ?> m) {
                unknownKeys((Map<String, Object>) m, SPARK_POD_SPEC, where + ".spec." + pod, problems);
            }
        }
        if (!Set.of("Java", "Scala", "Python", "R").contains(String.valueOf(spec.get("type")))) {
            problems.add(where + ": spec.type must be Java, Scala, Python or R");
        }
    }

    private static void unknownKeys(Map<String, Object> m, Set<String> known, String where, List<String> problems) {
        if (m == null) {
            problems.add(where + ": missing");
            return;
        }
        m.keySet().stream().filter(k -> !known.contains(k)).forEach(k -> problems.add(where + ": unknown field " + k));
    }
}
