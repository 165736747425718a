package lab.abacus.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import lab.abacus.spark.SparkSessions;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code abacus datagen <conf>}: generates once, finds it complete the second time; config errors exit 2. */
class DatagenCommandTest {

    @TempDir
    static Path tmp;

    static final String LOCAL_SPARK = "  spark { master = \"local[2]\", conf { \"spark.ui.enabled\" = false,"
            + " \"spark.driver.host\" = \"127.0.0.1\", \"spark.driver.bindAddress\" = \"127.0.0.1\" } }\n";

    @AfterAll
    static void stop() {
        SparkSessions.stopActive();
    }

    @Test
    void generatesThenFindsTheDatasetComplete() throws Exception {
        Path conf = tmp.resolve("tiny.conf");
        Files.writeString(
                conf,
                "abacus {\n  storage.root = \"" + tmp.resolve("data") + "\"\n"
                        + LOCAL_SPARK
                        + "  data { train { len-a = 3, len-b = 3, rows = 900 }, eval { len-a-to = 4, len-b-to = 4, samples = 5,"
                        + " diagonal-to = 0 }, shards = 2, eval-shards = 1 }\n}\n");
        CliRun first = CliRun.run("datagen", conf.toString());
        assertThat(first.code()).as(first.err()).isZero();
        assertThat(first.out()).contains("[datagen]").contains("generated in").contains("900 rows in 9 cells");
        CliRun second = CliRun.run("datagen", conf.toString(), "--set", "data.partitions=1");
        assertThat(second.code()).isZero();
        assertThat(second.out()).contains("already complete");
        try (var s = Files.list(tmp.resolve("data/datasets"))) {
            assertThat(s.count()).isEqualTo(1);
        }
    }

    @Test
    void badDataSettingsExitTwoWithFileLineAndKey() throws Exception {
        Path conf = tmp.resolve("bad.conf");
        Files.writeString(conf, "abacus.data {\n  train.len-a = -1\n}\n");
        CliRun r = CliRun.run("datagen", conf.toString());
        assertThat(r.code()).isEqualTo(2);
        assertThat(r.err())
                .contains("bad.conf:2")
                .contains("abacus.data.train.len-a")
                .doesNotContain("\tat ");
    }

    @Test
    void aStructuralTaskGoesToItsOwnGenerator() throws Exception {
        Path conf = tmp.resolve("dyck.conf");
        Files.writeString(
                conf,
                "abacus {\n  storage.root = \"" + tmp.resolve("dyck") + "\"\n"
                        + LOCAL_SPARK
                        + "  data { task = dyck, train.rows = 500, dyck { types = 2, max-depth = 4, val-rows = 20,"
                        + " gen-rows = 20 }, shards = 2, eval-shards = 1 }\n}\n");
        CliRun r = CliRun.run("datagen", conf.toString());
        assertThat(r.code()).as(r.err()).isZero();
        assertThat(r.out())
                .contains("dataset dyck-")
                .contains("(dyck, 4 words)")
                .contains("skeletons");
        CliRun noSource = CliRun.run("datagen", conf.toString(), "--set", "data.task=question-formation");
        assertThat(noSource.code()).isEqualTo(2);
        assertThat(noSource.err()).contains("abacus.data.mccoy.source").doesNotContain("\tat ");
    }
}
