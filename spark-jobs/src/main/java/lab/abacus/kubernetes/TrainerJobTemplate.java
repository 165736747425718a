package lab.abacus.kubernetes;

import com.typesafe.config.Config;
import com.typesafe.config.ConfigValue;
import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.ObjectMeta;
import io.fabric8.kubernetes.api.model.PodSpec;
import io.fabric8.kubernetes.api.model.Quantity;
import io.fabric8.kubernetes.api.model.Volume;
import io.fabric8.kubernetes.api.model.batch.v1.Job;
import io.fabric8.kubernetes.api.model.batch.v1.JobSpec;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.utils.Serialization;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import lab.abacus.config.ConfigError;
import lab.abacus.run.FrozenPlan;
import lab.abacus.sweep.LauncherSettings;

/**
 * The trainer Indexed Job of one frozen plan, made from a template: the suspended Job that applying an overlay of
 * {@code k8s/} puts in the namespace ({@code launcher.kubernetes.job-template} names it), so the overlay's patches
 * shape every trainer pod; without one there, {@code k8s/base/trainer-job.yaml} as packaged in the jar. Completion
 * mode, failure and replacement policies, security context and volumes come from the template; the launcher fills
 * in what differs per plan.
 */
public final class TrainerJobTemplate {

    static final String RESOURCE = "/lab/abacus/kubernetes/trainer-job.yaml";
    static final String CONTAINER = "trainer";
    static final String PLAN_VOLUME = "plan";
    static final String GPU = "nvidia.com/gpu";

    private final Job template;
    private final String source;
    private final LauncherSettings.Kubernetes settings;

    private TrainerJobTemplate(Job template, String source, LauncherSettings.Kubernetes settings) {
        this.template = template;
        this.source = source;
        this.settings = settings;
    }

    /** e.g. {@code job abacus-trainer (namespace ml)} or the packaged file. */
    public String source() {
        return source;
    }

    /** The template Job of {@code settings} from the cluster, else the packaged one; {@code source} says which. */
    public static TrainerJobTemplate load(KubernetesClient client, LauncherSettings.Kubernetes settings) {
        Job inCluster = settings.jobTemplate().isBlank()
                ? null
                : client.batch()
                        .v1()
                        .jobs()
                        .inNamespace(settings.namespace())
                        .withName(settings.jobTemplate())
                        .get();
        return inCluster != null
                ? new TrainerJobTemplate(
                        asTemplate(inCluster),
                        "job " + settings.jobTemplate() + " (namespace " + settings.namespace() + ")",
                        settings)
                : packaged(settings);
    }

    /** What the API server added to the template Job when it was created, removed. */
    private static Job asTemplate(Job applied) {
        Job job = Serialization.clone(applied);
        job.setStatus(null);
        job.setMetadata(new ObjectMeta());
        job.getSpec().setSelector(null);
        job.getSpec().setManualSelector(null);
        Map<String, String> labels = job.getSpec().getTemplate().getMetadata().getLabels();
        if (labels != null) {
            labels.keySet()
                    .removeIf(k -> k.equals("controller-uid")
                            || k.equals(JobNames.JOB_NAME_LABEL)
                            || k.startsWith("batch.kubernetes.io/"));
        }
        return job;
    }

