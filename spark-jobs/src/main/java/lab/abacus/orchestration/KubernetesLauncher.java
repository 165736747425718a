package lab.abacus.orchestration;

import com.typesafe.config.Config;
import io.fabric8.kubernetes.client.KubernetesClient;
import java.io.PrintStream;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import lab.abacus.kubernetes.ClusterStatus;
import lab.abacus.kubernetes.IndexFailure;
import lab.abacus.kubernetes.KubernetesCluster;
import lab.abacus.kubernetes.TrainerJob;
import lab.abacus.kubernetes.TrainerJobs;
import lab.abacus.run.RunDirectory;
import lab.abacus.run.RunPoint;
import lab.abacus.run.RunResult;
import lab.abacus.storage.Storage;
import lab.abacus.sweep.LauncherSettings;
import lab.abacus.sweep.RunSpec;
import lab.abacus.sweep.SweepSettings;
import lab.abacus.sweep.SweepSpec;
import lab.abacus.train.StopSignal;

/**
 * {@code abacus.launcher.type = kubernetes}: the pending points train in an Indexed Job of trainer containers, pod
 * {@code i} the point {@code i} of the Job's frozen plan ({@link TrainerJobs}). The pods write the run directories and
 * table rows themselves, under the same storage root; this launcher reads the outcomes back from there, or, for an
 * index that failed, from its pod.
 *
 * <p>With {@code wait = true} (by hand) it follows the Jobs until they finish; with {@code wait = false} (the
 * scheduled reconciler) it makes sure every pending point is covered by a live Job and returns at once, each point
 * left to its pod; the next run collects what finished.
 */
public final class KubernetesLauncher implements Launcher {

    private final TrainerJobs jobs;
    private final LauncherSettings.Kubernetes settings;
    private final int maxRetries;
    private final Storage storage;
    private final PrintStream out;

    KubernetesLauncher(
            TrainerJobs jobs, LauncherSettings.Kubernetes settings, int maxRetries, Storage storage, PrintStream out) {
        this.jobs = jobs;
        this.maxRetries = maxRetries;
        this.settings = settings;
        this.storage = storage;
        this.out = out;
    }

    /**
     * A launcher on the cluster of {@code settings}, after the checks that must pass before anything is created: the
     * cluster answers, the namespace exists, RBAC allows the launcher's requests, the pods' GPUs match the sweep.
     */
    public static KubernetesLauncher connect(
            LauncherSettings.Kubernetes settings, Config sweepConfig, Storage storage, PrintStream out) {
        KubernetesClient client = KubernetesCluster.connect(settings);
        TrainerJobs jobs = new TrainerJobs(client, settings);
        jobs.template().checkDevice(sweepConfig);
        out.println("[kubernetes] " + client.getMasterUrl() + ", namespace " + settings.namespace() + ", job template "
                + jobs.template().source());
        return new KubernetesLauncher(
                jobs, settings, SweepSettings.from(sweepConfig, "sweep").maxRetries(), storage, out);
    }

    /** One line per point of {@code spec}: its latest Job, index and pod, as the cluster reports them. */
    public static List<String> clusterStatus(LauncherSettings.Kubernetes settings, SweepSpec spec) {
        try (KubernetesClient client = KubernetesCluster.connect(settings)) {
            return new ClusterStatus(new TrainerJobs(client, settings))
                    .lines(
                            spec.settings().name(),
                            spec.points().stream().map(RunSpec::point).toList());
        }
    }

    @Override
    public String describe() {
        return "kubernetes (Indexed Jobs of " + settings.image() + " in namespace " + settings.namespace() + ", "
                + (settings.gpusPerPod() == 0 ? "CPU pods" : settings.gpusPerPod() + " GPU(s) per pod")
                + (settings.waitForJobs() ? "" : ", submit only") + ")";
    }

    @Override
    public boolean detached() {
        return !settings.waitForJobs();
    }

