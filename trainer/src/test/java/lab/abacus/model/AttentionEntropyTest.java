package lab.abacus.model;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Parameter;
import ai.djl.util.Pair;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Attention entropy on worked examples, and the model's attention maps: causal distributions, and each layer
 * reading the previous layer's output (the released code's helper fed every layer the embeddings).
 */
class AttentionEntropyTest {

    static NDManager root;

    @BeforeAll
    static void start() {
        root = TestEngine.newManager(6);
    }

    @AfterAll
    static void stop() {
        root.close();
    }

    @Test
    void uniformRowsHaveTheEntropyOfTheirPrefixAndOneHotRowsNone() {
        int width = 4;
        float[] uniform = new float[2 * width * width];
        float[] oneHot = new float[2 * width * width];
        for (int b = 0; b < 2; b++) {
            for (int i = 0; i < width; i++) {
                for (int j = 0; j <= i; j++) {
                    uniform[(b * width + i) * width + j] = 1f / (i + 1);
                }
                oneHot[(b * width + i) * width] = 1f;
            }
        }
        // sentence 0 has 4 tokens, sentence 1 has 2 (its last two rows are padding, not counted)
        double[] sums = AttentionEntropy.sumOverSentences(List.of(uniform, oneHot), new int[] {4, 2}, width);
        double sentence0 = Math.log(1) + Math.log(2) + Math.log(3) + Math.log(4);
        double sentence1 = Math.log(1) + Math.log(2);
        assertThat(sums[0]).isCloseTo(sentence0 + sentence1, within(1e-6));
        assertThat(sums[1]).isZero();
    }

    @Test
    void mapsAreCausalDistributionsAndEachLayerReadsThePreviousOne() {
        ModelSettings s = TestEngine.tiny("learned", "standard", "random-initial-state=false");
        try (LanguageModel model = LanguageModel.create(s, 10, root);
                NDManager m = root.newSubManager()) {
            // the second layer made a copy of the first: only its input can tell their maps apart
            for (Pair<String, Parameter> p : model.parameters()) {
                if (p.getKey().startsWith("layer01_")) {
                    String first = "layer00_" + p.getKey().substring("layer01_".length());
                    p.getValue()
                            .getArray()
                            .set(model.parameters().get(first).getArray().toFloatArray());
                }
            }
            NDArray tokens = m.create(new int[] {2, 4, 5, 6, 7, 2, 8, 9, 4, 4}, new Shape(2, 5));
            List<float[]> maps = model.attention(tokens);
            assertThat(maps).hasSize(2);
            int w = 5;
            for (float[] map : maps) {
                for (int b = 0; b < 2; b++) {
                    for (int i = 0; i < w; i++) {
                        double rowSum = 0;
                        for (int j = 0; j < w; j++) {
                            float p = map[(b * w + i) * w + j];
                            if (j > i) {
                                assertThat(p).isCloseTo(0f, within(1e-6f));
                            }
                            rowSum += p;
                        }
                        assertThat(rowSum).isCloseTo(1.0, within(1e-5));
                    }
                }
            }
            assertThat(maps.get(1)).isNotEqualTo(maps.get(0));
        }
    }
}
