package lab.abacus.data;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.typesafe.config.Config;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import lab.abacus.config.AbacusConfig;
import lab.abacus.config.ConfigError;
import lab.abacus.task.LabelSet;
import lab.abacus.task.TaskKind;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DataSettingsTest {

    @TempDir
    Path dir;

    private Config load(String text, String... overrides) throws Exception {
        Path f = dir.resolve("exp.conf");
        Files.writeString(f, text);
        return AbacusConfig.load(f, List.of(overrides));
    }

    @Test
    void defaultsAreTheReferenceAdditionStudy() {
        DataSettings s = DataSettings.from(AbacusConfig.defaults());
        assertThat(s.task()).isEqualTo(TaskKind.ADDITION);
        assertThat(s.trainLenA()).isEqualTo(20);
        assertThat(s.trainLenB()).isEqualTo(20);
        assertThat(s.evalLenATo()).isEqualTo(100);
        assertThat(s.evalSamples()).isEqualTo(100);
        assertThat(s.hasDiagonal()).isTrue();
        assertThat(s.diagonalFrom()).isEqualTo(101);
        assertThat(s.diagonalTo()).isEqualTo(160);
        assertThat(s.labelSet()).isEqualTo(LabelSet.REFERENCE);
        assertThat(s.dedup()).isTrue();
    }

    @Test
    void misspelledKeyNamesFileLineAndSuggestion() {
        assertThatThrownBy(() -> load("abacus.data {\n  train {\n    rowz = 5\n  }\n}\n"))
                .isInstanceOf(ConfigError.class)
                .hasMessageContaining("exp.conf:3")
                .hasMessageContaining("abacus.data.train.rowz")
                .hasMessageContaining("did you mean 'rows'");
    }

    @Test
    void negativeLengthIsRejectedWithFileLineAndKey() throws Exception {
        Config c = load("abacus.data {\n  train.len-a = -3\n}\n");
        assertThatThrownBy(() -> DataSettings.from(c))
                .isInstanceOf(ConfigError.class)
                .hasMessageContaining("exp.conf:2")
                .hasMessageContaining("abacus.data.train.len-a")
                .hasMessageContaining("must be in [1, 1000] but is -3");
    }

    @Test
    void stringWhereANumberBelongs() {
        assertThatThrownBy(() -> load("abacus.data.train.rows = lots\n"))
                .isInstanceOf(ConfigError.class)
                .hasMessageContaining("exp.conf:1")
                .hasMessageContaining("abacus.data.train.rows")
                .hasMessageContaining("expected a number");
    }

    @Test
    void unknownTaskAndLabelSetListTheChoices() throws Exception {
        Config c = load("abacus.data.task = division\n");
        assertThatThrownBy(() -> DataSettings.from(c))
                .isInstanceOf(ConfigError.class)
                .hasMessageContaining("abacus.data.task")
                .hasMessageContaining("bitwise-or");
        Config d = load("abacus.data.label-set = greek\n");
        assertThatThrownBy(() -> DataSettings.from(d))
                .isInstanceOf(ConfigError.class)
                .hasMessageContaining("collision-free");
    }

    @Test
    void crossFieldRules() throws Exception {
        Config c = load("abacus.data.eval { len-a-from = 10, len-a-to = 5 }\n");
        assertThatThrownBy(() -> DataSettings.from(c))
                .isInstanceOf(ConfigError.class)
                .hasMessageContaining("abacus.data.eval.len-a-to")
                .hasMessageContaining("exp.conf:1");
        Config sorting = load("abacus.data { task = sorting, label-set = collision-free, train.len-b = 100 }\n");
        assertThatThrownBy(() -> DataSettings.from(sorting))
                .isInstanceOf(ConfigError.class)
                .hasMessageContaining("abacus.data.train.len-b")
                .hasMessageContaining("at most 99");
    }

    @Test
    void overridesWork() throws Exception {
        Config c = load("", "data.task=sorting", "data.eval.len-a-to=30", "data.eval.len-b-to=30");
        DataSettings s = DataSettings.from(c);
        assertThat(s.task()).isEqualTo(TaskKind.SORTING);
        assertThat(s.hasDiagonal()).isFalse();
        assertThat(s.labelSetName()).isEqualTo("reference");
    }

    @Test
    void datasetIdIsAHashOfWhatDeterminesTheRows() throws Exception {
        String base = DatasetId.of(DataSettings.from(load("")));
        assertThat(base).matches("addition-[0-9a-f]{12}");
        assertThat(DatasetId.of(DataSettings.from(load("")))).isEqualTo(base);
        // written differently, same meaning
        assertThat(DatasetId.of(DataSettings.from(load("abacus.data.train { rows = 2000000, len-a = 20 }"))))
                .isEqualTo(base);
        // layout-only settings do not change the id
        assertThat(DatasetId.of(DataSettings.from(load("abacus.data { partitions = 3, compression = zstd }"))))
                .isEqualTo(base);
        // the label set is irrelevant for addition
        assertThat(DatasetId.of(DataSettings.from(load("abacus.data.label-set = collision-free"))))
                .isEqualTo(base);
        assertThat(DatasetId.of(DataSettings.from(load("abacus.data.seed = 43"))))
                .isNotEqualTo(base);
        assertThat(DatasetId.of(DataSettings.from(load("abacus.data.shards = 7"))))
                .isNotEqualTo(base);
        assertThat(DatasetId.of(DataSettings.from(load("abacus.data.dedup = false"))))
                .isNotEqualTo(base);
    }
}
