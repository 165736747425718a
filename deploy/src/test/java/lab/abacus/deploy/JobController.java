package lab.abacus.deploy;

import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.ContainerStatusBuilder;
import io.fabric8.kubernetes.api.model.EnvVar;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.PodBuilder;
import io.fabric8.kubernetes.api.model.PodConditionBuilder;
import io.fabric8.kubernetes.api.model.Volume;
import io.fabric8.kubernetes.api.model.VolumeMount;
import io.fabric8.kubernetes.api.model.batch.v1.Job;
import io.fabric8.kubernetes.api.model.batch.v1.JobConditionBuilder;
import io.fabric8.kubernetes.api.model.batch.v1.JobStatus;
import io.fabric8.kubernetes.api.model.batch.v1.PodFailurePolicyRule;
import io.fabric8.kubernetes.client.KubernetesClient;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Base64;
import java.util.BitSet;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import lab.abacus.kubernetes.IndexSet;
import lab.abacus.kubernetes.JobNames;

/**
 * A test-only stand-in for the Job controller and the kubelet, on top of the mock API server: for every Job that is
 * not suspended it starts one Docker container per index (at most {@code parallelism} at once) from the Job's pod
 * template — same image, args with {@code $(VAR)} expanded, env, {@code JOB_COMPLETION_INDEX}, ConfigMap volumes
 * written out and mounted read-only, volume claims mounted from host directories — and writes Pod objects and the
 * Job's status back: {@code completedIndexes}, {@code failedIndexes}, {@code active}, and a Complete or Failed
 * condition once every index ended. It applies the parts of the Job API the launcher relies on:
 * {@code backoffLimitPerIndex}, and {@code podFailurePolicy} rules {@code FailIndex} on exit codes and {@code Ignore}
 * on the {@code DisruptionTarget} condition.
 *
 * <p>What a real cluster does differently: containers run as the test's user (the bind-mounted root is the test's; a
 * pod's fsGroup would make a volume writable the same way), the storage root is also mounted at its host path (the
 * test's driver runs on the host, a real driver pod mounts the same claim), and there is no scheduler, no node and no
 * resource accounting.
 */
final class JobController implements AutoCloseable {

    private final KubernetesClient client;
    private final String namespace;
    private final Path work;
    private final Map<String, Path> claims;
    private final List<Path> hostPaths;
    private final Map<String, JobRun> runs = new LinkedHashMap<>();
    private final ScheduledExecutorService loop = Executors.newSingleThreadScheduledExecutor();
    private final AtomicInteger podSerial = new AtomicInteger();

    JobController(
            KubernetesClient client, String namespace, Path work, Map<String, Path> claims, List<Path> hostPaths) {
        this.client = client;
        this.namespace = namespace;
        this.work = work;
        this.claims = claims;
        this.hostPaths = hostPaths;
        var unused = loop.scheduleWithFixedDelay(this::reconcileQuietly, 0, 250, TimeUnit.MILLISECONDS);
    }

    /** One pod of an index: its Pod object and its container. */
    private static final class PodRun {
        final String name;
        final String container;
        final int index;
        boolean disrupted;

        PodRun(String name, String container, int index) {
            this.name = name;
            this.container = container;
            this.index = index;
        }
    }

    /** What the controller knows of one Job. */
    private static final class JobRun {
        final Job job;
        final List<PodRun> active = new ArrayList<>();
        final BitSet completed = new BitSet();
        final BitSet failed = new BitSet();
        final Map<Integer, Integer> failures = new HashMap<>();
        int failedPods;
        boolean finished;

        JobRun(Job job) {
            this.job = job;
        }

        int completions() {
            return job.getSpec().getCompletions();
        }

        boolean busy(int index) {
            return active.stream().anyMatch(p -> p.index == index && !p.disrupted);
        }
    }

    private void reconcileQuietly() {
        try {
            reconcile();
        } catch (RuntimeException e) {
            System.err.println("[job-controller] " + e);
        }
    }

    synchronized void reconcile() {
        for (Job j : client.batch().v1().jobs().inNamespace(namespace).list().getItems()) {
            if (Boolean.TRUE.equals(j.getSpec().getSuspend())) {
                continue;
            }
            JobRun run = runs.computeIfAbsent(j.getMetadata().getName(), n -> new JobRun(j));
            if (!run.finished) {
                step(run);
            }
        }
    }

