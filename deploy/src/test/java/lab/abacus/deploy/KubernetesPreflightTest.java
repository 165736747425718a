package lab.abacus.deploy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.fabric8.kubernetes.api.model.authorization.v1.SelfSubjectAccessReviewBuilder;
import java.io.PrintStream;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.stream.Collectors;
import lab.abacus.config.ConfigError;
import lab.abacus.kubernetes.TrainerJob;
import lab.abacus.kubernetes.TrainerJobs;
import lab.abacus.orchestration.KubernetesLauncher;
import lab.abacus.run.RunPoint;
import lab.abacus.storage.StorageRef;
import lab.abacus.sweep.LauncherSettings;
import lab.abacus.sweep.SweepSpec;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The launcher against the mock API server, without containers: every check that must fail before anything is
 * created, and reconcilers running at once.
 */
class KubernetesPreflightTest {

    static final String NS = "abacus";

    @TempDir
    Path dir;

    MockCluster cluster;

    @BeforeEach
    void cluster() throws Exception {
        cluster = new MockCluster().namespace(NS);
    }

    @AfterEach
    void close() {
        cluster.close();
    }

    private SweepSpec sweep(String name, String launcherSettings, String extra) {
        String launcher = """
                abacus.launcher {
                  type = kubernetes
                  kubernetes { master-url = "%s", namespace = %s, image = "abacus-lab/trainer:it", wait = false %s }
                }
                %s
                """.formatted(cluster.url(), NS, launcherSettings, extra);
        Path f = TinySweep.write(
                dir, name, dir.resolve("root").toString(), 4, "\"model.embedding\" = [abacus, nope]", launcher);
        return SweepSpec.load(f, List.of());
    }

    private KubernetesLauncher connect(SweepSpec spec) {
        return KubernetesLauncher.connect(
                LauncherSettings.from(spec.config()).kubernetes(),
                spec.config(),
                StorageRef.from(spec.config()).open(),
                new PrintStream(PrintStream.nullOutputStream()));
    }

    private void nothingCreated() {
        assertThat(cluster.jobs(NS)).isEmpty();
        assertThat(cluster.client.configMaps().inNamespace(NS).list().getItems())
                .isEmpty();
    }

    @Test
    void noApiServerAnswering() {
        SweepSpec spec = sweep(
                "unreachable", ", gpus-per-pod = 0", "abacus.launcher.kubernetes.master-url = \"http://127.0.0.1:1\"");
        assertThatThrownBy(() -> connect(spec))
                .isInstanceOf(ConfigError.class)
                .hasMessageContaining("no Kubernetes API server answers at http://127.0.0.1:1");
    }

    @Test
    void aMissingNamespace() {
        SweepSpec spec = sweep("nons", ", gpus-per-pod = 0", "abacus.launcher.kubernetes.namespace = elsewhere");
        assertThatThrownBy(() -> connect(spec))
                .isInstanceOf(ConfigError.class)
                .hasMessageContaining("namespace \"elsewhere\" does not exist");
        nothingCreated();
    }

    @Test
    void anEmptyImageNamesItsKey() {
        assertThatThrownBy(() -> sweep("noimage", ", gpus-per-pod = 0", "abacus.launcher.kubernetes.image = \"\""))
                .isInstanceOf(ConfigError.class)
                .hasMessageContaining("kubernetes.image")
                .hasMessageContaining("must not be empty");
    }

    @Test
    void rbacThatRefusesARequestIsNamedWithItsVerbAndResource() {
        cluster.server
                .expect()
                .post()
                .withPath("/apis/authorization.k8s.io/v1/selfsubjectaccessreviews")
                .andReturn(
                        201,
                        new SelfSubjectAccessReviewBuilder()
                                .withNewMetadata()
                                .withName("x")
                                .endMetadata()
                                .withNewStatus()
                                .withAllowed(false)
                                .withReason("no RoleBinding")
                                .endStatus()
                                .build())
                .once();
        SweepSpec spec = sweep("rbac", ", gpus-per-pod = 0", "");
        assertThatThrownBy(() -> connect(spec))
                .isInstanceOf(ConfigError.class)
                .hasMessageContaining("RBAC refuses \"create jobs.batch\" in namespace abacus")
                .hasMessageContaining("no RoleBinding");
        nothingCreated();
    }

    @Test
    void theGpuOverlayOnACpuSweepAndGpuPodsForASweepThatAsksForCpu() throws Exception {
        cluster.applyJobTemplate(Kustomize.render("gpu"), NS);
        SweepSpec cpuPods = sweep("gpu-template", ", gpus-per-pod = 0", "");
        assertThatThrownBy(() -> connect(cpuPods))
                .isInstanceOf(ConfigError.class)
                .hasMessageContaining("gives each pod 1 nvidia.com/gpu (the gpu overlay)");
        SweepSpec cpuSweep = sweep("cpu-sweep", ", gpus-per-pod = 1", "abacus.train.device = cpu");
        assertThatThrownBy(() -> connect(cpuSweep))
                .isInstanceOf(ConfigError.class)
                .hasMessageContaining("cpu-sweep.conf:")
                .hasMessageContaining("abacus.train.device = cpu, but abacus.launcher.kubernetes.gpus-per-pod = 1");
        assertThat(cluster.jobs(NS)).hasSize(1); // the template only
    }

    @Test
    void reconcilersRunningAtOnceCreateOneJobAndAdoptItAfterwards() throws Exception {
        SweepSpec spec = sweep("twice", ", gpus-per-pod = 0", "");
        List<RunPoint> points = spec.points().stream().map(p -> p.point()).toList();
        LauncherSettings.Kubernetes s = LauncherSettings.from(spec.config()).kubernetes();
        int reconcilers = 4;
        ExecutorService pool = Executors.newFixedThreadPool(reconcilers);
        try {
            for (int round = 0; round < 5; round++) {
                CyclicBarrier start = new CyclicBarrier(reconcilers);
                List<Future<Map<String, TrainerJob>>> got = new ArrayList<>();
                for (int r = 0; r < reconcilers; r++) {
                    got.add(pool.submit(() -> {
                        TrainerJobs jobs = new TrainerJobs(cluster.client, s);
                        start.await();
                        return jobs.submit("twice", points);
                    }));
                }
                Set<String> names = new java.util.HashSet<>();
                for (Future<Map<String, TrainerJob>> f : got) {
                    names.addAll(f.get().values().stream().map(TrainerJob::name).collect(Collectors.toSet()));
                }
                assertThat(names).as("round " + round).hasSize(1);
                assertThat(cluster.jobs(NS)).as("round " + round).hasSize(1);
            }
        } finally {
            pool.shutdownNow();
        }
        assertThat(cluster.client.configMaps().inNamespace(NS).list().getItems())
                .hasSize(1);
        // A point dropped from the pending set is still covered by the live Job: nothing new.
        assertThat(new TrainerJobs(cluster.client, s).submit("twice", points.subList(0, 1)))
                .hasSize(1);
        assertThat(cluster.jobs(NS)).hasSize(1);
    }
}
