package lab.abacus.datagen;

import static lab.abacus.datagen.DatagenTestSupport.config;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.typesafe.config.Config;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;
import lab.abacus.config.ConfigError;
import lab.abacus.data.DataSettings;
import lab.abacus.data.DatasetDirectory;
import lab.abacus.data.DatasetId;
import lab.abacus.data.DatasetManifest;
import lab.abacus.data.Exclusions;
import lab.abacus.faults.FaultyFileSystem;
import lab.abacus.storage.Storage;
import lab.abacus.storage.StorageRef;
import lab.abacus.task.Vocabulary;
import lab.abacus.testing.LocalSpark;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** GenerateDatasets end to end on local[2] with real Parquet, tiny sizes. */
class GenerateDatasetsJobTest {

    @TempDir
    static Path tmp;

    static SparkSession spark;
    static final PrintStream QUIET = new PrintStream(new ByteArrayOutputStream());

    @BeforeAll
    static void start() {
        spark = LocalSpark.start("GenerateDatasetsJobTest", tmp.resolve("warehouse"));
    }

    @AfterAll
    static void stop() {
        spark.stop();
    }

    static Storage storage(Path root) {
        return StorageRef.of(root.toString()).open();
    }

    @Test
    void writesTheRowContractWithCheckedAnswersCountsAndManifest() throws Exception {
        Path root = tmp.resolve("contract");
        ByteArrayOutputStream log = new ByteArrayOutputStream();
        DatagenSummary summary =
                GenerateDatasetsJob.run(spark, config(root.toString(), ""), new PrintStream(log, true));
        assertThat(summary.alreadyComplete()).isFalse();
        assertThat(log.toString(java.nio.charset.StandardCharsets.UTF_8))
                .contains("[datagen]")
                .contains("rows/s");
        assertThat(summary.render()).contains("train").contains("3,000 rows").contains("16 cells");

        Path dir = root.resolve("datasets").resolve(summary.datasetId());
        try (Stream<Path> files = Files.list(dir.resolve("train"))) {
            assertThat(files.map(p -> p.getFileName().toString())
                            .filter(n -> n.endsWith(".parquet"))
                            .sorted())
                    .containsExactly(
                            "part-00000.parquet", "part-00001.parquet", "part-00002.parquet", "part-00003.parquet");
        }
        DatasetManifest m = DatasetManifest.parse(Files.readString(dir.resolve("manifest.json")));
        assertThat(m).isEqualTo(summary.manifest());
        assertThat(m.tokenizer()).isEqualTo("pad");
        assertThat(m.train().rows()).isEqualTo(3000);
        assertThat(m.train().cells()).hasSize(16);
        assertThat(m.train().minCellCount()).isEqualTo(187);
        assertThat(m.train().maxCellCount()).isEqualTo(188);
        assertThat(m.eval().cells()).hasSize(25 + 2);
        assertThat(m.eval().rows()).isEqualTo(27 * 12);
        assertThat(m.maxSequenceLength()).isEqualTo(4 + 1 + 4 + 1 + 5 + 1); // 4x4 addition: 16 tokens
        assertThat(m.train().bytes()).isPositive();

        Dataset<Row> train = spark.read().parquet(dir.resolve("train").toString());
        Dataset<Row> eval = spark.read().parquet(dir.resolve("eval").toString());
        assertThat(train.schema().fieldNames()).containsExactly("len_a", "len_b", "prompt", "answer");
        assertThat(eval.schema().fieldNames()).containsExactly("len_a", "len_b", "prompt", "answer", "sample");
        List<Row> trainRows = train.collectAsList();
        List<Row> evalRows = eval.collectAsList();
        Map<String, Long> counts = new HashMap<>();
        for (Row r : trainRows) {
            DatagenTestSupport.check("addition", r);
            counts.merge(r.getInt(0) + "x" + r.getInt(1), 1L, Long::sum);
            int[] ids = Vocabulary.PAD_TOKENIZER.encodeExample(r.getString(2), r.getString(3));
            assertThat(ids[ids.length - 1]).isEqualTo(Vocabulary.EOS);
            assertThat(ids).doesNotContain(Vocabulary.UNK);
        }
        for (DatasetManifest.CellCount c : m.train().cells()) {
            assertThat(counts.get(c.lenA() + "x" + c.lenB())).isEqualTo(c.n());
        }
        Map<String, Set<Integer>> samples = new HashMap<>();
        for (Row r : evalRows) {
            DatagenTestSupport.check("addition", r);
            samples.computeIfAbsent(r.getInt(0) + "x" + r.getInt(1), k -> new HashSet<>())
                    .add(r.getInt(4));
        }
        assertThat(samples).hasSize(27).containsKey("7x7").containsKey("8x8");
        samples.values().forEach(s -> assertThat(s).hasSize(12));

        // disjointness: no eval prompt of a cell marked excluded appears in train; 1x1 (81 problems, 12 samples) is
        // excluded (12 <= 40), and every train cell here is small enough to check
        Set<String> excludedEvalPrompts = new HashSet<>();
        for (Row r : evalRows) {
            excludedEvalPrompts.add(r.getString(2));
        }
        assertThat(m.eval().cells().stream().filter(c -> c.lenA() <= 4 && c.lenB() <= 4))
                .allMatch(c -> c.dedup() == Exclusions.EXCLUDED);
        assertThat(m.eval().cells().stream().filter(c -> c.lenA() == 5 || c.lenB() == 5))
                .allMatch(c -> c.dedup() == Exclusions.DISJOINT);
        for (Row r : trainRows) {
            assertThat(excludedEvalPrompts).doesNotContain(r.getString(2));
        }
    }