    private void step(JobRun run) {
        for (PodRun p : new ArrayList<>(run.active)) {
            Integer exit = Docker.exitCode(p.container);
            if (exit != null) {
                run.active.remove(p);
                ended(run, p, exit);
            }
        }
        int parallelism = run.job.getSpec().getParallelism();
        for (int i = 0; i < run.completions() && run.active.size() < parallelism; i++) {
            if (!run.completed.get(i) && !run.failed.get(i) && !run.busy(i)) {
                run.active.add(startPod(run, i));
            }
        }
        run.finished =
                run.active.isEmpty() && run.completed.cardinality() + run.failed.cardinality() == run.completions();
        writeStatus(run);
    }

    /** A pod's container exited: the Pod's final state, and what it means for its index. */
    private void ended(JobRun run, PodRun p, int exit) {
        String logs = Docker.logs(p.container);
        List<String> lines = logs.strip().lines().toList();
        String message = String.join("\n", lines.subList(Math.max(0, lines.size() - 20), lines.size()));
        Pod pod = client.pods().inNamespace(namespace).withName(p.name).get();
        pod.getStatus().setPhase(exit == 0 ? "Succeeded" : "Failed");
        pod.getStatus()
                .setContainerStatuses(List.of(new ContainerStatusBuilder()
                        .withName("trainer")
                        .withNewState()
                        .withNewTerminated()
                        .withExitCode(exit)
                        .withReason(exit == 0 ? "Completed" : "Error")
                        .withMessage(message)
                        .endTerminated()
                        .endState()
                        .build()));
        client.pods().inNamespace(namespace).resource(pod).updateStatus();
        Docker.remove(p.container);
        if (exit == 0) {
            run.completed.set(p.index);
            return;
        }
        run.failedPods++;
        String action = action(run.job, exit, p.disrupted);
        if ("Ignore".equals(action)) {
            return;
        }
        int failures = run.failures.merge(p.index, 1, Integer::sum);
        if ("FailIndex".equals(action) || failures > run.job.getSpec().getBackoffLimitPerIndex()) {
            run.failed.set(p.index);
        }
    }

    /** The action of the first podFailurePolicy rule that matches, else "Count". */
    private static String action(Job job, int exit, boolean disrupted) {
        if (job.getSpec().getPodFailurePolicy() == null) {
            return "Count";
        }
        for (PodFailurePolicyRule r : job.getSpec().getPodFailurePolicy().getRules()) {
            if (r.getOnExitCodes() != null
                    && "In".equals(r.getOnExitCodes().getOperator())
                    && r.getOnExitCodes().getValues().contains(exit)) {
                return r.getAction();
            }
            if (r.getOnPodConditions() != null
                    && disrupted
                    && r.getOnPodConditions().stream().anyMatch(c -> "DisruptionTarget".equals(c.getType()))) {
                return r.getAction();
            }
        }
        return "Count";
    }

    private PodRun startPod(JobRun run, int index) {
        Job job = run.job;
        String name = job.getMetadata().getName() + "-" + index + "-" + podSerial.incrementAndGet();
        Map<String, String> labels =
                new HashMap<>(job.getSpec().getTemplate().getMetadata().getLabels());
        labels.put(JobNames.JOB_NAME_LABEL, job.getMetadata().getName());
        labels.put(JobNames.INDEX_LABEL, String.valueOf(index));
        Pod pod = new PodBuilder()
                .withNewMetadata()
                .withName(name)
                .withNamespace(namespace)
                .withLabels(labels)
                .endMetadata()
                .withSpec(job.getSpec().getTemplate().getSpec())
                .withNewStatus()
                .withPhase("Running")
                .endStatus()
                .build();
        client.pods().inNamespace(namespace).resource(pod).create();
        Container c = job.getSpec().getTemplate().getSpec().getContainers().get(0);
        Map<String, String> env = new LinkedHashMap<>();
        if (c.getEnv() != null) {
            for (EnvVar e : c.getEnv()) {
                env.put(e.getName(), e.getValue() == null ? "" : e.getValue());
            }
        }
        env.put("JOB_COMPLETION_INDEX", String.valueOf(index));
        List<String> args = c.getArgs().stream().map(a -> expand(a, env)).toList();
        String id = Docker.start(c.getImage(), args, env, mounts(job, c), Docker.user());
        return new PodRun(name, id, index);
    }

