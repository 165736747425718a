package lab.abacus.datagen;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.typesafe.config.Config;
import com.typesafe.config.ConfigFactory;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import lab.abacus.config.AbacusConfig;
import lab.abacus.config.ConfigError;
import lab.abacus.structural.DyckSkeletons;
import lab.abacus.structural.StructuralManifest;
import lab.abacus.structural.StructuralManifest.SplitSummary;
import lab.abacus.testing.LocalSpark;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * GenerateDatasets for the structural tasks on local[2] with real Parquet: the splits read back with Spark SQL
 * agree with the manifest's counts, the rows do not depend on the partition count, a complete dataset is left
 * alone, and McCoy's files are ingested, checked and guarded against change.
 */
class GenerateStructuralDatasetsJobTest {

    @TempDir
    static Path tmp;

    static SparkSession spark;
    static final PrintStream QUIET = new PrintStream(new ByteArrayOutputStream());
    static final String DYCK = "task = dyck, train.rows = 2000, shards = 3, eval-shards = 2,"
            + " dyck { types = 3, max-depth = 5, min-length = 4, val-rows = 150, gen-rows = 120 }";

    @BeforeAll
    static void start() {
        spark = LocalSpark.start("GenerateStructuralDatasetsJobTest", tmp.resolve("warehouse"));
    }

    @AfterAll
    static void stop() {
        spark.stop();
    }

    static Config config(Path root, String data) {
        return AbacusConfig.fromLayers(
                ConfigFactory.parseString("abacus { storage.root = \"" + root + "\"\n data { " + data + " } }"));
    }

    static List<String> texts(Path dataset, String split) {
        return spark.read().parquet(dataset.resolve(split).toString()).select("text").collectAsList().stream()
                .map(r -> r.getString(0))
                .toList();
    }

    @Test
    void dyckSplitsAgreeWithTheirManifestWhenReadBack() throws Exception {
        Path root = tmp.resolve("dyck");
        StructuralDatagenSummary s = GenerateStructuralDatasetsJob.run(spark, config(root, DYCK), QUIET);
        assertThat(s.alreadyComplete()).isFalse();
        Path dir = root.resolve("datasets").resolve(s.datasetId());
        StructuralManifest m = StructuralManifest.parse(Files.readString(dir.resolve("manifest.json")));
        assertThat(m.vocabulary()).containsExactly("(a", "(b", "(c", "a)", "b)", "c)");

        List<String> train = texts(dir, "train");
        List<String> val = texts(dir, "val");
        List<String> gen = texts(dir, "gen");
        assertThat(List.of(train.size(), val.size(), gen.size())).containsExactly(2000, 150, 120);
        Set<String> trainSkeletons = new TreeSet<>();
        train.forEach(t -> trainSkeletons.addAll(DyckSkeletons.of(t)));
        Set<String> genUnseen = new HashSet<>();
        gen.forEach(t -> DyckSkeletons.of(t).stream()
                .filter(k -> !trainSkeletons.contains(k))
                .forEach(genUnseen::add));
        SplitSummary t = m.split("train");
        assertThat(t.rows()).isEqualTo(2000);
        assertThat(t.files()).isEqualTo(3);
        assertThat(t.distinctSkeletons()).isEqualTo(trainSkeletons.size());
        assertThat(t.depthCounts().stream().mapToLong(Long::longValue).sum()).isEqualTo(2000);
        assertThat(m.split("gen").unseenSkeletons()).isEqualTo(genUnseen.size()).isPositive();
        assertThat(m.split("val").unseenSkeletons()).isZero();
        assertThat(new HashSet<>(train)).doesNotContainAnyElementsOf(val);
        int longest =
                train.stream().mapToInt(x -> x.split(" ", -1).length).max().orElseThrow();
        assertThat(m.maxSequenceLength()).isEqualTo(longest + 1);
        assertThat(s.render())
                .contains("dyck, 6 words")
                .contains("unseen in train")
                .contains("2,000");

        StructuralDatagenSummary again = GenerateStructuralDatasetsJob.run(spark, config(root, DYCK), QUIET);
        assertThat(again.alreadyComplete()).isTrue();
        assertThat(again.render()).contains("already complete");
    }

