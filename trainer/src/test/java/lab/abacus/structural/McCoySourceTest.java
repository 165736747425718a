package lab.abacus.structural;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import lab.abacus.config.ConfigError;
import lab.abacus.task.StructuralTask;
import org.apache.hadoop.conf.Configuration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * McCoy's files as ingested, from small files this test writes in that format (no third-party data): rows and
 * markers, the git blob ids against {@code git hash-object}'s, and errors that name the file and line.
 */
class McCoySourceTest {

    static final String QUEST =
            "the newt that does giggle doesn't read . quest\t" + "doesn't the newt that does giggle read ?\n";
    static final String DECL = "her yak does swim . decl\ther yak does swim .\n";

    @TempDir
    Path dir;

    static void writeQuestionFiles(Path dir, String train, String dev, String gen) throws Exception {
        Files.writeString(dir.resolve("question.train"), train);
        Files.writeString(dir.resolve("question.dev"), dev);
        Files.writeString(dir.resolve("question.gen"), gen);
    }

    @Test
    void readsTheThreeFilesIntoRowsWithTheirLines() throws Exception {
        writeQuestionFiles(dir, DECL + QUEST + DECL, QUEST + DECL, QUEST);
        List<McCoySource> sources =
                McCoySource.readAll(StructuralTask.QUESTION_FORMATION, dir.toString(), new Configuration());
        assertThat(sources)
                .extracting(McCoySource::file)
                .containsExactly("question.train", "question.dev", "question.gen");
        McCoySource train = sources.get(0);
        assertThat(train.rows()).hasSize(3);
        StructuralRow second = train.rows().get(1);
        assertThat(second.sourceLine()).isEqualTo(2L);
        assertThat(second.marker()).isEqualTo("quest");
        assertThat(second.text()).isEqualTo(QUEST.strip().replace('\t', ' '));
        assertThat(second.tokens()).isEqualTo(second.text().split(" ").length);
        assertThat(train.bytes()).isEqualTo((DECL + QUEST + DECL).getBytes(StandardCharsets.UTF_8).length);
        // these are not McCoy's files: their ids differ from the published ones
        assertThat(sources).noneMatch(McCoySource::matchesPublished);
        assertThat(train.publishedGitBlob()).isEqualTo("a3e63ea441226643b6fa7341ba8af22721019331");
    }

    @Test
    void gitBlobIdsAreTheOnesGitComputes() throws Exception {
        writeQuestionFiles(dir, DECL + QUEST, QUEST, DECL);
        Process git = new ProcessBuilder(
                        "git", "hash-object", dir.resolve("question.train").toString())
                .redirectErrorStream(true)
                .start();
        String expected = new String(git.getInputStream().readAllBytes(), StandardCharsets.UTF_8).strip();
        assertThat(git.waitFor()).isZero();
        McCoySource train = McCoySource.read(StructuralTask.QUESTION_FORMATION, dir.toString(), 0, new Configuration());
        assertThat(train.gitBlob()).isEqualTo(expected).matches("[0-9a-f]{40}");
    }

    @Test
    void aMalformedLineIsNamedByFileAndLine() throws Exception {
        writeQuestionFiles(dir, DECL + "her yak does swim . quest does her yak swim ?\n", QUEST, QUEST);
        assertThatThrownBy(() ->
                        McCoySource.readAll(StructuralTask.QUESTION_FORMATION, dir.toString(), new Configuration()))
                .isInstanceOf(ConfigError.class)
                .hasMessageContaining("question.train:2: no tab");
        writeQuestionFiles(dir, DECL, QUEST + "\n" + QUEST, QUEST);
        assertThatThrownBy(() ->
                        McCoySource.readAll(StructuralTask.QUESTION_FORMATION, dir.toString(), new Configuration()))
                .hasMessageContaining("question.dev:2: no tab");
        writeQuestionFiles(dir, DECL, QUEST, "");
        assertThatThrownBy(() ->
                        McCoySource.readAll(StructuralTask.QUESTION_FORMATION, dir.toString(), new Configuration()))
                .hasMessageContaining("question.gen: the file is empty");
    }

    static final String PRESENT = "the newt near the yaks giggled . PRESENT\tthe newt near the yaks giggles .\n";
    static final String PAST = "the yaks giggled . PAST\tthe yaks giggled .\n";