    public static TrainerJobTemplate packaged(LauncherSettings.Kubernetes settings) {
        try (InputStream in = TrainerJobTemplate.class.getResourceAsStream(RESOURCE)) {
            if (in == null) {
                throw new IllegalStateException("no " + RESOURCE + " on the class path (the build copies it)");
            }
            return new TrainerJobTemplate(
                    Serialization.unmarshal(in, Job.class), "k8s/base/trainer-job.yaml (packaged)", settings);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The Job that trains {@code plan}: pod {@code i} trains the plan's point {@code i}. */
    public Job job(String name, String sweep, FrozenPlan plan, String planConfigMap) {
        Job job = Serialization.clone(template);
        int n = plan.points().size();
        ObjectMeta meta = job.getMetadata();
        meta.setName(name);
        meta.setNamespace(settings.namespace());
        meta.setLabels(labels(meta.getLabels(), sweep, plan));
        JobSpec spec = job.getSpec();
        spec.setSuspend(false);
        spec.setCompletions(n);
        spec.setParallelism(Math.min(n, settings.parallelism()));
        spec.setMaxFailedIndexes(n);
        spec.setBackoffLimitPerIndex(settings.backoffLimitPerIndex());
        spec.setTtlSecondsAfterFinished(settings.jobTtlSeconds());
        ObjectMeta podMeta = spec.getTemplate().getMetadata();
        podMeta.setLabels(labels(podMeta.getLabels(), sweep, plan));
        PodSpec pod = spec.getTemplate().getSpec();
        if (!settings.serviceAccount().isBlank()) {
            pod.setServiceAccountName(settings.serviceAccount());
        }
        planVolume(pod).getConfigMap().setName(planConfigMap);
        trainer(pod);
        return job;
    }

    /**
     * A sweep whose device contradicts its pods' is an error before anything is created: GPU pods for a sweep that
     * sets {@code train.device = cpu}, or a template with GPUs (the gpu overlay) for CPU pods.
     */
    public void checkDevice(Config sweep) {
        String key = "abacus.train.device";
        ConfigValue device = sweep.getValue(key);
        boolean explicit = device.origin().description() == null
                || !device.origin().description().contains("reference.conf");
        int templateGpus = gpus(container(template.getSpec().getTemplate().getSpec()));
        if (settings.gpusPerPod() > 0 && explicit && "cpu".equals(device.unwrapped())) {
            throw new ConfigError(ConfigError.where(device.origin()) + ": " + key + " = cpu, but"
                    + " abacus.launcher.kubernetes.gpus-per-pod = " + settings.gpusPerPod() + " (GPU pods): set"
                    + " gpus-per-pod = 0 for CPU pods (the cpu overlay), or drop train.device");
        }
        if (settings.gpusPerPod() == 0 && templateGpus > 0) {
            throw new ConfigError("the trainer Job template " + source + " gives each pod " + templateGpus + " "
                    + GPU + " (the gpu overlay), but abacus.launcher.kubernetes.gpus-per-pod = 0 (CPU pods): apply"
                    + " the cpu overlay, or set gpus-per-pod");
        }
        if (settings.gpusPerPod() == 0 && "gpu".equals(device.unwrapped())) {
            throw new ConfigError(ConfigError.where(device.origin()) + ": " + key + " = gpu, but"
                    + " abacus.launcher.kubernetes.gpus-per-pod = 0: the pods would have no GPU");
        }
    }

    private static int gpus(Container c) {
        if (c.getResources() == null || c.getResources().getLimits() == null) {
            return 0;
        }
        Quantity q = c.getResources().getLimits().get(GPU);
        return q == null ? 0 : Integer.parseInt(q.getAmount());
    }

    private static Container container(PodSpec pod) {
        return pod.getContainers().stream()
                .filter(x -> CONTAINER.equals(x.getName()))
                .findFirst()
                .orElseThrow(() ->
                        new IllegalStateException("the trainer Job template has no container named " + CONTAINER));
    }

    /** The trainer container: image, and a GPU with {@code --gpu 0} when pods get one. */
    private void trainer(PodSpec pod) {
        Container c = container(pod);
        c.setImage(settings.image());
        if (settings.gpusPerPod() > 0) {
            Quantity gpus = new Quantity(String.valueOf(settings.gpusPerPod()));
            c.getResources().setLimits(with(c.getResources().getLimits(), GPU, gpus));
            c.getResources().setRequests(with(c.getResources().getRequests(), GPU, gpus));
            List<String> args = new ArrayList<>(c.getArgs());
            args.addAll(List.of("--gpu", "0"));
            c.setArgs(args);
        }
    }

    private static Volume planVolume(PodSpec pod) {
        return pod.getVolumes().stream()
                .filter(v -> PLAN_VOLUME.equals(v.getName()) && v.getConfigMap() != null)
                .findFirst()
                .orElseThrow(() -> new IllegalStateException(RESOURCE + ": no configMap volume named " + PLAN_VOLUME));
    }

    private static Map<String, String> labels(Map<String, String> base, String sweep, FrozenPlan plan) {
        Map<String, String> m = new HashMap<>(base == null ? Map.of() : base);
        m.put(JobNames.SWEEP_LABEL, JobNames.labelValue(sweep));
        m.put(JobNames.PLAN_LABEL, plan.id());
        return m;
    }

    private static Map<String, Quantity> with(Map<String, Quantity> base, String key, Quantity q) {
        Map<String, Quantity> m = new HashMap<>(base == null ? Map.of() : base);
        m.put(key, q);
        return m;
    }
}
