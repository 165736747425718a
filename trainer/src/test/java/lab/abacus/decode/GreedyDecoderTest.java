package lab.abacus.decode;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import ai.djl.ndarray.NDManager;
import java.util.Arrays;
import lab.abacus.model.LanguageModel;
import lab.abacus.model.ModelSettings;
import lab.abacus.model.TestEngine;
import lab.abacus.task.Vocabulary;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** KV-cache decoding gives exactly the reference's recompute outputs; stopping and exact match end to end. */
class GreedyDecoderTest {

    private static final Vocabulary VOCAB = Vocabulary.PAD_TOKENIZER;
    private static NDManager root;

    @BeforeAll
    static void start() {
        root = TestEngine.newManager(9);
    }

    @AfterAll
    static void stop() {
        root.close();
    }

    private static int[][] prompts(String... texts) {
        return Arrays.stream(texts).map(VOCAB::encode).toArray(int[][]::new);
    }

    @ParameterizedTest(name = "{0} {1}")
    @CsvSource({
        "abacus, standard",
        "abacus, looped",
        "nope, input-injection",
        "learned, standard",
        "fire, looped",
        "randomized-fire, standard",
        "rope, input-injection",
        "abacus-fire, looped",
        "abacus-rope, standard"
    })
    void kvCacheEqualsRecompute(String embedding, String architecture) {
        // random initial state on in training, eval noise off (the default): decoding is deterministic
        ModelSettings s = TestEngine.tiny(embedding, architecture, "random-initial-state=true");
        try (LanguageModel model = LanguageModel.create(s, VOCAB.size(), root)) {
            GreedyDecoder decoder = new GreedyDecoder(model);
            int[][] p = prompts("4321+98765=", "1111+22222=", "9999+99999=");
            int[][] kv = decoder.decode(p, 12, GreedyDecoder.Method.KV_CACHE, false);
            int[][] re = decoder.decode(p, 12, GreedyDecoder.Method.RECOMPUTE, false);
            assertThat(kv).isDeepEqualTo(re);
            assertThat(kv[0]).hasSize(12);
        }
    }

    @Test
    void kvCacheEqualsRecomputeForMurtysModel() {
        // sinusoidal positions continue from the cache; dropout is off at evaluation
        try (LanguageModel model = LanguageModel.create(TestEngine.murty("dropout=0.1"), VOCAB.size(), root)) {
            GreedyDecoder decoder = new GreedyDecoder(model);
            int[][] p = prompts("4321+98765=", "1111+22222=");
            assertThat(decoder.decode(p, 10, GreedyDecoder.Method.KV_CACHE, false))
                    .isDeepEqualTo(decoder.decode(p, 10, GreedyDecoder.Method.RECOMPUTE, false));
        }
    }

    @Test
    void trainedModelAnswersItsTrainingProblemsAndStopsAtEos() {
        String[][] examples = {
            {"21+43=", "64"},
            {"5+7=", "21"},
            {"99+1=", "001"},
            {"32+4=", "72"},
            {"8+8=", "61"},
            {"31+31=", "62"},
            {"7+22=", "92"},
            {"55+5=", "06"}
        };
        ModelSettings s = TestEngine.tiny("abacus", "standard");
        TestEngine.seed(21);
        try (LanguageModel model = LanguageModel.create(s, VOCAB.size(), root)) {
            float[] losses = TestEngine.train(model, examples, 150, 3e-3f, 21);
            assertThat(losses[losses.length - 1]).isLessThan(0.1f);
            GreedyDecoder decoder = new GreedyDecoder(model);
            int correct = 0;
            for (String[] ex : examples) {
                int[][] p = prompts(ex[0]);
                int[][] kv = decoder.decode(p, 8);
                int[][] re = decoder.decode(p, 8, GreedyDecoder.Method.RECOMPUTE, true);
                int[][] full = decoder.decode(p, 8, GreedyDecoder.Method.KV_CACHE, false);
                assertThat(kv).isDeepEqualTo(re);
                // stopping at EOS only truncates: the kept tokens end at the first EOS of the full run
                int eos = indexOf(full[0], Vocabulary.EOS);
                assertThat(kv[0]).containsExactly(eos < 0 ? full[0] : Arrays.copyOf(full[0], eos + 1));
                if (ExactMatch.correct(kv[0], VOCAB.encode(ex[1]))) {
                    correct++;
                }
            }
            assertThat(correct).isEqualTo(examples.length);
        }
    }

    @Test
    void unequalPromptLengthsAreRejected() {
        try (LanguageModel model = LanguageModel.create(TestEngine.tiny("abacus", "standard"), VOCAB.size(), root)) {
            assertThatThrownBy(() -> new GreedyDecoder(model).decode(prompts("1+2=", "11+2="), 3))
                    .isInstanceOf(IllegalArgumentException.class)
                    .hasMessageContaining("PromptBatches");
        }
    }

    private static int indexOf(int[] a, int v) {
        for (int i = 0; i < a.length; i++) {
            if (a[i] == v) {
                return i;
            }
        }
        return -1;
    }
}
