package lab.abacus.sweep;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.typesafe.config.Config;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import lab.abacus.config.AbacusConfig;
import lab.abacus.config.ConfigError;
import lab.abacus.lease.LeaseSettings;
import lab.abacus.run.RunId;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Settings and rules of sweeps that SweepValidationTest and SweepPlanTest leave out: every range check of
 * {@code abacus.launcher} and {@code abacus.sweep} at its boundary, the order of axes, includes, lookups and the
 * plan's texts.
 */
class SweepRulesTest {

    @TempDir
    Path dir;

    private static Config config(String... overrides) {
        return AbacusConfig.load(null, List.of(overrides));
    }

    private static void rejected(String override, String key, String problem) {
        assertThatThrownBy(() -> LauncherSettings.from(config(override)))
                .as(override)
                .isInstanceOf(ConfigError.class)
                .hasMessageContaining(key)
                .hasMessageContaining(problem);
    }

    @Test
    void launcherDefaultsAreTheReferenceConfs() {
        LauncherSettings s = LauncherSettings.from(AbacusConfig.defaults());
        assertThat(s.type()).isEqualTo(LauncherSettings.Type.LOCAL);
        assertThat(s.local().parallelPoints()).isEqualTo(1);
        assertThat(s.process().heapMb()).isEqualTo(1024);
        assertThat(s.process().javaOptions()).isEmpty();
        assertThat(s.spark().gpusPerTask()).isEqualTo(1);
        assertThat(s.kubernetes().image()).isEqualTo("abacus-lab/trainer:0.1.0");
        assertThat(s.kubernetes().jobTemplate()).isEqualTo("abacus-trainer");
        assertThat(s.kubernetes().jobTtlSeconds()).isEqualTo(7 * 24 * 3600);
        assertThat(s.kubernetes().waitForJobs()).isTrue();
    }

    @Test
    void launcherRangesHoldAtTheirBoundaries() {
        assertThat(LauncherSettings.from(config("launcher.spark.gpus-per-task=2", "launcher.spark.executor-gpus=2"))
                        .spark()
                        .executorGpus())
                .isEqualTo(2);
        assertThatThrownBy(() -> LauncherSettings.from(
                        config("launcher.spark.gpus-per-task=2", "launcher.spark.executor-gpus=1")))
                .hasMessageContaining("abacus.launcher.spark.executor-gpus")
                .hasMessageContaining("at least spark.gpus-per-task (2)");
        rejected("launcher.kubernetes.image=\"\"", "abacus.launcher.kubernetes.image", "must not be empty");
        rejected("launcher.kubernetes.namespace=Abacus_Lab", "abacus.launcher.kubernetes.namespace", "DNS label");
        rejected("launcher.kubernetes.job-ttl=59s", "abacus.launcher.kubernetes.job-ttl", "between 1m");
        rejected(
                "launcher.kubernetes.poll-interval=99ms", "abacus.launcher.kubernetes.poll-interval", "at least 100ms");
        rejected("launcher.kubernetes.points-per-job=0", "abacus.launcher.kubernetes.points-per-job", "");
        assertThat(LauncherSettings.from(
                                config("launcher.kubernetes.job-ttl=60s", "launcher.kubernetes.poll-interval=100ms"))
                        .kubernetes())
                .satisfies(k -> {
                    assertThat(k.jobTtlSeconds()).isEqualTo(60);
                    assertThat(k.pollSeconds()).isEqualTo(0.1);
                });
        assertThat(LeaseSettings.from(AbacusConfig.defaults()))
                .isEqualTo(new LeaseSettings(Duration.ofSeconds(30), Duration.ofMinutes(3)));
        assertThatThrownBy(() -> LeaseSettings.from(config("lease.renew-every=0s")))
                .hasMessageContaining("abacus.lease.renew-every")
                .hasMessageContaining("must be positive");
        assertThatThrownBy(() -> LeaseSettings.from(config("lease.expire-after=59s")))
                .hasMessageContaining("abacus.lease.expire-after")
                .hasMessageContaining("at least twice renew-every");
        assertThat(LeaseSettings.from(config("lease.expire-after=60s")).expireAfter())
                .isEqualTo(Duration.ofMinutes(1));
        rejected("launcher.process.heap=63m", "abacus.launcher.process.heap", "at least 64m");
        assertThat(LauncherSettings.from(config("launcher.process.heap=64m"))
                        .process()
                        .heapMb())
                .isEqualTo(64);
        assertThat(LauncherSettings.from(config("launcher.process.heap=3g"))
                        .process()
                        .heapMb())
                .isEqualTo(3072);
        rejected("launcher.local.parallel-points=0", "abacus.launcher.local.parallel-points", "must be in [1, 1024]");
    }

    @Test
    void sweepNamesAndSeedsAreChecked() {
        assertThatThrownBy(() -> SweepSettings.from(AbacusConfig.defaults(), null))
                .isInstanceOf(ConfigError.class)
                .hasMessageContaining("abacus.sweep.name")
                .hasMessageContaining("must not be empty");
        assertThat(SweepSettings.from(AbacusConfig.defaults(), "from-file").name())
                .isEqualTo("from-file");
        assertThat(SweepSettings.from(config("sweep.name=given"), "from-file").name())
                .isEqualTo("given");
        // seeds written as strings are numbers too; negative or fractional seeds are not seeds
        assertThat(SweepSettings.from(config("sweep.seeds=[\"3\", 0]"), "s").seeds())
                .containsExactly(3L, 0L);
        assertThatThrownBy(() -> SweepSettings.from(config("sweep.seeds=[-1]"), "s"))
                .hasMessageContaining("non-negative integers but got -1");
        assertThatThrownBy(() -> SweepSettings.from(config("sweep.seeds=[x]"), "s"))
                .hasMessageContaining("non-negative integers but got x");
        assertThatThrownBy(() -> SweepSettings.from(config("sweep.seeds=[1.5]"), "s"))
                .hasMessageContaining("non-negative integers but got 1.5");
        assertThatThrownBy(() -> SweepSettings.from(config("sweep.max-retries=101"), "s"))
                .hasMessageContaining("abacus.sweep.max-retries");
    }