    @Test
    void theRowsDoNotDependOnThePartitionCount() {
        StructuralDatagenSummary spread =
                GenerateStructuralDatasetsJob.run(spark, config(tmp.resolve("p0"), DYCK), QUIET);
        StructuralDatagenSummary one = GenerateStructuralDatasetsJob.run(
                spark, config(tmp.resolve("p1"), DYCK + ", partitions = 1, compression = zstd"), QUIET);
        assertThat(one.datasetId()).isEqualTo(spread.datasetId());
        assertThat(one.manifest().contentHash()).isEqualTo(spread.manifest().contentHash());
    }

    @Test
    void mcCoysFilesAreIngestedCheckedAndGuarded() throws Exception {
        Path source = tmp.resolve("mccoy");
        Files.createDirectories(source);
        String past = "the newt entertained the yak . PAST\tthe newt entertained the yak .\n";
        String present = "the newts near the yak entertained her . PRESENT\tthe newts near the yak entertain her .\n";
        Files.writeString(source.resolve("tense.train"), past + present + past);
        Files.writeString(source.resolve("tense.dev"), present + past);
        Files.writeString(source.resolve("tense.gen"), present);
        Files.writeString(source.resolve("pos_tense.txt"), lab.abacus.task.TenseTags.DICTIONARY);
        Path root = tmp.resolve("ti");
        Config c = config(root, "task = tense-inflection, mccoy.source = \"" + source + "\"");
        ByteArrayOutputStream log = new ByteArrayOutputStream();
        StructuralDatagenSummary s = GenerateStructuralDatasetsJob.run(spark, c, new PrintStream(log, true));
        assertThat(log.toString(StandardCharsets.UTF_8))
                .contains("warning: "
                        + source.resolve("tense.train").toUri().toString().replace("file:///", "file:/"))
                .contains("not the published 01a299dac719710f91bff6346f3218b4063d98e6");
        StructuralManifest m = s.manifest();
        assertThat(m.split("train").rows()).isEqualTo(3);
        assertThat(m.split("train").markers()).isEqualTo(Map.of("PAST", 2L, "PRESENT", 1L));
        assertThat(m.split("gen").markers()).isEqualTo(Map.of("PRESENT", 1L));
        assertThat(m.sources())
                .extracting(StructuralManifest.SourceCheck::file)
                .containsExactly("tense.train", "tense.dev", "tense.gen", "pos_tense.txt");
        assertThat(m.sources()).noneMatch(StructuralManifest.SourceCheck::matches);
        // the tags the main-verb scorer reads travel with the dataset
        assertThat(m.partsOfSpeech()).containsEntry("entertain", "V").containsEntry("near", "P");
        assertThat(StructuralManifest.parse(m.toJson()).partsOfSpeech()).isEqualTo(m.partsOfSpeech());
        assertThat(m.vocabulary())
                .isSorted()
                .contains("PAST", "PRESENT", "entertain", "entertained", ".", "newts")
                .doesNotHaveDuplicates();
        Row first = spark.read()
                .parquet(root.resolve("datasets")
                        .resolve(s.datasetId())
                        .resolve("train")
                        .toString())
                .orderBy("source_line")
                .first();
        assertThat(first.getString(first.fieldIndex("text")))
                .isEqualTo("the newt entertained the yak . PAST the newt entertained the yak .");
        assertThat(first.getString(first.fieldIndex("marker"))).isEqualTo("PAST");
        assertThat(s.render()).contains("differs from the published");

        Files.writeString(source.resolve("pos_tense.txt"), lab.abacus.task.TenseTags.DICTIONARY + "walrus\tN\n");
        assertThatThrownBy(() -> GenerateStructuralDatasetsJob.run(spark, c, QUIET))
                .isInstanceOf(ConfigError.class)
                .hasMessageContaining("was ingested from")
                .hasMessageContaining("pos_tense.txt");
        Files.writeString(source.resolve("pos_tense.txt"), lab.abacus.task.TenseTags.DICTIONARY);
        Files.writeString(source.resolve("tense.gen"), present + present);
        assertThatThrownBy(() -> GenerateStructuralDatasetsJob.run(spark, c, QUIET))
                .isInstanceOf(ConfigError.class)
                .hasMessageContaining("was ingested from")
                .hasMessageContaining("tense.gen");
    }
}
