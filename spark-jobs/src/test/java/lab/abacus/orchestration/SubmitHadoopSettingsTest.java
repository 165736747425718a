package lab.abacus.orchestration;

import static org.assertj.core.api.Assertions.assertThat;

import com.typesafe.config.Config;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.file.Path;
import java.util.List;
import lab.abacus.spark.SparkSessions;
import lab.abacus.storage.Storage;
import lab.abacus.storage.StorageRef;
import lab.abacus.sweep.SweepSpec;
import lab.abacus.testing.LocalSpark;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A Hadoop setting given to spark-submit ({@code --conf spark.hadoop.*}, here on the session's conf) reaches every
 * place the storage root is opened: grid and datagen tasks, and trainer processes, whose config carries it.
 */
class SubmitHadoopSettingsTest {

    private static SparkSession spark;

    @BeforeAll
    static void start() {
        SparkSessions.stopActive();
        spark = SparkSession.builder()
                .config(LocalSpark.conf("SubmitHadoopSettingsTest"))
                .config("spark.hadoop.abacus.test.from-submit", "yes")
                .getOrCreate();
    }

    @AfterAll
    static void stop() {
        spark.stop();
    }

    @Test
    void aSubmittedHadoopSettingReachesTheTrainerProcessConfig(@TempDir Path dir) {
        Path file = TinySweeps.write(
                dir, "submit", dir.resolve("root").toString(), "\"model.embedding\" = [nope]", "[1]", 0);
        SweepSpec spec = SweepSpec.load(file, List.of("spark.hadoop.\"abacus.test.own\" = mine"));
        Storage storage = SparkSessions.storage(spark, spec.config());
        assertThat(storage.ref().hadoop())
                .containsEntry("abacus.test.from-submit", "yes")
                .containsEntry("abacus.test.own", "mine");

        SweepRunner runner = SweepRunner.of(spark, storage, spec, new PrintStream(new ByteArrayOutputStream()));
        Config child = TrainerProcess.childConfig(spec.points().get(0).point(), runner.storageRef(), 1);
        StorageRef seenByChild = StorageRef.from(child);
        assertThat(seenByChild.hadoop())
                .containsEntry("abacus.test.from-submit", "yes")
                .containsEntry("abacus.test.own", "mine");
        assertThat(seenByChild.root()).isEqualTo(storage.root().toString());
    }

    @Test
    void theConfigsOwnHadoopSettingWinsOverTheSessions(@TempDir Path dir) {
        Config config = lab.abacus.config.AbacusConfig.load(
                null, List.of("storage.root=\"" + dir + "\"", "spark.hadoop.\"abacus.test.from-submit\" = config"));
        assertThat(SparkSessions.storageRef(spark, config).hadoop()).containsEntry("abacus.test.from-submit", "config");
    }
}
