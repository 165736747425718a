package lab.abacus.kubernetes;

import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.ConfigMapBuilder;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.batch.v1.Job;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import java.net.HttpURLConnection;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Comparator;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import lab.abacus.run.FrozenPlan;
import lab.abacus.run.RunPoint;
import lab.abacus.sweep.LauncherSettings;

/**
 * The trainer Jobs of a sweep in one namespace, reconciled by run id: {@link #submit} creates a Job only for points
 * that no live Job covers, and adopts a Job that exists already (a create that answers 409 is how a second reconciler
 * learns that the first one got there), so reconcilers running at once create no duplicate.
 */
public final class TrainerJobs {

    private final KubernetesClient client;
    private final LauncherSettings.Kubernetes settings;
    private final TrainerJobTemplate template;

    public TrainerJobs(KubernetesClient client, LauncherSettings.Kubernetes settings) {
        this.client = client;
        this.settings = settings;
        this.template = TrainerJobTemplate.load(client, settings);
    }

    public TrainerJobTemplate template() {
        return template;
    }

    /** Every trainer Job of {@code sweep} (live or finished, until their TTL removes them), oldest first. */
    public List<TrainerJob> list(String sweep) {
        List<Job> jobs = Forbidden.naming(
                "list",
                "jobs.batch",
                settings.namespace(),
                () -> client.batch()
                        .v1()
                        .jobs()
                        .inNamespace(settings.namespace())
                        .withLabel(JobNames.SWEEP_LABEL, JobNames.labelValue(sweep))
                        .list()
                        .getItems());
        List<TrainerJob> out = new ArrayList<>();
        for (Job j : jobs) {
            plan(j).ifPresent(plan -> out.add(new TrainerJob(j, plan)));
        }
        out.sort(Comparator.comparing(j -> j.job().getMetadata().getCreationTimestamp() == null
                ? ""
                : j.job().getMetadata().getCreationTimestamp()));
        return out;
    }

    /** The Job's current state (null when it was deleted). */
    public TrainerJob refresh(TrainerJob j) {
        Job now = client.batch()
                .v1()
                .jobs()
                .inNamespace(settings.namespace())
                .withName(j.name())
                .get();
        return now == null ? null : new TrainerJob(now, j.plan());
    }

    /**
     * Make sure every point of {@code pending} is covered by a live Job: the live Jobs that cover some, plus one new
     * Job per {@code points-per-job} of the rest. Returns the Jobs covering the points, by run id.
     */
    public Map<String, TrainerJob> submit(String sweep, List<RunPoint> pending) {
        return submit(sweep, pending, list(sweep));
    }

    /** The same, given the sweep's Jobs as {@link #list} just read them. */
    public Map<String, TrainerJob> submit(String sweep, List<RunPoint> pending, List<TrainerJob> existing) {
        Map<String, TrainerJob> cover = new LinkedHashMap<>();
        for (TrainerJob j : existing) {
            if (!j.finished()) {
                j.plan().runIds().forEach(id -> cover.putIfAbsent(id, j));
            }
        }
        Set<String> wanted = new HashSet<>();
        pending.forEach(p -> wanted.add(p.target().runId()));
        cover.keySet().retainAll(wanted);
        List<RunPoint> rest = pending.stream()
                .filter(p -> !cover.containsKey(p.target().runId()))
                .toList();
        for (int from = 0; from < rest.size(); from += settings.pointsPerJob()) {
            FrozenPlan plan = FrozenPlan.of(rest.subList(from, Math.min(rest.size(), from + settings.pointsPerJob())));
            TrainerJob j = create(sweep, plan, existing);
            plan.runIds().forEach(id -> cover.put(id, j));
        }
        return cover;
    }

