package lab.abacus.treeprojection;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import ai.djl.ndarray.NDManager;
import java.util.List;
import lab.abacus.model.LanguageModel;
import lab.abacus.model.TestEngine;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** A sample scored in parts adds up to the sample scored whole; the work is n(n+1)/2 spans per sentence. */
class TScoreTest {

    static NDManager root;

    @BeforeAll
    static void start() {
        root = TestEngine.newManager(9);
    }

    @AfterAll
    static void stop() {
        root.close();
    }

    @Test
    void partsAddUpToTheWhole() {
        try (LanguageModel model = LanguageModel.create(SpanChartTest.murty(), 12, root)) {
            List<int[]> sample =
                    List.of(new int[] {2, 4, 5, 6, 7}, new int[] {2, 8, 9, 10}, new int[] {2, 5, 5, 6, 11, 4});
            TScore whole = TScore.of(model, sample, 0, 7, 42);
            TScore parts = TScore.of(model, sample.subList(0, 1), 0, 7, 42)
                    .plus(TScore.of(model, sample.subList(1, 3), 1, 7, 42));
            assertThat(whole.sentences()).isEqualTo(3);
            assertThat(whole.spans()).isEqualTo(10 + 6 + 15);
            assertThat(parts.sentences()).isEqualTo(3);
            assertThat(parts.sum()).isCloseTo(whole.sum(), within(1e-9));
            assertThat(whole.mean()).isCloseTo(whole.sum() / 3, within(1e-12));
            assertThat(TScore.NONE.mean()).isNaN();
        }
    }
}
