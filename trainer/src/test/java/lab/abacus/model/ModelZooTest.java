package lab.abacus.model;

import static org.assertj.core.api.Assertions.assertThat;

import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.index.NDIndex;
import ai.djl.nn.Parameter;
import ai.djl.training.GradientCollector;
import ai.djl.training.optimizer.Optimizer;
import ai.djl.training.tracker.Tracker;
import ai.djl.util.Pair;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.stream.Stream;
import lab.abacus.task.Vocabulary;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** Every positional scheme × architecture: forward shapes, falling training loss, KV cache = full forward. */
class ModelZooTest {

    static final String[] EMBEDDINGS = {
        "learned", "nope", "abacus", "fire", "randomized-fire", "rope", "abacus-fire", "abacus-rope"
    };
    static final String[] ARCHITECTURES = {"standard", "input-injection", "looped"};

    private static NDManager root;

    @BeforeAll
    static void start() {
        root = TestEngine.newManager(1);
    }

    @AfterAll
    static void stop() {
        root.close();
    }

    static Stream<Arguments> zoo() {
        List<Arguments> all = new ArrayList<>();
        for (String e : EMBEDDINGS) {
            for (String a : ARCHITECTURES) {
                all.add(Arguments.of(e, a));
            }
        }
        return all.stream();
    }

    static final String[][] EXAMPLES = {
        {"21+43=", "64"}, {"5+7=", "21"}, {"99+1=", "001"}, {"123+4=", "523"},
        {"8+8=", "61"}, {"31+31=", "62"}, {"7+22=", "92"}, {"505+5=", "015"}
    };

    @ParameterizedTest(name = "{0} {1}")
    @MethodSource("zoo")
    void trainsWithFallingLoss(String embedding, String architecture) {
        TestEngine.seed(7);
        ModelSettings s = TestEngine.tiny(embedding, architecture);
        try (LanguageModel model = LanguageModel.create(s, Vocabulary.PAD_TOKENIZER.size(), root)) {
            Optimizer adam = Optimizer.adam()
                    .optLearningRateTracker(Tracker.fixed(3e-3f))
                    .build();
            Random rng = new Random(11);
            int paramArrays = model.manager().getManagedArrays().size();
            float first = 0;
            float last = 0;
            int steps = 30;
            for (int step = 0; step < steps; step++) {
                TestEngine.seed(100 + step);
                ForwardPass pass = ForwardPass.drawProgressive(
                        rng,
                        ForwardPass.drawAbacusOffset(rng, s.abacusMaxK()),
                        s.recurrence(),
                        s.maxBackpropOrDefault());
                float loss;
                try (NDManager m = root.newSubManager()) {
                    NDArray tokens = TestEngine.batch(m, EXAMPLES);
                    try (GradientCollector gc = Engine.getInstance().newGradientCollector()) {
                        NDArray logits = model.forward(tokens, pass);
                        assertThat(logits.getShape().getShape())
                                .containsExactly(8, tokens.getShape().get(1), Vocabulary.PAD_TOKENIZER.size());
                        NDArray l = TestEngine.loss(logits, tokens);
                        gc.backward(l);
                        loss = l.getFloat();
                    }
                }
                assertThat(loss).isFinite();
                for (Pair<String, Parameter> p : model.parameters()) {
                    if (p.getValue().requiresGradient()) {
                        NDArray w = p.getValue().getArray();
                        try (NDArray g = w.getGradient()) {
                            adam.update(p.getValue().getId(), w, g);
                        }
                    }
                }
                if (step == 0) {
                    first = loss;
                }
                last = loss;
            }
            assertThat(last).as("loss after %d steps (first %s)", steps, first).isLessThan(first * 0.6f);
            // a forward never leaves arrays in the parameter manager (optimizer state aside: Adam keeps 2 per param)
            assertThat(model.manager().getManagedArrays().size()).isLessThanOrEqualTo(paramArrays * 3);
        }
    }

    @ParameterizedTest(name = "{0} {1}")
    @MethodSource("zoo")
    void kvCacheForwardEqualsFullForward(String embedding, String architecture) {
        TestEngine.seed(3);
        ModelSettings s = TestEngine.tiny(embedding, architecture);
        try (LanguageModel model = LanguageModel.create(s, Vocabulary.PAD_TOKENIZER.size(), root);
                NDManager m = root.newSubManager()) {
            NDArray tokens = TestEngine.batch(m, new String[][] {{"321+7654=", "0964"}, {"999+9999=", "8990"}});
            long len = tokens.getShape().get(1);
            NDArray full = model.forward(tokens, ForwardPass.eval(EvalVariant.asTrained(s))); // [B,S,V]
            int prompt = 9;
            try (KvCache cache = model.newCache(2, EvalVariant.asTrained(s))) {
                NDArray head = model.forward(tokens.get(new NDIndex(":, :" + prompt)), cache);
                assertThat(head.getShape().getShape()).containsExactly(2, prompt, Vocabulary.PAD_TOKENIZER.size());
                assertClose(head, full.get(new NDIndex(":, :" + prompt + ", :")));
                for (int t = prompt; t < len; t++) {
                    NDArray next = model.forwardLast(tokens.get(new NDIndex(":, " + t + ":" + (t + 1))), cache);
                    assertClose(next, full.get(new NDIndex(":, " + t + ", :")));
                }
                assertThat(cache.length()).isEqualTo(len);
            }
            assertClose(
                    model.forwardLast(tokens, ForwardPass.eval(EvalVariant.asTrained(s))),
                    full.get(new NDIndex(":, -1, :")));
        }
    }

    static void assertClose(NDArray actual, NDArray expected) {
        assertThat(actual.getShape()).isEqualTo(expected.getShape());
        float diff = actual.sub(expected).abs().max().getFloat();
        assertThat(diff).isLessThan(1e-4f);
    }
}
