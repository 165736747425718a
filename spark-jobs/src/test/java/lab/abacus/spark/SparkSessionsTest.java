package lab.abacus.spark;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.typesafe.config.Config;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Path;
import java.util.List;
import lab.abacus.cli.AbacusMain;
import lab.abacus.config.AbacusConfig;
import lab.abacus.config.ConfigError;
import lab.abacus.storage.Storage;
import org.apache.spark.SparkConf;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;

/** Embedded defaults vs spark-submit, abacus.spark settings, and one real local session. */
class SparkSessionsTest {

    @AfterAll
    static void stop() {
        SparkSessions.stopActive();
    }

    private static SparkSettings settings(String... overrides) {
        return SparkSettings.from(AbacusConfig.load(null, List.of(overrides)));
    }

    @Test
    void embeddedDefaultsAreLocalLoopbackWithoutUi() {
        SparkConf conf = SparkSessions.sparkConf(settings(), "abacus test", new SparkConf(false));
        assertThat(conf.get("spark.master")).isEqualTo("local[*]");
        assertThat(conf.get("spark.driver.host")).isEqualTo("127.0.0.1");
        assertThat(conf.get("spark.driver.bindAddress")).isEqualTo("127.0.0.1");
        assertThat(conf.get("spark.ui.enabled")).isEqualTo("false");
        assertThat(conf.get("spark.app.name")).isEqualTo("abacus test");
    }

    @Test
    void abacusSparkSettingsAreApplied() {
        SparkConf conf = SparkSessions.sparkConf(
                settings(
                        "spark.master=\"local[3]\"",
                        "spark.conf.\"spark.ui.enabled\"=true",
                        "spark.conf.spark.sql.shuffle.partitions=7",
                        "spark.hadoop.\"fs.s3a.endpoint\"=\"http://127.0.0.1:9000\""),
                "t",
                new SparkConf(false));
        assertThat(conf.get("spark.master")).isEqualTo("local[3]");
        assertThat(conf.get("spark.ui.enabled")).isEqualTo("true");
        assertThat(conf.get("spark.sql.shuffle.partitions")).isEqualTo("7");
        // spark.hadoop.* reaches the Hadoop configuration of the driver and of every executor.
        assertThat(conf.get("spark.hadoop.fs.s3a.endpoint")).isEqualTo("http://127.0.0.1:9000");
    }

    @Test
    void underSparkSubmitTheMasterAndItsSettingsAreKept() {
        SparkConf submitted =
                new SparkConf(false).setMaster("spark://10.0.0.1:7077").set("spark.app.name", "given");
        SparkConf conf = SparkSessions.sparkConf(settings("spark.master=\"local[3]\""), "t", submitted);
        assertThat(conf.get("spark.master")).isEqualTo("spark://10.0.0.1:7077");
        assertThat(conf.get("spark.app.name")).isEqualTo("given");
        assertThat(conf.contains("spark.driver.host")).isFalse();
        assertThat(conf.contains("spark.ui.enabled")).isFalse();
    }

    @Test
    void aNonLocalMasterGetsNoLoopbackDefaults() {
        SparkConf conf =
                SparkSessions.sparkConf(settings("spark.master=\"spark://127.0.0.1:7077\""), "t", new SparkConf(false));
        assertThat(conf.get("spark.master")).isEqualTo("spark://127.0.0.1:7077");
        assertThat(conf.contains("spark.driver.host")).isFalse();
    }

    @Test
    void emptyMasterIsAConfigError() {
        assertThatThrownBy(() -> settings("spark.master=\"\""))
                .isInstanceOf(ConfigError.class)
                .hasMessageContaining("abacus.spark.master");
    }

    @Test
    void aRealLocalSessionWithSettingsAndStorage() {
        Config config = AbacusConfig.load(
                null,
                List.of(
                        "spark.master=\"local[2]\"",
                        "spark.conf.\"spark.sql.shuffle.partitions\"=2",
                        "spark.hadoop.\"abacus.test.setting\"=yes"));
        SparkSession session = SparkSessions.getOrCreate(config, "abacus test");
        assertThat(session.sparkContext().master()).isEqualTo("local[2]");
        assertThat(session.conf().get("spark.sql.shuffle.partitions")).isEqualTo("2");
        assertThat(session.sparkContext().uiWebUrl().isEmpty()).isTrue();
        assertThat(session.sparkContext().hadoopConfiguration().get("abacus.test.setting"))
                .isEqualTo("yes");
        assertThat(session.range(0, 1000).selectExpr("sum(id)").first().getLong(0))
                .isEqualTo(499500L);

        // Default storage root: ./abacus-data under the working directory.
        Storage storage = SparkSessions.storage(session, config);
        assertThat(storage.root().toString())
                .isEqualTo("file:" + Path.of("abacus-data").toAbsolutePath().normalize());
        Storage elsewhere = SparkSessions.storage(
                session, AbacusConfig.load(null, List.of("storage.root=\"file:///tmp/abacus-elsewhere\"")));
        assertThat(elsewhere.root().toString()).isEqualTo("file:/tmp/abacus-elsewhere");
    }

    @Test
    void aRunningSessionIsJoinedWithRuntimeSettingsApplied() {
        SparkSession first =
                SparkSessions.getOrCreate(AbacusConfig.load(null, List.of("spark.master=\"local[2]\"")), "a");
        SparkSession second = SparkSessions.getOrCreate(
                AbacusConfig.load(
                        null,
                        List.of("spark.conf.\"spark.sql.shuffle.partitions\"=5", "spark.hadoop.\"abacus.joined\"=1")),
                "b");
        assertThat(second).isSameAs(first);
        assertThat(second.conf().get("spark.sql.shuffle.partitions")).isEqualTo("5");
        assertThat(second.sparkContext().hadoopConfiguration().get("abacus.joined"))
                .isEqualTo("1");
    }

    @Test
    void sparkCheckVerbRunsLocally() {
        StringWriter out = new StringWriter();
        int code = AbacusMain.execute(
                new PrintWriter(out),
                new PrintWriter(new StringWriter()),
                "spark-check",
                "--set",
                "spark.master=\"local[2]\"",
                "--partitions",
                "3",
                "--numbers",
                "999");
        assertThat(code).isZero();
        // 1..999: 9 + 180 + 2700 digits
        assertThat(out.toString())
                .contains("999 numbers, 2889 digit tokens (expected 2889) in 3 partitions")
                .contains(": ok");
    }
}