    @Override
    public List<PointOutcome> launch(List<RunPoint> points, LaunchContext context) {
        String sweep = points.get(0).target().sweep();
        // One read of the sweep's Jobs and their plans serves both the retry count and the reconciling.
        List<TrainerJob> existing = jobs.list(sweep);
        Map<String, TrainerJobs.Failures> failures = TrainerJobs.failures(existing);
        List<PointOutcome> exhausted = new ArrayList<>();
        List<RunPoint> submit = new ArrayList<>();
        for (RunPoint p : points) {
            TrainerJobs.Failures f = failures.get(p.target().runId());
            if (f != null && f.count() > maxRetries) {
                exhausted.add(PointOutcome.failed(
                        p,
                        "failed in " + f.count() + " Job(s) (sweep.max-retries = " + maxRetries + "), last: "
                                + IndexFailure.reason(jobs.pods(f.latest(), f.index())),
                        "job " + f.latest().name() + " index " + f.index()));
            } else {
                submit.add(p);
            }
        }
        List<PointOutcome> outcomes = new ArrayList<>(exhausted);
        if (!submit.isEmpty()) {
            outcomes.addAll(launchCovered(submit, existing, context));
        }
        return outcomes;
    }

    /** Create or adopt the Jobs of {@code points}, then follow them (or hand the points over). */
    private List<PointOutcome> launchCovered(List<RunPoint> points, List<TrainerJob> existing, LaunchContext context) {
        String sweep = points.get(0).target().sweep();
        Map<String, TrainerJob> cover = jobs.submit(sweep, points, existing);
        Set<TrainerJob> live = new LinkedHashSet<>(cover.values());
        live.forEach(j -> out.println("[kubernetes] job " + j.name() + ": " + j.summary()));
        if (!settings.waitForJobs()) {
            return points.stream()
                    .map(p -> submitted(p, cover.get(p.target().runId())))
                    .toList();
        }
        Map<String, TrainerJob> done =
                follow(live, context.options().apply(points.get(0)).stop());
        List<PointOutcome> outcomes = new ArrayList<>();
        for (RunPoint p : points) {
            TrainerJob j = done.get(cover.get(p.target().runId()).name());
            if (j != null) {
                outcomes.add(outcome(p, j));
            }
        }
        return outcomes;
    }

    /** Poll the Jobs until each finished (or a stop was requested); the finished ones by name. */
    private Map<String, TrainerJob> follow(Set<TrainerJob> live, StopSignal stop) {
        Map<String, TrainerJob> done = new LinkedHashMap<>();
        Map<String, String> said = new LinkedHashMap<>();
        List<TrainerJob> open = new ArrayList<>(live);
        while (!open.isEmpty() && !stop.requested()) {
            List<TrainerJob> next = new ArrayList<>();
            for (TrainerJob j : open) {
                TrainerJob now = jobs.refresh(j);
                if (now == null) {
                    out.println("[kubernetes] job " + j.name() + " was deleted");
                    continue;
                }
                if (!now.summary().equals(said.put(now.name(), now.summary()))) {
                    out.println("[kubernetes] job " + now.name() + ": " + now.summary());
                }
                if (now.finished()) {
                    done.put(now.name(), now);
                } else {
                    next.add(now);
                }
            }
            open = next;
            if (!open.isEmpty()) {
                sleep(settings.pollSeconds());
            }
        }
        return done;
    }

    private PointOutcome outcome(RunPoint p, TrainerJob j) {
        int index = j.plan().runIds().indexOf(p.target().runId());
        String where = "job " + j.name() + " index " + index;
        RunDirectory dir = new RunDirectory(storage, p.target().runId());
        if (j.succeeded().get(index) && dir.succeeded()) {
            return PointOutcome.of(p, dir.readResult(), where);
        }
        if (j.failed().get(index)) {
            return PointOutcome.failed(p, IndexFailure.reason(jobs.pods(j, index)), where);
        }
        return PointOutcome.failed(p, "the Job finished without this index (" + j.summary() + ")", where);
    }

    private static PointOutcome submitted(RunPoint p, TrainerJob j) {
        int index = j.plan().runIds().indexOf(p.target().runId());
        return new PointOutcome(
                p.target().runId(),
                p.label(),
                RunResult.Status.BUSY,
                "job " + j.name() + " index " + index + " (" + j.summary() + ")",
                0,
                0,
                null,
                null,
                "kubernetes");
    }

    private static void sleep(double seconds) {
        try {
            Thread.sleep((long) (seconds * 1000));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
