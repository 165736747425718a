package lab.abacus.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.typesafe.config.Config;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Layering (reference ← file ← -D ← --set) and the file:line + key form of every complaint. */
class AbacusConfigTest {

    @TempDir
    Path dir;

    @AfterEach
    void clearProperties() {
        System.clearProperty("abacus.train.lr");
        System.clearProperty("abacus.trian.lr");
        System.clearProperty("abacus-lab.home");
    }

    private Path write(String text) throws IOException {
        Path f = dir.resolve("user.conf");
        Files.writeString(f, text);
        return f;
    }

    @Test
    void misspelledKeyNamesFileLineKeyAndSuggestion() throws IOException {
        Path f = write("abacus {\n  train {\n    lr = 1e-3\n    batch-szie = 8\n  }\n}\n");
        assertThatThrownBy(() -> AbacusConfig.load(f, List.of()))
                .isInstanceOf(ConfigError.class)
                .hasMessageContaining("user.conf:4")
                .hasMessageContaining("abacus.train.batch-szie: unknown key")
                .hasMessageContaining("did you mean 'batch-size'");
    }

    @Test
    void stringWhereANumberBelongs() throws IOException {
        Path f = write("abacus.train.lr = fast\n");
        assertThatThrownBy(() -> AbacusConfig.load(f, List.of()))
                .isInstanceOf(ConfigError.class)
                .hasMessageContaining("user.conf:1")
                .hasMessageContaining("abacus.train.lr: expected a number but got string");
    }

    @Test
    void overridesWinOverSystemPropertiesWhichWinOverTheFile() throws IOException {
        Path f = write("abacus.train.lr = 0.5\n");
        assertThat(AbacusConfig.load(f, List.of()).getDouble("abacus.train.lr")).isEqualTo(0.5);
        System.setProperty("abacus.train.lr", "0.25");
        assertThat(AbacusConfig.load(f, List.of()).getDouble("abacus.train.lr")).isEqualTo(0.25);
        assertThat(AbacusConfig.load(f, List.of("train.lr=0.125")).getDouble("abacus.train.lr"))
                .isEqualTo(0.125);
    }

    @Test
    void systemPropertiesAreValidatedAndNeverLeakIntoTheReference() {
        System.setProperty("abacus-lab.home", "/somewhere");
        Config defaults = AbacusConfig.defaults();
        assertThat(defaults.hasPath("abacus.train.lr")).isTrue();
        assertThat(AbacusConfig.reference().root().keySet()).doesNotContain("abacus-lab");
        System.setProperty("abacus.trian.lr", "1");
        assertThatThrownBy(() -> AbacusConfig.load(null, List.of()))
                .isInstanceOf(ConfigError.class)
                .hasMessageContaining("abacus.trian: unknown key");
    }

    @Test
    void badOverrideSyntaxIsNamed() {
        assertThatThrownBy(() -> AbacusConfig.load(null, List.of("train.lr")))
                .isInstanceOf(ConfigError.class)
                .hasMessageContaining("--set train.lr: expected key=value");
    }
}
