package lab.abacus.decode;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.SplittableRandom;
import lab.abacus.decode.RestrictedRanking.Probe;
import lab.abacus.decode.RestrictedRanking.Tally;
import lab.abacus.model.EvalVariant;
import lab.abacus.model.ForwardPass;
import lab.abacus.model.LanguageModel;
import lab.abacus.model.ModelSettings;
import lab.abacus.model.TestEngine;
import lab.abacus.task.Vocabulary;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Restricted ranking over batched, padded teacher-forced sequences against brute force: one forward per prefix,
 * the best candidate and the token's log-probability read from each prefix's last position alone.
 */
class RestrictedRankingTest {

    static final int V = 12;
    static final int[] CANDIDATES = {6, 7, 8, 9};
    static NDManager root;

    @BeforeAll
    static void start() {
        root = TestEngine.newManager(5);
    }

    @AfterAll
    static void stop() {
        root.close();
    }

    /** log-softmax of the logits after {@code prefix}, computed from that prefix alone. */
    static float[] logProbsAfter(LanguageModel model, int[] prefix) {
        try (NDManager m = root.newSubManager()) {
            NDArray tokens = m.create(prefix, new Shape(1, prefix.length));
            ForwardPass eval = ForwardPass.eval(EvalVariant.asTrained(model.settings()));
            return model.forwardLast(tokens, eval).logSoftmax(1).toFloatArray();
        }
    }

    static int best(float[] logProbs) {
        return Arrays.stream(CANDIDATES)
                .boxed()
                .max((a, b) -> Float.compare(logProbs[a], logProbs[b]))
                .orElseThrow();
    }

    @Test
    void batchedRankingAndLossEqualOneForwardPerPrefix() {
        ModelSettings s = TestEngine.tiny("learned", "standard", "random-initial-state=false");
        try (LanguageModel model = LanguageModel.create(s, V, root)) {
            SplittableRandom rng = new SplittableRandom(3);
            List<Probe> probes = new ArrayList<>();
            long expectedCorrect = 0;
            long scored = 0;
            double lossSum = 0;
            long lossTokens = 0;
            for (int p = 0; p < 5; p++) {
                int[] tokens = new int[5 + rng.nextInt(6)]; // lengths differ: batches are padded
                tokens[0] = Vocabulary.BOS;
                for (int t = 1; t < tokens.length; t++) {
                    tokens[t] = 4 + rng.nextInt(V - 4);
                }
                int[] positions = {0, tokens.length / 2, tokens.length - 2};
                int[] answers = new int[positions.length];
                for (int i = 0; i < positions.length; i++) {
                    int top = best(logProbsAfter(model, Arrays.copyOf(tokens, positions[i] + 1)));
                    // the model's own choice where i is even, another candidate where i is odd
                    answers[i] = i % 2 == 0 ? top : CANDIDATES[(indexOf(top) + 1) % CANDIDATES.length];
                    expectedCorrect += i % 2 == 0 ? 1 : 0;
                    scored++;
                }
                for (int t = 0; t + 1 < tokens.length; t++) {
                    lossSum -= logProbsAfter(model, Arrays.copyOf(tokens, t + 1))[tokens[t + 1]];
                    lossTokens++;
                }
                probes.add(new Probe(tokens, positions, answers));
            }
            Tally tally = RestrictedRanking.score(model, probes, CANDIDATES, 2);
            assertThat(tally.scored()).isEqualTo(scored);
            assertThat(tally.correct()).isEqualTo(expectedCorrect);
            assertThat(tally.lossTokens()).isEqualTo(lossTokens);
            assertThat(tally.loss()).isCloseTo(lossSum / lossTokens, within(1e-4));
            assertThat(tally.accuracy()).isCloseTo((double) expectedCorrect / scored, within(1e-12));
        }
    }

    @Test
    void nothingScoredIsNotANumber() {
        Tally none = new Tally(0, 0, 0, 0);
        assertThat(none.accuracy()).isNaN();
        assertThat(none.loss()).isNaN();
    }

    private static int indexOf(int candidate) {
        for (int i = 0; i < CANDIDATES.length; i++) {
            if (CANDIDATES[i] == candidate) {
                return i;
            }
        }
        throw new IllegalArgumentException("not a candidate: " + candidate);
    }
}
