package lab.abacus.model;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.index.NDIndex;
import java.util.ArrayList;
import java.util.List;
import lab.abacus.config.ConfigError;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Murty et al.'s language model as switches of the zoo: its parameter counts against the ones derived from the
 * released classes (structural-grokking §2.3), the sinusoids, dropout only in training, and KV-cache decoding.
 */
class MurtyModelTest {

    static NDManager root;

    @BeforeAll
    static void start() {
        root = TestEngine.newManager(4);
    }

    @AfterAll
    static void stop() {
        root.close();
    }

    /** The released code's model: 512 wide, 8 heads (the n_heads slip), FF 2048, untied output with a bias. */
    static ModelSettings code(String... more) {
        List<String> all = new ArrayList<>(List.of("hidden=512", "intermediate=2048", "heads=8", "dropout=0.1"));
        all.addAll(List.of(more));
        return TestEngine.murty(all.toArray(String[]::new));
    }

    @Test
    void parameterCountsAreTheReleasedModels() {
        long oneLayer = LanguageModel.countParameters(code("layers=1"), 71);
        long twoLayers = LanguageModel.countParameters(code("layers=2"), 71);
        assertThat(twoLayers - oneLayer).isEqualTo(3_150_336); // one encoder layer
        // question formation: 69 words + SOS/EOS = 71 ids; embeddings + layers + output layer with bias
        assertThat(twoLayers).isEqualTo(6_373_447); // "6.37M"
        assertThat(LanguageModel.countParameters(code("layers=10"), 71)).isEqualTo(31_576_135); // "31.58M"
        assertThat(LanguageModel.countParameters(code("layers=2"), 101)).isEqualTo(6_404_197); // TI: "6.40M"
        // tied (the paper): the output layer reuses the embedding, keeping its bias
        assertThat(LanguageModel.countParameters(code("layers=2", "tied-embedding=true"), 71))
                .isEqualTo(6_373_447 - 512 * 71);
    }

    @Test
    void sinusoidsAreTheTransformers() {
        try (NDManager m = root.newSubManager()) {
            float[] pe = Sinusoidal.table(m, 0, 3, 4).toFloatArray(); // [3,4]
            assertThat(pe)
                    .containsExactly(
                            new float[] {
                                0f,
                                1f,
                                0f,
                                1f,
                                (float) Math.sin(1),
                                (float) Math.cos(1),
                                (float) Math.sin(0.01),
                                (float) Math.cos(0.01),
                                (float) Math.sin(2),
                                (float) Math.cos(2),
                                (float) Math.sin(0.02),
                                (float) Math.cos(0.02)
                            },
                            within(1e-6f));
            // rows for positions 2.. are the same rows, whatever the offset they start from
            assertThat(Sinusoidal.table(m, 2, 1, 4).toFloatArray())
                    .containsExactly(new float[] {pe[8], pe[9], pe[10], pe[11]});
        }
    }

    @Test
    void dropoutActsInTrainingOnlyAndFollowsTheEngineSeed() {
        ModelSettings s = TestEngine.murty("dropout=0.3");
        try (LanguageModel model = LanguageModel.create(s, 10, root);
                NDManager m = root.newSubManager()) {
            NDArray tokens =
                    m.create(new int[] {2, 4, 5, 6, 7, 8, 2, 9, 9, 4, 5, 6}, new ai.djl.ndarray.types.Shape(2, 6));
            ForwardPass eval = ForwardPass.eval(EvalVariant.asTrained(s));
            ForwardPass train = new ForwardPass(true, 0, 0, 1);
            float[] e1 = model.forward(tokens, eval).toFloatArray();
            float[] e2 = model.forward(tokens, eval).toFloatArray();
            assertThat(e1).containsExactly(e2);
            TestEngine.seed(17);
            float[] t1 = model.forward(tokens, train).toFloatArray();
            TestEngine.seed(17);
            float[] t2 = model.forward(tokens, train).toFloatArray();
            TestEngine.seed(18);
            float[] t3 = model.forward(tokens, train).toFloatArray();
            assertThat(t1).containsExactly(t2).isNotEqualTo(e1);
            assertThat(t3).isNotEqualTo(t1);
        }
    }

    @Test
    void kvCacheDecodingEqualsTheFullForward() {
        ModelSettings s = TestEngine.murty("dropout=0.1", "tied-embedding=true");
        try (LanguageModel model = LanguageModel.create(s, 12, root);
                NDManager m = root.newSubManager()) {
            NDArray tokens = m.create(
                    new int[] {2, 4, 5, 6, 7, 8, 9, 2, 9, 9, 4, 5, 6, 7}, new ai.djl.ndarray.types.Shape(2, 7));
            NDArray full = model.forward(tokens, ForwardPass.eval(EvalVariant.asTrained(s)));
            try (KvCache cache = model.newCache(2, EvalVariant.asTrained(s))) {
                model.forward(tokens.get(new NDIndex(":, :3")), cache);
                for (int t = 3; t < 7; t++) {
                    NDArray next = model.forwardLast(tokens.get(new NDIndex(":, " + t + ":" + (t + 1))), cache);
                    ModelZooTest.assertClose(next, full.get(new NDIndex(":, " + t + ", :")));
                }
            }
        }
    }

    @Test
    void aTiedProjectionNeedsTheLinearHead() {
        assertThatThrownBy(() -> ModelSettings.parse("tied-embedding=true"))
                .isInstanceOf(ConfigError.class)
                .hasMessageContaining("abacus.model.tied-embedding")
                .hasMessageContaining("head = linear");
    }
}