    @Test
    void axesOfTheSweepFileComeBeforeAxesOfItsFragmentsInFileOrder() {
        SweepFiles files = new SweepFiles(dir);
        files.write("frag/axes.conf", "abacus.sweep.grid { \"model.layers\" = [1, 2] }\n");
        SweepSpec spec = files.load("order.conf", """
                include "frag/axes.conf"
                abacus.sweep.grid {
                  "model.hidden" = [16, 32]
                  "model.embedding" = [abacus, nope]
                }
                """);
        assertThat(spec.axes())
                .extracting(Axis::path)
                .containsExactly("model.hidden", "model.embedding", "model.layers");
        assertThat(spec.points().get(0).label()).isEqualTo("hidden=16,embedding=abacus,layers=1");
        assertThat(spec.file()).isEqualTo(dir.resolve("order.conf"));
        RunId third = spec.points().get(2).id();
        assertThat(spec.point(third)).contains(spec.points().get(2));
        assertThat(spec.point(new RunId("0000000000000000"))).isEmpty();
    }

    @Test
    void includeFileResolvesAnExistingFileAndRejectsAMissingOne() {
        SweepFiles files = new SweepFiles(dir);
        Path frag = files.write("frag/model.conf", "abacus.model.hidden = 48\n");
        SweepSpec spec = files.load("inc.conf", "include file(\"" + frag + "\")\n");
        assertThat(spec.points().get(0).config().getInt("abacus.model.hidden")).isEqualTo(48);
        assertThatThrownBy(() -> files.load("missing.conf", "include file(\"" + dir.resolve("nope.conf") + "\")\n"))
                .isInstanceOf(ConfigError.class)
                .hasMessageContaining("nope.conf")
                .hasMessageContaining("not found");
    }

    @Test
    void manyProblemsAreCappedAtTwentyWithACount() {
        StringBuilder grid = new StringBuilder("abacus.sweep.grid {\n");
        for (int i = 0; i < 25; i++) {
            grid.append("  \"model.nokey").append(i).append("\" = [1]\n");
        }
        grid.append("}\n");
        assertThatThrownBy(() -> new SweepFiles(dir).load("many.conf", grid.toString()))
                .isInstanceOf(ConfigError.class)
                .hasMessageContaining("... and 5 more problems");
    }

    @Test
    void aGroupAxisWithAScalarValueShowsAnExampleOfItsKeys() {
        assertThatThrownBy(
                        () -> new SweepFiles(dir).load("group.conf", "abacus.sweep.grid { \"model.abacus\" = [3] }\n"))
                .isInstanceOf(ConfigError.class)
                .hasMessageContaining("must be a non-empty object of its keys, e.g. { max-k = ..., table-size = ... }");
    }

    @Test
    void referencePathsAreLookedUpSegmentBySegment() {
        assertThat(ReferencePaths.lookup("model.hidden")).isInstanceOf(ReferencePaths.Known.class);
        assertThat(ReferencePaths.lookup("sweep.grid.anything")).isInstanceOf(ReferencePaths.FreeForm.class);
        assertThat(((ReferencePaths.Unknown) ReferencePaths.lookup("model.hidden.more")).problem())
                .contains("abacus.model.hidden is a number setting and has no key 'more'");
        assertThat(((ReferencePaths.Unknown) ReferencePaths.lookup("model.hiden")).problem())
                .contains("did you mean 'hidden'");
    }

    @Test
    void nothingExistsOnAFreshRootAndStatusesParse() {
        RunId id = new RunId("0123456789abcdef");
        assertThat(ExistingWork.NONE.latest(id)).isEmpty();
        assertThat(ExistingWork.NONE.gridComplete(id)).isFalse();
        assertThat(ExistingWork.NONE.alive(id)).isTrue();
        assertThat(ExistingWork.RunStatus.of(" Succeeded ")).isEqualTo(ExistingWork.RunStatus.SUCCEEDED);
        assertThatThrownBy(() -> ExistingWork.RunStatus.of("lost")).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void theNextStepOfAFailedPointShowsItsReasonOnOneShortLine() {
        SweepSpec spec = new SweepFiles(dir).load("fail.conf", "abacus.sweep { name = fails, max-retries = 0 }\n");
        RunId id = spec.points().get(0).id();
        String reason = "a reason\nover two lines " + "x".repeat(100);
        ExistingWork failed = new ExistingWork() {
            @Override
            public java.util.Optional<RunRecord> latest(RunId r) {
                return java.util.Optional.of(
                        new RunRecord(r, 1, RunStatus.FAILED, reason, 3, 10, null, null, java.time.Instant.now()));
            }

            @Override
            public boolean gridComplete(RunId r) {
                return false;
            }
        };
        SweepPlan plan = SweepPlan.of(spec, failed);
        assertThat(plan.name()).isEqualTo("fails");
        String text = plan.render();
        assertThat(text).contains("gave up after 1 attempt: a reason over two lines xxx");
        String line =
                text.lines().filter(l -> l.contains("gave up")).findFirst().orElseThrow();
        assertThat(line.substring(line.indexOf("a reason"))).hasSize(80).endsWith("...");
        assertThat(plan.points().get(0).point().id()).isEqualTo(id);
    }
}
