package lab.abacus.model;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import lab.abacus.config.ConfigError;
import org.junit.jupiter.api.Test;

class ModelSettingsTest {

    @Test
    void referenceDefaultsAreThePaperSize() {
        ModelSettings s = ModelSettings.parse();
        assertThat(s.hidden()).isEqualTo(1024);
        assertThat(s.intermediate()).isEqualTo(2048);
        assertThat(s.heads()).isEqualTo(16);
        assertThat(s.headDim()).isEqualTo(64);
        assertThat(s.effectiveDepth()).isEqualTo(16);
        assertThat(s.embedding()).isEqualTo(ModelSettings.Embedding.ABACUS);
        assertThat(s.architecture()).isEqualTo(ModelSettings.Architecture.INPUT_INJECTION);
        assertThat(s.abacusMaxK()).isEqualTo(100);
        assertThat(s.abacusTableSize()).isEqualTo(512);
        assertThat(s.deepnormGain()).isCloseTo(0.2973, org.assertj.core.data.Offset.offset(1e-4));
    }

    @Test
    void loopedDefaultsFollowTheReference() {
        ModelSettings s = ModelSettings.parse("architecture=looped", "layers=1", "recurrence=16");
        assertThat(s.maxBackpropOrDefault()).isEqualTo(8);
        assertThat(EvalVariant.asTrained(s)).isEqualTo(new EvalVariant(16, false));
        assertThat(ModelSettings.parse("architecture=looped", "layers=8", "recurrence=2")
                        .maxBackpropOrDefault())
                .isEqualTo(1);
    }

    @Test
    void badValuesNameTheKey() {
        assertThatThrownBy(() -> ModelSettings.parse("embedding=sinusoid"))
                .isInstanceOf(ConfigError.class)
                .hasMessageContaining("abacus.model.embedding")
                .hasMessageContaining("abacus-fire");
        assertThatThrownBy(() -> ModelSettings.parse("recurrence=2"))
                .isInstanceOf(ConfigError.class)
                .hasMessageContaining("abacus.model.recurrence");
        assertThatThrownBy(() -> ModelSettings.parse("hidden=100", "heads=16"))
                .isInstanceOf(ConfigError.class)
                .hasMessageContaining("abacus.model.heads");
    }
}