    @Test
    void sameRowsWhateverThePartitionCount() throws Exception {
        DatagenSummary one = GenerateDatasetsJob.run(
                spark, config(tmp.resolve("p1").toString(), "abacus.data.partitions = 1"), QUIET);
        DatagenSummary many = GenerateDatasetsJob.run(
                spark, config(tmp.resolve("p7").toString(), "abacus.data.partitions = 7"), QUIET);
        assertThat(many.datasetId()).isEqualTo(one.datasetId());
        assertThat(many.manifest().contentHash()).isEqualTo(one.manifest().contentHash());
        // same rows in the same files: the Parquet files are even byte-identical
        for (String split : List.of("train", "eval")) {
            for (int shard = 0; shard < 3; shard++) {
                String f = split + "/" + DatasetDirectory.partFile(shard);
                Path a = tmp.resolve("p1/datasets").resolve(one.datasetId()).resolve(f);
                Path b = tmp.resolve("p7/datasets").resolve(many.datasetId()).resolve(f);
                assertThat(Files.size(a)).isGreaterThan(100);
                assertThat(Files.mismatch(a, b)).as(f).isEqualTo(-1L);
            }
        }
        assertThat(rows(tmp.resolve("p7/datasets").resolve(many.datasetId()).resolve("train")))
                .containsExactlyElementsOf(
                        rows(tmp.resolve("p1/datasets").resolve(one.datasetId()).resolve("train")));
        // a different seed gives different rows and a different id
        DatagenSummary other =
                GenerateDatasetsJob.run(spark, config(tmp.resolve("p1").toString(), "abacus.data.seed = 5"), QUIET);
        assertThat(other.datasetId()).isNotEqualTo(one.datasetId());
        assertThat(other.manifest().contentHash()).isNotEqualTo(one.manifest().contentHash());
    }

    private static List<String> rows(Path file) {
        return spark.read().parquet(file.toString()).collectAsList().stream()
                .map(Row::toString)
                .toList();
    }

    @Test
    void rerunningACompleteDatasetDoesNothing() throws Exception {
        Path root = tmp.resolve("rerun");
        DatagenSummary first = GenerateDatasetsJob.run(spark, config(root.toString(), ""), QUIET);
        Path manifest = root.resolve("datasets").resolve(first.datasetId()).resolve("manifest.json");
        long modified = Files.getLastModifiedTime(manifest).toMillis();
        DatagenSummary second = GenerateDatasetsJob.run(spark, config(root.toString(), ""), QUIET);
        assertThat(second.alreadyComplete()).isTrue();
        assertThat(second.manifest()).isEqualTo(first.manifest());
        assertThat(Files.getLastModifiedTime(manifest).toMillis()).isEqualTo(modified);
        assertThat(second.render()).contains("already complete");
    }

    @Test
    void aKilledRunLeavesNothingThatLooksCompleteAndIsRebuilt() throws Exception {
        Path root = tmp.resolve("killed");
        Config cfg = config(root.toString(), "");
        String id = DatasetId.of(DataSettings.from(cfg));
        Storage storage = storage(root);
        Path datasets = root.resolve("datasets");
        // a run killed while writing shards: only a staging dir with a partial file
        Path staging = datasets.resolve("." + id + ".tmp-killed");
        Files.createDirectories(staging.resolve("train"));
        Files.writeString(staging.resolve("train/part-00000.parquet"), "PAR1 truncated");
        // a run killed after the rename but before the manifest (or an object-store copy cut short)
        Path partial = datasets.resolve(id);
        Files.createDirectories(partial.resolve("train"));
        Files.writeString(partial.resolve("train/part-00002.parquet"), "garbage");
        assertThat(DatasetDirectory.readComplete(storage, id)).isEmpty();
        // a corrupt manifest does not count either
        Files.writeString(partial.resolve("manifest.json"), "{\"dataset_id\":");
        assertThat(DatasetDirectory.readComplete(storage, id)).isEmpty();

        DatagenSummary s = GenerateDatasetsJob.run(spark, cfg, QUIET);
        assertThat(s.alreadyComplete()).isFalse();
        assertThat(DatasetDirectory.readComplete(storage, id)).contains(s.manifest());
        try (Stream<Path> left = Files.list(datasets)) {
            assertThat(left.map(p -> p.getFileName().toString())).containsExactly(id);
        }
        assertThat(spark.read().parquet(partial.resolve("train").toString()).count())
                .isEqualTo(3000);
    }

