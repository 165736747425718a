package lab.abacus.process;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import lab.abacus.run.RunResult;
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
    void aRunThatCannotStartFailsWithExitThreeAndItsReasonInTheResultFile(@TempDir Path dir) throws Exception {
        Path conf = dir.resolve("run.conf");
        Files.writeString(conf, "abacus { storage.root = \"" + dir.resolve("root") + "\", model.hiden = 3 }\n");
        Path result = dir.resolve("result.json");
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        int code = TrainerMain.run(
                new String[] {"--config", conf.toString(), "--result-file", result.toString()},
                new PrintStream(out, true, StandardCharsets.UTF_8));
        assertThat(code).isEqualTo(TrainerMain.EXIT_FAILED);
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
        assertThat(code).isEqualTo(TrainerMain.EXIT_FAILED);
        assertThat(out.toString(StandardCharsets.UTF_8)).contains("--point 2 is out of range (the sweep has 2 points");
    }
}