    static void writeTenseFiles(Path dir, String train, String dev, String gen) throws Exception {
        Files.writeString(dir.resolve("tense.train"), train);
        Files.writeString(dir.resolve("tense.dev"), dev);
        Files.writeString(dir.resolve("tense.gen"), gen);
        Files.writeString(dir.resolve("pos_tense.txt"), lab.abacus.task.TenseTags.DICTIONARY);
    }

    @Test
    void tenseInflectionReadsItsPartOfSpeechFileAndChecksItsId() throws Exception {
        writeTenseFiles(dir, PRESENT + PAST, PRESENT, PRESENT);
        McCoyPartsOfSpeech pos = McCoyPartsOfSpeech.read(
                        StructuralTask.TENSE_INFLECTION, dir.toString(), new Configuration())
                .orElseThrow();
        assertThat(pos.tags().tags()).containsEntry("giggles", "V").containsEntry("near", "P");
        assertThat(pos.check().file()).isEqualTo("pos_tense.txt");
        assertThat(pos.check().gitBlob())
                .isEqualTo(lab.abacus.hash.Hashing.gitBlobSha1(
                        lab.abacus.task.TenseTags.DICTIONARY.getBytes(StandardCharsets.UTF_8)));
        assertThat(pos.check().published()).isEqualTo("afc2bc46316196eaaa914233ebbd1ca1a5424828");
        assertThat(pos.check().matches()).isFalse();
        assertThat(McCoyPartsOfSpeech.read(StructuralTask.QUESTION_FORMATION, dir.toString(), new Configuration()))
                .isEmpty();
    }

    @Test
    void aMissingOrMalformedPartOfSpeechFileIsNamed() throws Exception {
        writeTenseFiles(dir, PRESENT, PRESENT, PRESENT);
        Files.delete(dir.resolve("pos_tense.txt"));
        assertThatThrownBy(() ->
                        McCoyPartsOfSpeech.read(StructuralTask.TENSE_INFLECTION, dir.toString(), new Configuration()))
                .isInstanceOf(ConfigError.class)
                .hasMessageContaining("pos_tense.txt is not there")
                .hasMessageContaining("top folder of github.com/tommccoy1/rnn-hierarchical-biases");
        Files.writeString(dir.resolve("pos_tense.txt"), "the\tD\nnewt N\n");
        assertThatThrownBy(() ->
                        McCoyPartsOfSpeech.read(StructuralTask.TENSE_INFLECTION, dir.toString(), new Configuration()))
                .isInstanceOf(ConfigError.class)
                .hasMessageContaining("pos_tense.txt:2: no tab");
    }

    @Test
    void anOutputWordWithoutATagIsNamedByFileAndLine() throws Exception {
        writeTenseFiles(dir, PRESENT, PRESENT + "the yaks giggled . PRESENT\tthe yaks chuckle .\n", PRESENT);
        lab.abacus.storage.Storage storage =
                lab.abacus.storage.StorageRef.of(dir.resolve("root").toString()).open();
        StructuralDataSettings s = StructuralDataSettings.from(
                lab.abacus.config.AbacusConfig.fromLayers(com.typesafe.config.ConfigFactory.parseString(
                        "abacus.data { task = tense-inflection, mccoy.source = \"" + dir + "\" }")));
        assertThatThrownBy(() -> McCoyIngest.write(
                        s,
                        storage,
                        new org.apache.hadoop.fs.Path(dir.resolve("staging").toString()),
                        w -> {}))
                .isInstanceOf(ConfigError.class)
                .hasMessageContaining("tense.dev:2: the output word 'chuckle' has no tag in")
                .hasMessageContaining("pos_tense.txt");
    }

    @Test
    void aMissingFileSaysWhereToGetIt() throws Exception {
        Files.writeString(dir.resolve("tense.train"), "a . PAST\ta .\n");
        assertThatThrownBy(
                        () -> McCoySource.readAll(StructuralTask.TENSE_INFLECTION, dir.toString(), new Configuration()))
                .isInstanceOf(ConfigError.class)
                .hasMessageContaining("abacus.data.mccoy.source = " + dir)
                .hasMessageContaining("tense.dev is not there")
                .hasMessageContaining("tommccoy1/rnn-hierarchical-biases");
    }
}
