package lab.abacus.model;

import static org.assertj.core.api.Assertions.assertThat;

import lab.abacus.task.Vocabulary;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * Faithfulness by parameter count: the reference configurations (hidden 1024, intermediate 2048, 16 heads,
 * 512-row tables) must give exactly abacus-reference §4.5. Counted from parameter shapes, nothing allocated.
 */
class ParameterCountTest {

    private static long count(String arch, int layers, int recurrence, String embedding, int vocab) {
        ModelSettings s = ModelSettings.parse(
                "hidden=1024",
                "intermediate=2048",
                "heads=16",
                "layers=" + layers,
                "recurrence=" + recurrence,
                "architecture=" + arch,
                "embedding=" + embedding,
                "abacus.table-size=512",
                "learned-positions=512");
        return LanguageModel.countParameters(s, vocab);
    }

    @ParameterizedTest(name = "{0}x{1}")
    @CsvSource({
        "1, 16, 12105728, 11581440, 11582035, 12106323",
        "2, 8, 19449856, 18925568, 18926758, 19451046",
        "4, 4, 34138112, 33613824, 33616204, 34140492",
        "8, 2, 63514624, 62990336, 62995096, 63519384"
    })
    void loopedModelsMatchTheReference(int layers, int recurrence, long abacus, long nope, long fire, long abacusFire) {
        int v = Vocabulary.PAD_TOKENIZER.size();
        assertThat(count("looped", layers, recurrence, "abacus", v)).isEqualTo(abacus);
        assertThat(count("looped", layers, recurrence, "nope", v)).isEqualTo(nope);
        assertThat(count("looped", layers, recurrence, "fire", v)).isEqualTo(fire);
        assertThat(count("looped", layers, recurrence, "abacus-fire", v)).isEqualTo(abacusFire);
    }

    @Test
    void standardSixteenLayersWithAndWithoutInjection() {
        int v = Vocabulary.PAD_TOKENIZER.size();
        for (String arch : new String[] {"standard", "input-injection"}) {
            assertThat(count(arch, 16, 1, "abacus", v)).isEqualTo(122_267_648L);
            assertThat(count(arch, 16, 1, "nope", v)).isEqualTo(121_743_360L);
            assertThat(count(arch, 16, 1, "fire", v)).isEqualTo(121_752_880L);
            assertThat(count(arch, 16, 1, "abacus-fire", v)).isEqualTo(122_277_168L);
        }
        // RoPE has no parameters; learned absolute positions take the Abacus table's place (512 rows).
        assertThat(count("input-injection", 16, 1, "abacus-rope", v)).isEqualTo(122_267_648L);
        assertThat(count("input-injection", 16, 1, "rope", v)).isEqualTo(121_743_360L);
        assertThat(count("input-injection", 16, 1, "learned", v)).isEqualTo(122_267_648L);
        assertThat(count("input-injection", 16, 1, "randomized-fire", v)).isEqualTo(121_752_880L);
    }

    @Test
    void sortingVocabulary() {
        int v = Vocabulary.SORT_TOKENIZER.size();
        assertThat(v).isEqualTo(118);
        assertThat(count("standard", 8, 1, "abacus", v)).isEqualTo(63_717_376L);
        assertThat(count("looped", 1, 8, "abacus", v)).isEqualTo(12_308_480L);
    }

    @Test
    void firePerLayerIs595ForSixteenHeads() {
        int v = Vocabulary.PAD_TOKENIZER.size();
        assertThat(count("standard", 1, 1, "fire", v) - count("standard", 1, 1, "nope", v))
                .isEqualTo(595);
    }
}
