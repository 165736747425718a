package lab.abacus.process;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import lab.abacus.run.FrozenPlan;
import lab.abacus.run.RunPoint;
import lab.abacus.run.RunResult;
import lab.abacus.sweep.RunSpec;
import lab.abacus.sweep.SweepSpec;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The trainer process's arguments, exit codes and result file (training itself: RunTrainerTest). */
class TrainerMainTest {

    @Test
    void neitherConfigNorSweepIsAUsageError() {
        assertThat(TrainerMain.run(new String[0], System.out)).isEqualTo(TrainerMain.EXIT_USAGE);
        assertThat(TrainerMain.run(new String[] {"--sweep", "x.conf"}, System.out))
                .isEqualTo(TrainerMain.EXIT_USAGE);
    }

    @Test
    void aConfigTheTrainerRejectsFailsWithExitTwoAndItsReasonInTheResultFile(@TempDir Path dir) throws Exception {
        Path conf = dir.resolve("run.conf");
        Files.writeString(conf, "abacus { storage.root = \"" + dir.resolve("root") + "\", model.hiden = 3 }\n");
        Path result = dir.resolve("result.json");
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        int code = TrainerMain.run(
                new String[] {"--config", conf.toString(), "--result-file", result.toString()},
                new PrintStream(out, true, StandardCharsets.UTF_8));
        assertThat(code)
                .as("deterministic: a pod failure policy fails the index at once")
                .isEqualTo(TrainerMain.EXIT_USAGE);
        RunResult r = ResultFile.read(result);
        assertThat(r).isNotNull();
        assertThat(r.status()).isEqualTo(RunResult.Status.FAILED);
        assertThat(r.reason()).contains("hiden");
        assertThat(out.toString(StandardCharsets.UTF_8)).startsWith(TrainerMain.RESULT_LINE + "failed after 0 steps");
    }

    @Test
    void aSweepPointOutOfRangeIsNamed(@TempDir Path dir) throws Exception {
        Path sweep = dir.resolve("s.conf");
        Files.writeString(
                sweep,
                "abacus { storage.root = \"" + dir.resolve("root") + "\"\n"
                        + "  sweep { name = s, seeds = [1, 2] } }\n");
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        int code = TrainerMain.run(
                new String[] {"--sweep", sweep.toString(), "--point", "2"},
                new PrintStream(out, true, StandardCharsets.UTF_8));
        assertThat(code).isEqualTo(TrainerMain.EXIT_USAGE);
        assertThat(out.toString(StandardCharsets.UTF_8)).contains("--point 2 is out of range (the sweep has 2 points");
    }

    @Test
    void aPodTrainsThePointOfItsIndexInAFrozenPlanAndAnIndexOutOfRangeIsNamed(@TempDir Path dir) throws Exception {
        Path sweep = dir.resolve("s.conf");
        Files.writeString(
                sweep,
                "abacus { storage.root = \"" + dir.resolve("root") + "\"\n"
                        + "  sweep { name = s, seeds = [1, 2, 3] } }\n");
        List<RunPoint> points = SweepSpec.load(sweep, List.of()).points().stream()
                .map(RunSpec::point)
                .toList();
        // Any order in, the same plan out: ordered by run id, so two reconcilers make the same plan and id.
        FrozenPlan plan = FrozenPlan.of(points);
        List<RunPoint> reversed = new java.util.ArrayList<>(points);
        java.util.Collections.reverse(reversed);
        assertThat(FrozenPlan.of(reversed).id()).isEqualTo(plan.id()).hasSize(12);
        assertThat(plan.runIds()).isSorted();
        Path file = dir.resolve(FrozenPlan.FILE);
        Files.write(file, plan.encode());
        assertThat(FrozenPlan.decode(Files.readAllBytes(file), "p").runIds()).isEqualTo(plan.runIds());
        assertThat(PlanIndex.point(file, 2).target().runId())
                .isEqualTo(plan.runIds().get(2));

        ByteArrayOutputStream out = new ByteArrayOutputStream();
        int code = TrainerMain.run(
                new String[] {"--plan", file.toString(), "--index", "3"},
                new PrintStream(out, true, StandardCharsets.UTF_8));
        assertThat(code).isEqualTo(TrainerMain.EXIT_USAGE);
        assertThat(out.toString(StandardCharsets.UTF_8))
                .contains("index 3 is out of range (the plan has 3 points, 0..2)");
    }

    @Test
    void aPlanThatIsNotOneIsNamedWithItsLine(@TempDir Path dir) throws Exception {
        Path file = dir.resolve("plan.jsonl.gz");
        try (var gz = new java.util.zip.GZIPOutputStream(Files.newOutputStream(file))) {
            gz.write("{\"index\": 0}\n".getBytes(StandardCharsets.UTF_8));
        }
        assertThatThrownBy(() -> PlanIndex.point(file, 0)).hasMessageStartingWith(file + ":1: ");
        Files.writeString(file, "not gzip");
        assertThatThrownBy(() -> PlanIndex.point(file, 0)).hasMessageContaining("not a gzip'd plan");
    }
}