    @Test
    void aDiskFullWhileWritingAShardFailsTheJobAndLeavesNothingTheRerunCompletes() throws Exception {
        Path root = tmp.resolve("full");
        Config cfg = config(
                root.toString(),
                "abacus.spark.hadoop { \"fs.file.impl\" = \"" + FaultyFileSystem.class.getName() + "\", "
                        + "\"fs.file.impl.disable.cache\" = \"true\" }");
        String id = DatasetId.of(DataSettings.from(cfg));
        FaultyFileSystem.Fault fault =
                FaultyFileSystem.inject("/train/part-00002", FaultyFileSystem.Kind.DISK_FULL, 1, 1);
        try {
            assertThatThrownBy(() -> GenerateDatasetsJob.run(spark, cfg, QUIET))
                    .hasStackTraceContaining("No space left on device")
                    .hasStackTraceContaining("part-00002");
        } finally {
            FaultyFileSystem.clear();
        }
        assertThat(fault.fired()).isEqualTo(1);
        assertThat(DatasetDirectory.readComplete(storage(root), id)).isEmpty();
        DatagenSummary s = GenerateDatasetsJob.run(spark, cfg, QUIET);
        assertThat(s.alreadyComplete()).isFalse();
        try (Stream<Path> left = Files.list(root.resolve("datasets"))) {
            // A task still finishing when the job failed may have written into the staging directory after it
            // was deleted; the next holder of the dataset's lease removes whatever is left.
            assertThat(left.map(p -> p.getFileName().toString())).containsExactly(id);
        }
        assertThat(spark.read()
                        .parquet(root.resolve("datasets")
                                .resolve(id)
                                .resolve("train")
                                .toString())
                        .count())
                .isEqualTo(3000);
    }

    @Test
    void otherTasksEndToEndWithIndependentChecks() {
        String[][] cases = {
            {"subtraction", "abacus.data { task = subtraction }"},
            {"multiplication", "abacus.data { task = multiplication }"},
            {"sorting", "abacus.data { task = sorting, label-set = reference }"},
            {"bitwise-or", "abacus.data { task = bitwise-or }"},
        };
        for (String[] c : cases) {
            DatagenSummary s =
                    GenerateDatasetsJob.run(spark, config(tmp.resolve("tasks").toString(), c[1]), QUIET);
            Path dir = tmp.resolve("tasks/datasets").resolve(s.datasetId());
            List<Row> train =
                    spark.read().parquet(dir.resolve("train").toString()).collectAsList();
            List<Row> eval =
                    spark.read().parquet(dir.resolve("eval").toString()).collectAsList();
            assertThat(train).as(c[0]).isNotEmpty();
            assertThat(eval).as(c[0]).isNotEmpty();
            train.forEach(r -> DatagenTestSupport.check(c[0], r));
            eval.forEach(r -> DatagenTestSupport.check(c[0], r));
            assertThat(s.manifest().task()).isEqualTo(c[0]);
            switch (c[0]) {
                case "subtraction" -> {
                    assertThat(train).allMatch(r -> r.getInt(0) >= r.getInt(1));
                    assertThat(s.manifest().eval().cells())
                            .allMatch(x -> x.lenA() >= x.lenB())
                            .hasSize(15 + 2);
                }
                case "sorting" -> {
                    assertThat(s.manifest().tokenizer()).isEqualTo("sort");
                    assertThat(s.manifest().labelSet()).isEqualTo("reference");
                    assertThat(train)
                            .allMatch(r -> r.getString(2)
                                            .chars()
                                            .filter(ch -> ch == ':')
                                            .count()
                                    >= r.getInt(1));
                }
                case "bitwise-or" -> {
                    // 4x4 enumeration: sum of min(i, j) = 30 problems, without replacement
                    assertThat(train).hasSize(30);
                    assertThat(new HashSet<>(train.stream().map(Row::toString).toList()))
                            .hasSize(30);
                }
                default -> {}
            }
        }
    }

    @Test
    void configErrorsAreClear() {
        assertThatThrownBy(() -> GenerateDatasetsJob.run(
                        spark, config(tmp.resolve("bad").toString(), "abacus.data.train.len-b = 0"), QUIET))
                .isInstanceOf(ConfigError.class)
                .hasMessageContaining("abacus.data.train.len-b")
                .hasMessageContaining("must be in [1, 1000]");
        assertThat(tmp.resolve("bad")).doesNotExist();
    }
}