    /** Create (or adopt) the next attempt's Job of {@code plan}, its ConfigMap first. */
    private TrainerJob create(String sweep, FrozenPlan plan, List<TrainerJob> existing) {
        int attempt = 1
                + (int) existing.stream()
                        .filter(j -> j.plan().id().equals(plan.id()))
                        .count();
        String cm = JobNames.planConfigMap(plan.id());
        createOrAdopt(
                "configmaps",
                () -> client.configMaps()
                        .inNamespace(settings.namespace())
                        .resource(planConfigMap(cm, sweep, plan))
                        .create());
        Job job = template.job(JobNames.job(sweep, plan.id(), attempt), sweep, plan, cm);
        Job made = createOrAdopt(
                "jobs.batch",
                () -> client.batch()
                        .v1()
                        .jobs()
                        .inNamespace(settings.namespace())
                        .resource(job)
                        .create());
        Job current = made != null
                ? made
                : client.batch()
                        .v1()
                        .jobs()
                        .inNamespace(settings.namespace())
                        .withName(job.getMetadata().getName())
                        .get();
        return new TrainerJob(current, plan);
    }

    /** The created object, or null when it existed already (409: another reconciler made it). */
    private <T> T createOrAdopt(String resource, java.util.function.Supplier<T> create) {
        try {
            return Forbidden.naming("create", resource, settings.namespace(), create);
        } catch (KubernetesClientException e) {
            if (e.getCode() == HttpURLConnection.HTTP_CONFLICT) {
                return null;
            }
            throw e;
        }
    }

    private ConfigMap planConfigMap(String name, String sweep, FrozenPlan plan) {
        return new ConfigMapBuilder()
                .withNewMetadata()
                .withName(name)
                .withNamespace(settings.namespace())
                .addToLabels(JobNames.SWEEP_LABEL, JobNames.labelValue(sweep))
                .addToLabels(JobNames.PLAN_LABEL, plan.id())
                .endMetadata()
                .withImmutable(true)
                .addToBinaryData(FrozenPlan.FILE, Base64.getEncoder().encodeToString(plan.encode()))
                .build();
    }

    /** The plan a Job trains, from the ConfigMap its pods mount; empty when that is gone (not one of ours). */
    private Optional<FrozenPlan> plan(Job job) {
        String planId = job.getMetadata().getLabels().get(JobNames.PLAN_LABEL);
        if (planId == null) {
            return Optional.empty();
        }
        ConfigMap cm = client.configMaps()
                .inNamespace(settings.namespace())
                .withName(JobNames.planConfigMap(planId))
                .get();
        if (cm == null || cm.getBinaryData() == null || !cm.getBinaryData().containsKey(FrozenPlan.FILE)) {
            return Optional.empty();
        }
        byte[] bytes = Base64.getDecoder().decode(cm.getBinaryData().get(FrozenPlan.FILE));
        return Optional.of(
                FrozenPlan.decode(bytes, "configmap " + cm.getMetadata().getName()));
    }

    /**
     * How often each run failed in the finished Jobs among {@code jobs} (a sweep's, as the cluster keeps them until their TTL), with the
     * latest such Job and index: a rejected config fails without a runs row, so this is what stops a scheduled
     * reconciler from resubmitting it forever.
     */
    public static Map<String, Failures> failures(List<TrainerJob> jobs) {
        Map<String, Failures> out = new LinkedHashMap<>();
        for (TrainerJob j : jobs) {
            if (!j.finished()) {
                continue;
            }
            java.util.BitSet failed = j.failed();
            for (int i = failed.nextSetBit(0); i >= 0; i = failed.nextSetBit(i + 1)) {
                int index = i;
                out.merge(
                        j.plan().runIds().get(i),
                        new Failures(1, j, index),
                        (a, b) -> new Failures(a.count() + 1, b.latest(), b.index()));
            }
        }
        return out;
    }

    /** A run's failed attempts in Jobs, and the latest Job and index it failed in. */
    public record Failures(int count, TrainerJob latest, int index) {}

    /** The pods of one index of a Job, newest last. */
    public List<Pod> pods(TrainerJob j, int index) {
        List<Pod> pods = new ArrayList<>(client.pods()
                .inNamespace(settings.namespace())
                .withLabel(JobNames.JOB_NAME_LABEL, j.name())
                .withLabel(JobNames.INDEX_LABEL, String.valueOf(index))
                .list()
                .getItems());
        pods.sort(Comparator.comparing(p -> p.getMetadata().getCreationTimestamp() == null
                ? ""
                : p.getMetadata().getCreationTimestamp()));
        return pods;
    }
}
