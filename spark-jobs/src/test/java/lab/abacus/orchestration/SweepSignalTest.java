package lab.abacus.orchestration;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** SIGTERM of {@code abacus sweep run}: the trainer processes checkpoint and end, the summary prints, exit 1. */
class SweepSignalTest {

    @Test
    void sigtermStopsTheTrainerProcessesPrintsTheSummaryAndExitsOne(@TempDir Path dir) throws Exception {
        Path root = dir.resolve("root");
        Path sweep = TinySweeps.write(dir, "term", root.toString(), "\"model.embedding\" = [abacus, nope]", "[1]", 0);
        AbacusJvm run = AbacusJvm.start(
                dir.resolve("sweep.log"),
                AbacusJvm.CLI,
                "sweep",
                "run",
                sweep.toString(),
                "--set",
                "train.budget.steps=1000000",
                "--set",
                "launcher.local.parallel-points=2");
        // Both points training in their own processes, each with a checkpoint.
        long deadline = System.nanoTime() + Duration.ofMinutes(4).toNanos();
        while (System.nanoTime() < deadline
                && checkpointed(root) < 2
                && run.process().isAlive()) {
            Thread.sleep(200);
        }
        assertThat(checkpointed(root)).as(run.output()).isEqualTo(2);
        List<ProcessHandle> trainers = run.process().descendants().toList();
        assertThat(trainers).isNotEmpty();

        run.process().toHandle().destroy(); // SIGTERM
        int code = run.exitCode(180);

        String out = run.output();
        assertThat(code).as(out).isEqualTo(1);
        assertThat(out)
                .contains("stopped by signal (SIGTERM)")
                .contains("[sweep] stopped after")
                .contains("run `abacus sweep run` again to resume")
                .contains("[sweep] summary:");
        assertThat(trainers).noneMatch(ProcessHandle::isAlive);
    }

    private static long checkpointed(Path root) throws Exception {
        if (!Files.isDirectory(root.resolve("runs"))) {
            return 0;
        }
        try (var runs = Files.list(root.resolve("runs"))) {
            return runs.filter(r -> Files.exists(r.resolve("checkpoints/latest")))
                    .count();
        }
    }
}
