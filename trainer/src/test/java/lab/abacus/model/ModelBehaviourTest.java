package lab.abacus.model;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Parameter;
import ai.djl.training.GradientCollector;
import ai.djl.util.Pair;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.util.HashMap;
import java.util.Map;
import lab.abacus.task.Vocabulary;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Abacus offsets, eval noise, progressive loss, save/load and memory scoping. */
class ModelBehaviourTest {

    private static final int V = Vocabulary.PAD_TOKENIZER.size();
    private static NDManager root;

    @BeforeAll
    static void start() {
        root = TestEngine.newManager(5);
    }

    @AfterAll
    static void stop() {
        root.close();
    }

    private static int[][] ids(String... texts) {
        int[][] rows = new int[texts.length][];
        for (int i = 0; i < texts.length; i++) {
            rows[i] = Vocabulary.PAD_TOKENIZER.encode(texts[i]);
        }
        return rows;
    }

    @Test
    void abacusIndicesNumberDigitRunsAndOffsetOnlyDigits() {
        // abacus-reference §1.2 worked example: 321+7654=0964 then EOS, PAD
        int[][] rows = {Vocabulary.PAD_TOKENIZER.encodeExample("321+7654=", "0964")};
        rows[0] = java.util.Arrays.copyOf(rows[0], rows[0].length + 1); // + PAD
        assertThat(Embedder.abacusIndices(rows, null, 0, 512))
                .containsExactly(1, 2, 3, 0, 1, 2, 3, 4, 0, 1, 2, 3, 4, 0, 0);
        assertThat(Embedder.abacusIndices(rows, null, 100, 512))
                .containsExactly(101, 102, 103, 0, 101, 102, 103, 104, 0, 101, 102, 103, 104, 0, 0);
    }

    @Test
    void abacusRunsContinueAcrossCacheCalls() {
        int[] runs = new int[1];
        assertThat(Embedder.abacusIndices(ids("12+34"), runs, 0, 512)).containsExactly(1, 2, 0, 1, 2);
        assertThat(runs[0]).isEqualTo(2);
        assertThat(Embedder.abacusIndices(ids("5"), runs, 0, 512)).containsExactly(3);
        assertThat(Embedder.abacusIndices(ids("="), runs, 0, 512)).containsExactly(0);
        assertThat(Embedder.abacusIndices(ids("7"), runs, 0, 512)).containsExactly(1);
    }

    @Test
    void abacusIndexBeyondTheTableIsAClearError() {
        assertThatThrownBy(() -> Embedder.abacusIndices(ids("1234+5="), null, 60, 64))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("Abacus index 64")
                .hasMessageContaining("offset k=60")
                .hasMessageContaining("abacus.model.abacus.table-size");
    }

