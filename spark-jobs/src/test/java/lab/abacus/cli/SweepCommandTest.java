package lab.abacus.cli;

import static lab.abacus.cli.CliRun.run;
import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import lab.abacus.testing.LocalSpark;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code abacus sweep plan|status} on the shipped quickstart and on bad sweep files (nothing is trained here). */
class SweepCommandTest {

    private static SparkSession spark;

    @BeforeAll
    static void start() {
        spark = LocalSpark.start("SweepCommandTest");
    }

    @AfterAll
    static void stop() {
        spark.stop();
    }

    /** The repository's sweeps/ folder (tests run in spark-jobs/). */
    private static Path sweeps() {
        Path p = Path.of("..", "sweeps");
        return Files.isDirectory(p) ? p : Path.of("sweeps");
    }

    @Test
    void planOfTheQuickstartOnAFreshRootListsEveryPointAsPendingAndExecutesNothing(@TempDir Path root) {
        CliRun r =
                run("sweep", "plan", sweeps().resolve("quickstart.conf").toString(), "--set", "storage.root=" + root);
        assertThat(r.code()).as(r.err()).isZero();
        assertThat(r.out())
                .contains("sweep quickstart: 6 points: 0 done, 0 running, 6 pending, 0 failed")
                .contains("embedding=abacus,seed=1")
                .contains("embedding=nope,seed=2")
                .contains("`sweep run` would train 6, retry 0, resume 0 and evaluate 0 point(s)");
        assertThat(root.resolve("datasets")).doesNotExist();
        assertThat(root.resolve("runs")).doesNotExist();

        CliRun status =
                run("sweep", "status", sweeps().resolve("quickstart.conf").toString(), "--set", "storage.root=" + root);
        assertThat(status.code()).as(status.err()).isZero();
        assertThat(status.out()).contains("state").contains("step / budget").contains("OOD acc");
    }

    @Test
    void invalidSweepFilesFailBeforeAnyWorkWithFileLineAndKey(@TempDir Path dir) throws Exception {
        Path bad = dir.resolve("bad.conf");
        Files.writeString(
                bad, "abacus {\n  sweep {\n    name = bad\n    grid { \"model.embeding\" = [abacus] }\n  }\n}\n");
        CliRun r = run("sweep", "run", bad.toString(), "--set", "storage.root=" + dir.resolve("root"));
        assertThat(r.code()).isEqualTo(AbacusMain.EXIT_USER_ERROR);
        assertThat(r.err()).contains("bad.conf:4").contains("model.embeding");
        assertThat(dir.resolve("root")).doesNotExist();

        CliRun missing = run("sweep", "plan", dir.resolve("nope.conf").toString());
        assertThat(missing.code()).isEqualTo(AbacusMain.EXIT_USER_ERROR);
        assertThat(missing.err()).contains("sweep file not found");

        CliRun noSub = run("sweep");
        assertThat(noSub.code()).isEqualTo(AbacusMain.EXIT_USER_ERROR);
        assertThat(noSub.err()).contains("missing sub-command");
    }
}
