package lab.abacus.deploy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.fabric8.kubernetes.api.model.batch.v1.Job;
import java.util.List;
import lab.abacus.kubernetes.TrainerJobTemplate;
import lab.abacus.run.FrozenPlan;
import lab.abacus.run.RunPoint;
import lab.abacus.sweep.LauncherSettings;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Every overlay of k8s/ renders offline with {@code kubectl kustomize} and passes strict validation (no unknown
 * field, the API server's admission rules for what we use), and so does every Job the launcher makes from the
 * packaged template. The validator itself rejects the mistakes it is there for.
 */
class ManifestsTest {

    @TempDir
    java.nio.file.Path dir;

    @BeforeAll
    static void kubectl() {
        assumeTrue(onPath("kubectl"), "kubectl is not installed: the manifest tests need it to render k8s/");
    }

    @Test
    void everyOverlayRendersAndIsValid() throws Exception {
        List<String> overlays = Kustomize.overlays();
        assertThat(overlays).contains("cpu", "gpu", "cpu-s3", "spark-operator");
        for (String o : overlays) {
            String yaml = Kustomize.render(o);
            assertThat(ManifestRules.check(yaml)).as(o).isEmpty();
            List<String> kinds = Kustomize.documents(yaml).stream()
                    .map(d -> ManifestRules.unmarshal(
                                    d, io.fabric8.kubernetes.api.model.GenericKubernetesResource.class)
                            .getKind())
                    .toList();
            assertThat(kinds).as(o).contains("CronJob", "ServiceAccount", "Role", "RoleBinding");
            assertThat(kinds.stream().filter("Job"::equals))
                    .as(o + ": the trainer Job template")
                    .hasSize(1);
        }
    }

    @Test
    void theGpuOverlayGivesEachTrainerPodOneGpuAndTheCpuOverlayNone() throws Exception {
        assertThat(limits(trainerJob("gpu"))).containsKey("nvidia.com/gpu");
        assertThat(limits(trainerJob("cpu"))).doesNotContainKey("nvidia.com/gpu");
        Job job = trainerJob("cpu");
        assertThat(job.getSpec().getCompletionMode()).isEqualTo("Indexed");
        assertThat(job.getSpec().getPodReplacementPolicy()).isEqualTo("Failed");
        assertThat(job.getSpec().getPodFailurePolicy().getRules())
                .extracting(r -> r.getAction())
                .containsExactly("FailIndex", "Ignore");
    }

    @Test
    void theJobsTheLauncherMakesAreValid() throws Exception {
        java.nio.file.Path sweep =
                TinySweep.write(dir, "manifests", dir.toString(), 4, "\"model.embedding\" = [abacus, nope]", "");
        List<RunPoint> points = TinySweep.points(sweep);
        for (int gpus : new int[] {0, 1}) {
            LauncherSettings.Kubernetes s = settings(gpus);
            Job job = TrainerJobTemplate.packaged(s)
                    .job(
                            "abacus-manifests-0123456789ab-1",
                            "manifests",
                            FrozenPlan.of(points),
                            "abacus-plan-0123456789ab");
            String yaml = io.fabric8.kubernetes.client.utils.Serialization.asYaml(job);
            assertThat(ManifestRules.check(yaml)).as("gpus " + gpus).isEmpty();
            assertThat(job.getSpec().getSuspend()).isFalse();
            assertThat(job.getSpec().getCompletions()).isEqualTo(2);
            assertThat(job.getSpec()
                            .getTemplate()
                            .getSpec()
                            .getContainers()
                            .get(0)
                            .getArgs())
                    .contains("--plan")
                    .containsSubsequence(gpus > 0 ? List.of("--gpu", "0") : List.of("--plan"));
        }
    }

    @Test
    void theValidatorRejectsATypoAWrongTypeAndABrokenAdmissionRule() throws Exception {
        String job = Kustomize.documents(Kustomize.render("cpu")).stream()
                .filter(d -> d.contains("kind: Job\n"))
                .findFirst()
                .orElseThrow();
        assertThat(ManifestRules.check(job.replace("completionMode:", "completionsMode:")))
                .anySatisfy(p -> assertThat(p).contains("unknown field", "completionsMode"));
        assertThat(ManifestRules.check(job.replace("restartPolicy: Never", "restartPolicy: OnFailure")))
                .anySatisfy(p -> assertThat(p).contains("podFailurePolicy needs restartPolicy Never"));
        assertThat(ManifestRules.check(
                        job.replace("podReplacementPolicy: Failed", "podReplacementPolicy: TerminatingOrFailed")))
                .anySatisfy(p -> assertThat(p).contains("podReplacementPolicy must be Failed"));
        assertThat(ManifestRules.check(job.replace("containerName: trainer", "containerName: trainr")))
                .anySatisfy(p -> assertThat(p).contains("names no container"));
        org.assertj.core.api.Assertions.assertThatThrownBy(
                        () -> ManifestRules.check(job.replace("completions: 1", "completions: many")))
                .hasMessageContaining("many");
    }

    /** reference.conf's launcher settings, with {@code gpus} GPUs per pod. */
    static LauncherSettings.Kubernetes settings(int gpus) {
        return LauncherSettings.from(lab.abacus.config.AbacusConfig.load(
                        null,
                        List.of("launcher.kubernetes.namespace=abacus", "launcher.kubernetes.gpus-per-pod=" + gpus)))
                .kubernetes();
    }

    private static java.util.Map<String, io.fabric8.kubernetes.api.model.Quantity> limits(Job job) {
        return job.getSpec()
                .getTemplate()
                .getSpec()
                .getContainers()
                .get(0)
                .getResources()
                .getLimits();
    }

    private static Job trainerJob(String overlay) throws Exception {
        return Kustomize.documents(Kustomize.render(overlay)).stream()
                .filter(d -> d.contains("kind: Job\n"))
                .map(d -> ManifestRules.unmarshal(d, Job.class))
                .findFirst()
                .orElseThrow();
    }

    private static boolean onPath(String tool) {
        for (String d : System.getenv().getOrDefault("PATH", "").split(":", -1)) {
            if (java.nio.file.Files.isExecutable(java.nio.file.Path.of(d, tool))) {
                return true;
            }
        }
        return false;
    }
}