    @Test
    void abacusOffsetChangesDigitsOnly() {
        ModelSettings s = TestEngine.tiny("abacus", "standard", "random-initial-state=false");
        try (LanguageModel model = LanguageModel.create(s, V, root);
                NDManager m = root.newSubManager()) {
            NDArray noDigits = m.create(new int[] {14, 17, 15, 3, 0}, new Shape(1, 5)); // + = - EOS PAD
            NDArray digits = m.create(new int[] {5, 6, 14, 7, 17}, new Shape(1, 5)); // 12+3=
            NDArray a = model.forward(noDigits, ForwardPass.train(0, 1));
            NDArray b = model.forward(noDigits, ForwardPass.train(7, 1));
            assertThat(a.sub(b).abs().max().getFloat()).isZero();
            NDArray c = model.forward(digits, ForwardPass.train(0, 1));
            NDArray d = model.forward(digits, ForwardPass.train(7, 1));
            assertThat(c.sub(d).abs().max().getFloat()).isGreaterThan(1e-3f);
            // eval is k = 0: the same as a training pass with k = 0 when no noise is drawn
            NDArray e = model.forward(digits, ForwardPass.eval(1));
            assertThat(c.sub(e).abs().max().getFloat()).isZero();
        }
        assertThatThrownBy(() -> new ForwardPass(false, 3, 0, 1)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void initialNoiseIsDrawnInTrainingAndAtEvalOnlyWhenSwitchedOn() {
        for (boolean evalNoise : new boolean[] {false, true}) {
            ModelSettings s = TestEngine.tiny("abacus", "looped", "random-initial-state=true");
            EvalVariant variant = new EvalVariant(2, evalNoise);
            try (LanguageModel model = LanguageModel.create(s, V, root);
                    NDManager m = root.newSubManager()) {
                NDArray x = TestEngine.batch(m, new String[][] {{"12+34=", "46"}});
                float evalDiff = model.forward(x, ForwardPass.eval(variant))
                        .sub(model.forward(x, ForwardPass.eval(variant)))
                        .abs()
                        .max()
                        .getFloat();
                float trainDiff = model.forward(x, ForwardPass.train(0, 2))
                        .sub(model.forward(x, ForwardPass.train(0, 2)))
                        .abs()
                        .max()
                        .getFloat();
                assertThat(trainDiff).isGreaterThan(0f);
                if (evalNoise) {
                    assertThat(evalDiff).isGreaterThan(0f);
                } else {
                    assertThat(evalDiff).isZero();
                }
            }
        }
    }

    @Test
    void progressivePassCutsTheGradientOfTheFirstRecurrences() {
        ModelSettings s = TestEngine.tiny("abacus", "looped", "random-initial-state=false");
        try (LanguageModel model = LanguageModel.create(s, V, root)) {
            Map<String, Float> full = new HashMap<>();
            Map<String, Float> cut = new HashMap<>();
            float lossFull = lossAndGrads(model, ForwardPass.train(0, 2), full);
            float lossCut = lossAndGrads(model, ForwardPass.progressive(0, 1, 1), cut);
            assertThat(lossCut).isEqualTo(lossFull); // same values, the graph differs
            String qkv = "layer00_attention_qkv_weight";
            assertThat(full).containsKey(qkv);
            assertThat(cut.get(qkv)).isNotEqualTo(full.get(qkv));
            assertThat(cut.get(qkv)).isGreaterThan(0f);
        }
    }

    private static float lossAndGrads(LanguageModel model, ForwardPass pass, Map<String, Float> norms) {
        float loss;
        try (NDManager m = root.newSubManager()) {
            NDArray x = TestEngine.batch(m, new String[][] {{"12+34=", "46"}, {"9+9=", "81"}});
            try (GradientCollector gc = Engine.getInstance().newGradientCollector()) {
                NDArray l = TestEngine.loss(model.forward(x, pass), x);
                gc.backward(l);
                loss = l.getFloat();
            }
        }
        for (Pair<String, Parameter> p : model.parameters()) {
            if (p.getValue().requiresGradient()) {
                try (NDArray g = p.getValue().getArray().getGradient()) {
                    norms.put(p.getKey(), g.norm().getFloat());
                    g.subi(g); // zero for the next pass
                }
            }
        }
        return loss;
    }

    @Test
    void saveAndLoadRoundTrip() throws IOException {
        ModelSettings s = TestEngine.tiny("abacus-fire", "looped");
        TestEngine.seed(1);
        try (LanguageModel a = LanguageModel.create(s, V, root);
                NDManager m = root.newSubManager()) {
            TestEngine.seed(2);
            try (LanguageModel b = LanguageModel.create(s, V, root)) {
                NDArray x = TestEngine.batch(m, new String[][] {{"12+34=", "46"}});
                assertThat(a.forward(x, ForwardPass.eval(2))
                                .sub(b.forward(x, ForwardPass.eval(2)))
                                .abs()
                                .max()
                                .getFloat())
                        .isGreaterThan(0f);
                ByteArrayOutputStream out = new ByteArrayOutputStream();
                a.save(out);
                b.load(new ByteArrayInputStream(out.toByteArray()));
                assertThat(a.forward(x, ForwardPass.eval(2))
                                .sub(b.forward(x, ForwardPass.eval(2)))
                                .abs()
                                .max()
                                .getFloat())
                        .isZero();
                for (Pair<String, Parameter> p : b.parameters()) {
                    assertThat(p.getValue().getArray().hasGradient())
                            .isEqualTo(p.getValue().requiresGradient());
                }
                assertThat(b.parameters().get("layer00_attention_fire_l0").requiresGradient())
                        .isFalse();
                try (LanguageModel other = LanguageModel.create(TestEngine.tiny("nope", "looped"), V, root)) {
                    assertThatThrownBy(() -> other.load(new ByteArrayInputStream(out.toByteArray())))
                            .isInstanceOf(IOException.class);
                }
            }
        }
    }

    @Test
    void parametersHoldingNaNOrInfinityAreRefusedOnLoad() throws IOException {
        ModelSettings s = TestEngine.tiny("abacus-fire", "looped");
        for (float bad : new float[] {Float.NaN, Float.POSITIVE_INFINITY}) {
            try (LanguageModel a = LanguageModel.create(s, V, root);
                    LanguageModel b = LanguageModel.create(s, V, root)) {
                NDArray w = a.parameters().valueAt(a.parameters().size() - 1).getArray();
                w.set(new ai.djl.ndarray.index.NDIndex("0"), bad);
                ByteArrayOutputStream out = new ByteArrayOutputStream();
                a.save(out);
                assertThatThrownBy(() -> b.load(new ByteArrayInputStream(out.toByteArray())))
                        .isInstanceOf(IOException.class)
                        .hasMessageContaining(
                                a.parameters().keyAt(a.parameters().size() - 1))
                        .hasMessageContaining("NaN or infinite");
            }
        }
    }

    /** Training logits of {@code s} with parameters from seed 1 and the forward's draws from seed 2. */
    private float[] trainLogits(ModelSettings s) {
        TestEngine.seed(1);
        try (LanguageModel model = LanguageModel.create(s, V, root);
                NDManager m = root.newSubManager()) {
            NDArray x = TestEngine.batch(m, new String[][] {{"12+34=", "46"}});
            TestEngine.seed(2);
            return model.forward(x, ForwardPass.train(0, s.recurrence())).toFloatArray();
        }
    }

    @Test
    void randomizedFireDrawsPositionsInEveryLayerCallAsTheReferenceDoes() {
        String[] fixed = {"random-initial-state=false", "layers=1"};
        // One layer call: one draw either way, from the same generator state: the same logits.
        assertThat(trainLogits(TestEngine.tiny("randomized-fire", "standard", fixed)))
                .containsExactly(trainLogits(TestEngine.tiny(
                        "randomized-fire",
                        "standard",
                        "random-initial-state=false",
                        "layers=1",
                        "fire.randomized-draw=per-forward")));
        // Four layer calls (2 layers x 2 recurrences): four draws instead of one shared one.
        float[] perCall = trainLogits(TestEngine.tiny("randomized-fire", "looped", "random-initial-state=false"));
        float[] perForward = trainLogits(TestEngine.tiny(
                "randomized-fire", "looped", "random-initial-state=false", "fire.randomized-draw=per-forward"));
        assertThat(perCall).isNotEqualTo(perForward);
        // ... and each is a pure function of the seeds.
        assertThat(trainLogits(TestEngine.tiny("randomized-fire", "looped", "random-initial-state=false")))
                .containsExactly(perCall);
    }

    @Test
    void forwardLeavesNothingInParameterOrParentManagers() {
        ModelSettings s = TestEngine.tiny("abacus-rope", "input-injection");
        try (NDManager parent = root.newSubManager()) {
            LanguageModel model = LanguageModel.create(s, V, parent);
            int params = model.manager().getManagedArrays().size();
            int parentArrays = parent.getManagedArrays().size();
            for (int i = 0; i < 3; i++) {
                try (NDManager m = parent.newSubManager()) {
                    NDArray x = TestEngine.batch(m, new String[][] {{"12+34=", "46"}});
                    model.forward(x, ForwardPass.train(3, 1));
                    try (KvCache cache = model.newCache(1, EvalVariant.asTrained(s))) {
                        model.forward(x, cache);
                        model.forwardLast(m.create(new int[] {4}, new Shape(1, 1)), cache);
                    }
                }
            }
            assertThat(model.manager().getManagedArrays()).hasSize(params);
            assertThat(parent.getManagedArrays()).hasSize(parentArrays);
            model.close();
        }
    }

    @Test
    void decayRuleFollowsTheReference() {
        try (LanguageModel model = LanguageModel.create(TestEngine.tiny("abacus-fire", "standard"), V, root)) {
            Map<String, Boolean> decay = new HashMap<>();
            for (Pair<String, Parameter> p : model.parameters()) {
                decay.put(p.getKey(), LanguageModel.decays(p.getKey()));
            }
            assertThat(decay)
                    .containsEntry("embed_token_embedding", true)
                    .containsEntry("embed_abacus_embedding", true)
                    .containsEntry("embed_embedding_norm_weight", false)
                    .containsEntry("layer00_attention_norm_bias", false)
                    .containsEntry("layer00_attention_fire_mlp_in_bias", false)
                    .containsEntry("layer00_attention_fire_mlp_in_weight", true)
                    .containsEntry("head_final_norm_weight", false)
                    .containsEntry("head_decoder_weight", true);
        }
    }
}
