package lab.abacus.grid;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import lab.abacus.config.AbacusConfig;
import lab.abacus.config.ConfigError;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class EvalSettingsTest {

    @Test
    void defaultsAreThePapersGrids() {
        EvalSettings s = EvalSettings.from(AbacusConfig.defaults());
        assertThat(s.partitions()).isEqualTo(20);
        assertThat(s.samplesPerCell()).isEqualTo(100);
        assertThat(s.inDistributionFromDataset()).isTrue();
        assertThat(s.gridFor("addition").cells()).hasSize(100 * 100 + 60);
        assertThat(s.gridFor("multiplication").cells()).hasSize(625);
        assertThat(s.gridFor("sorting").cells()).hasSize(900);
        assertThat(s.gridFor("bitwise-or").cells()).hasSize(1600);
        assertThat(s.gridFor("bitwise-or").task()).isEqualTo("bitwise-or");
    }

    @Test
    void overridesAreApplied() {
        EvalSettings s = EvalSettings.from(AbacusConfig.load(
                null,
                List.of(
                        "eval.grids.addition.a=[1,12]",
                        "eval.grids.addition.b=[1,12]",
                        "eval.grids.addition.diagonal=[]",
                        "eval.in-distribution=[6,6]",
                        "eval.partitions=4")));
        assertThat(s.gridFor("addition").cells()).hasSize(144);
        assertThat(s.idMaxA()).isEqualTo(6);
        assertThat(s.partitions()).isEqualTo(4);
    }

    @Test
    void badValuesNameFileLineAndKey(@TempDir Path dir) throws Exception {
        Path f = dir.resolve("bad.conf");
        Files.writeString(f, "abacus.eval {\n  partitions = 0\n}\n");
        assertThatThrownBy(() -> EvalSettings.from(AbacusConfig.load(f, List.of())))
                .isInstanceOf(ConfigError.class)
                .hasMessageContaining("bad.conf:2")
                .hasMessageContaining("abacus.eval.partitions");
        Files.writeString(f, "abacus.eval.grids.addition {\n  a = [5, 2]\n}\n");
        assertThatThrownBy(() -> EvalSettings.from(AbacusConfig.load(f, List.of())))
                .isInstanceOf(ConfigError.class)
                .hasMessageContaining("bad.conf:2")
                .hasMessageContaining("abacus.eval.grids.addition.a");
        Files.writeString(f, "abacus.eval {\n  in-distribution = [3]\n}\n");
        assertThatThrownBy(() -> EvalSettings.from(AbacusConfig.load(f, List.of())))
                .hasMessageContaining("abacus.eval.in-distribution");
        Files.writeString(f, "abacus.eval {\n  samples-per-cel = 3\n}\n");
        assertThatThrownBy(() -> AbacusConfig.load(f, List.of()))
                .hasMessageContaining("bad.conf:2")
                .hasMessageContaining("samples-per-cell");
    }
}
