package lab.abacus.treeprojection;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import java.util.Arrays;
import lab.abacus.model.LanguageModel;
import lab.abacus.model.ModelSettings;
import lab.abacus.model.TestEngine;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Span-restricted reading of a real (random) model: what a span cannot see cannot change it, and the chart. */
class SpanChartTest {

    static NDManager root;

    @BeforeAll
    static void start() {
        root = TestEngine.newManager(8);
    }

    @AfterAll
    static void stop() {
        root.close();
    }

    static ModelSettings murty() {
        return TestEngine.murty();
    }

    static float[] states(LanguageModel model, int[] sentence, boolean[] visible) {
        try (NDManager m = root.newSubManager()) {
            return model.hiddenStates(
                    m.create(sentence, new Shape(1, sentence.length)),
                    visible == null ? null : new boolean[][] {visible});
        }
    }

    @Test
    void wordsOutsideTheSpanDoNotReachItAtAnyLayer() {
        try (LanguageModel model = LanguageModel.create(murty(), 12, root)) {
            int[] a = {2, 4, 5, 6, 7, 8};
            int[] b = {2, 9, 5, 6, 7, 8}; // word 0 differs, before the span of words 2..3
            boolean[] span = SpanChart.spanVisible(6, 2, 3);
            int h = 32;
            float[] ma = states(model, a, span);
            float[] mb = states(model, b, span);
            float[] fa = states(model, a, null);
            float[] fb = states(model, b, null);
            for (int t = 3; t <= 4; t++) { // the span's tokens
                float[] spanA = Arrays.copyOfRange(ma, t * h, (t + 1) * h);
                float[] spanB = Arrays.copyOfRange(mb, t * h, (t + 1) * h);
                assertThat(spanA).containsExactly(spanB, within(1e-5f));
                // read in context, the changed word does reach them
                assertThat(Arrays.copyOfRange(fa, t * h, (t + 1) * h))
                        .isNotEqualTo(Arrays.copyOfRange(fb, t * h, (t + 1) * h));
            }
            boolean[] all = new boolean[6];
            Arrays.fill(all, true);
            assertThat(states(model, a, all)).containsExactly(fa, within(1e-6f));
        }
    }

    @Test
    void theWholeSentenceIsItsOwnContextAndTheChartIsCosines() {
        try (LanguageModel model = LanguageModel.create(murty(), 12, root)) {
            int[] sentence = {2, 4, 5, 6, 7};
            double[][] chart = SpanChart.of(model, sentence, 3);
            assertThat(chart[0][3]).isCloseTo(1.0, within(1e-5)); // every word visible: context-free = contextual
            for (int i = 0; i < 4; i++) {
                for (int j = i; j < 4; j++) {
                    assertThat(chart[i][j]).isBetween(-1.0 - 1e-9, 1.0 + 1e-9);
                }
            }
            // spans that start the sentence see the same prefix either way (the model is causal)
            assertThat(chart[0][0]).isCloseTo(1.0, within(1e-5));
            assertThat(chart[0][1]).isCloseTo(1.0, within(1e-5));
            assertThat(chart[2][3]).isLessThan(1.0 - 1e-6);
            // the batch size does not change the chart
            double[][] oneBatch = SpanChart.of(model, sentence, 10);
            for (int i = 0; i < 4; i++) {
                assertThat(oneBatch[i]).containsExactly(chart[i], within(1e-6));
            }
        }
    }
}