    private List<Docker.Mount> mounts(Job job, Container c) {
        List<Docker.Mount> m = new ArrayList<>();
        Map<String, Volume> volumes = new HashMap<>();
        job.getSpec().getTemplate().getSpec().getVolumes().forEach(v -> volumes.put(v.getName(), v));
        for (VolumeMount vm : c.getVolumeMounts()) {
            Volume v = volumes.get(vm.getName());
            if (v.getConfigMap() != null) {
                m.add(new Docker.Mount(configMapDir(v.getConfigMap().getName()), vm.getMountPath(), true));
            } else if (v.getPersistentVolumeClaim() != null) {
                Path host = claims.get(v.getPersistentVolumeClaim().getClaimName());
                m.add(new Docker.Mount(host, vm.getMountPath(), false));
            }
        }
        hostPaths.forEach(p -> m.add(Docker.Mount.same(p)));
        return m;
    }

    /** A ConfigMap's files, as the kubelet projects them into a volume. */
    private Path configMapDir(String name) {
        ConfigMap cm = client.configMaps().inNamespace(namespace).withName(name).get();
        Path d = work.resolve("configmap-" + name);
        try {
            Files.createDirectories(d);
            if (cm.getData() != null) {
                for (Map.Entry<String, String> e : cm.getData().entrySet()) {
                    Files.writeString(d.resolve(e.getKey()), e.getValue(), StandardCharsets.UTF_8);
                }
            }
            if (cm.getBinaryData() != null) {
                for (Map.Entry<String, String> e : cm.getBinaryData().entrySet()) {
                    Files.write(d.resolve(e.getKey()), Base64.getDecoder().decode(e.getValue()));
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return d;
    }

    private static final Pattern VAR = Pattern.compile("\\$\\(([A-Za-z_][A-Za-z0-9_]*)\\)");

    private static String expand(String arg, Map<String, String> env) {
        Matcher m = VAR.matcher(arg);
        StringBuilder sb = new StringBuilder();
        while (m.find()) {
            m.appendReplacement(sb, Matcher.quoteReplacement(env.getOrDefault(m.group(1), m.group())));
        }
        return m.appendTail(sb).toString();
    }

    private void writeStatus(JobRun run) {
        Job now = client.batch()
                .v1()
                .jobs()
                .inNamespace(namespace)
                .withName(run.job.getMetadata().getName())
                .get();
        JobStatus s = new JobStatus();
        s.setActive((int) run.active.stream().filter(p -> !p.disrupted).count());
        s.setSucceeded(run.completed.cardinality());
        s.setFailed(run.failedPods);
        s.setCompletedIndexes(IndexSet.format(run.completed));
        s.setFailedIndexes(IndexSet.format(run.failed));
        if (run.finished) {
            s.setConditions(List.of(new JobConditionBuilder()
                    .withType(run.failed.isEmpty() ? "Complete" : "Failed")
                    .withStatus("True")
                    .withReason(run.failed.isEmpty() ? "Completed" : "FailedIndexes")
                    .build()));
        }
        now.setStatus(s);
        client.batch().v1().jobs().inNamespace(namespace).resource(now).updateStatus();
    }

    /**
     * Evict the running pod of {@code index}: it gets the DisruptionTarget condition, a replacement starts at once
     * (while the old one still runs, as a node drain can make happen), and the old container is killed
     * {@code graceSeconds} later.
     */
    synchronized String evict(String jobName, int index, long graceSeconds) {
        JobRun run = runs.get(jobName);
        PodRun old = run.active.stream()
                .filter(p -> p.index == index && !p.disrupted)
                .findFirst()
                .orElseThrow();
        old.disrupted = true;
        Pod pod = client.pods().inNamespace(namespace).withName(old.name).get();
        pod.getStatus()
                .setConditions(List.of(new PodConditionBuilder()
                        .withType("DisruptionTarget")
                        .withStatus("True")
                        .withReason("EvictionByEvictionAPI")
                        .build()));
        client.pods().inNamespace(namespace).resource(pod).updateStatus();
        run.active.add(startPod(run, index));
        var unused = loop.schedule(() -> Docker.kill(old.container), graceSeconds, TimeUnit.SECONDS);
        return old.name;
    }

    @Override
    public synchronized void close() {
        loop.shutdownNow();
        for (JobRun r : runs.values()) {
            for (PodRun p : r.active) {
                try {
                    Docker.remove(p.container);
                } catch (RuntimeException ignored) {
                    // already gone
                }
            }
        }
    }
}
