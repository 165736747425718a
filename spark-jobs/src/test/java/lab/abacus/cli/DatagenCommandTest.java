package lab.abacus.cli;

import lab.abacus.spark.SparkSessions;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;

/** {@code abacus datagen <conf>}: generates once, finds it complete the second time; config errors exit 2. */
class DatagenCommandTest {

    @TempDir
    static Path tmp;

    @AfterAll
    static void stop() {
        SparkSessions.stopActive();
    }

    private static String[] run(String... args) {
        CommandLine cl = AbacusMain.commandLine();
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        cl.setOut(new PrintWriter(out, true));
        cl.setErr(new PrintWriter(err, true));
        int code = cl.execute(args);
        return new String[]{String.valueOf(code), out.toString(), err.toString()};
    }

    @Test
    void generatesThenFindsTheDatasetComplete() throws Exception {
        Path conf = tmp.resolve("tiny.conf");
        Files.writeString(conf, "abacus {\n  storage.root = \"" + tmp.resolve("data") + "\"\n"
                + "  spark { master = \"local[2]\", conf { \"spark.ui.enabled\" = false, \"spark.driver.host\" = \"127.0.0.1\","
                + " \"spark.driver.bindAddress\" = \"127.0.0.1\" } }\n"
                + "  data { train { len-a = 3, len-b = 3, rows = 900 }, eval { len-a-to = 4, len-b-to = 4, samples = 5,"
                + " diagonal-to = 0 }, shards = 2, eval-shards = 1 }\n}\n");
        String[] first = run("datagen", conf.toString());
        assertThat(first[0]).as(first[2]).isEqualTo("0");
        assertThat(first[1]).contains("[datagen]").contains("generated in").contains("900 rows in 9 cells");
        String[] second = run("datagen", conf.toString(), "--set", "data.partitions=1");
        assertThat(second[0]).isEqualTo("0");
        assertThat(second[1]).contains("already complete");
        try (var s = Files.list(tmp.resolve("data/datasets"))) {
            assertThat(s.count()).isEqualTo(1);
        }
    }

    @Test
    void badDataSettingsExitTwoWithFileLineAndKey() throws Exception {
        Path conf = tmp.resolve("bad.conf");
        Files.writeString(conf, "abacus.data {\n  train.len-a = -1\n}\n");
        String[] r = run("datagen", conf.toString());
        assertThat(r[0]).isEqualTo("2");
        assertThat(r[2]).contains("bad.conf:2").contains("abacus.data.train.len-a").doesNotContain("\tat ");
    }
}
