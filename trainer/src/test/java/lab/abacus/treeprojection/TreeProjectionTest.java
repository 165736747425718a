package lab.abacus.treeprojection;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/** The greedy projected tree and its score on charts worked by hand, and its invariants on random charts. */
class TreeProjectionTest {

    @Test
    void aWorkedThreeWordChart() {
        double[][] chart = new double[3][3];
        chart[0][0] = chart[1][1] = chart[2][2] = 1;
        chart[0][1] = 0.9;
        chart[1][2] = 0.2;
        // span 0..2: after word 0 gives 1 + 0.2 = 1.2, after word 1 gives 0.9 + 1 = 1.9: the best split is k = 1
        for (long seed = 0; seed < 20; seed++) {
            TreeProjection.Result r = TreeProjection.project(chart, new SplittableRandom(seed));
            assertThat(r.nodes()).containsExactly(new int[] {0, 1, 2}, new int[] {0, 0, 1});
            // the random split of 0..2 is the first draw; 0..1 has only one split (gain 0)
            int random = new SplittableRandom(seed).nextInt(2);
            assertThat(r.score()).isCloseTo(random == 1 ? 0.0 : 0.7, within(1e-12));
        }
    }

    @Test
    void oneAndTwoWordSentencesGainNothing() {
        assertThat(TreeProjection.project(new double[][] {{1}}, new SplittableRandom(1))
                        .score())
                .isZero();
        TreeProjection.Result two = TreeProjection.project(new double[][] {{1, 0.5}, {0, 1}}, new SplittableRandom(1));
        assertThat(two.score()).isZero();
        assertThat(two.nodes()).containsExactly(new int[] {0, 0, 1});
    }

    @Test
    void everyNodeTakesTheBestSplitAndTheTreeIsBinary() {
        SplittableRandom values = new SplittableRandom(5);
        for (int trial = 0; trial < 50; trial++) {
            int n = 2 + values.nextInt(9);
            double[][] chart = new double[n][n];
            for (int i = 0; i < n; i++) {
                for (int j = i; j < n; j++) {
                    chart[i][j] = values.nextDouble() * 2 - 1;
                }
            }
            TreeProjection.Result r = TreeProjection.project(chart, new SplittableRandom(trial));
            assertThat(r.nodes()).hasSize(n - 1); // a binary tree over n leaves
            for (int[] node : r.nodes()) {
                for (int k = node[0]; k < node[2]; k++) {
                    assertThat(TreeProjection.value(chart, node[0], k, node[2]))
                            .isLessThanOrEqualTo(TreeProjection.value(chart, node[0], node[1], node[2]));
                }
            }
            assertThat(r.score()).isGreaterThanOrEqualTo(0.0); // best minus some split, summed
        }
    }
}
