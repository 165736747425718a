package lab.abacus.structural;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.typesafe.config.Config;
import com.typesafe.config.ConfigFactory;
import lab.abacus.config.AbacusConfig;
import lab.abacus.config.ConfigError;
import lab.abacus.data.DataSettings;
import lab.abacus.run.RunConfig;
import lab.abacus.run.RunId;
import org.junit.jupiter.api.Test;

/** The structural tasks' data settings: errors by key, what the dataset id depends on, and run ids left alone. */
class StructuralDataSettingsTest {

    static Config config(String hocon) {
        return AbacusConfig.fromLayers(ConfigFactory.parseString(hocon));
    }

    @Test
    void badSettingsAreNamedByKey() {
        assertThatThrownBy(() -> StructuralDataSettings.from(config("abacus.data.task = question-formation")))
                .isInstanceOf(ConfigError.class)
                .hasMessageContaining("abacus.data.mccoy.source")
                .hasMessageContaining("question.train, question.dev, question.gen");
        assertThatThrownBy(() -> StructuralDataSettings.from(config("abacus.data { task = dyck, dyck.types = 27 }")))
                .hasMessageContaining("abacus.data.dyck.types")
                .hasMessageContaining("[1, 26]");
        assertThatThrownBy(() -> DataSettings.from(config("abacus.data.task = dyck")))
                .isInstanceOf(ConfigError.class)
                .hasMessageContaining("'dyck' is a structural task");
        assertThat(StructuralDataSettings.applies(config("abacus.data.task = tense-inflection")))
                .isTrue();
        assertThat(StructuralDataSettings.applies(config("abacus.data.task = addition")))
                .isFalse();
    }

    @Test
    void theDatasetIdFollowsTheRowsOnly() {
        String base =
                StructuralDataSettings.from(config("abacus.data.task = dyck")).datasetId();
        assertThat(base).startsWith("dyck-");
        assertThat(StructuralDataSettings.from(
                                config("abacus.data { task = dyck, compression = zstd, partitions = 3 }"))
                        .datasetId())
                .isEqualTo(base);
        assertThat(StructuralDataSettings.from(config("abacus.data { task = dyck, dyck.types = 4 }"))
                        .datasetId())
                .isNotEqualTo(base);
        String qf = "abacus.data { task = question-formation, mccoy.source = /data/mccoy";
        assertThat(StructuralDataSettings.from(config(qf + ", dyck.types = 4 }"))
                        .datasetId())
                .isEqualTo(StructuralDataSettings.from(config(qf + " }")).datasetId())
                .startsWith("question-formation-");
    }

    @Test
    void structuralSettingsDoNotChangeTheIdOfAnArithmeticRun() {
        RunId plain = RunId.of(RunConfig.of(config("abacus.data.task = addition")));
        RunId withDyck =
                RunId.of(RunConfig.of(config("abacus.data { task = addition, dyck.types = 3, mccoy.source = x }")));
        assertThat(withDyck).isEqualTo(plain);
        assertThat(RunId.of(RunConfig.of(config("abacus.data { task = addition, train.rows = 7 }"))))
                .isNotEqualTo(plain);
    }
}
