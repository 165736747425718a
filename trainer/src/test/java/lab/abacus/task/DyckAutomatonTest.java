package lab.abacus.task;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayDeque;
import java.util.Deque;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/**
 * The generator against the automaton's definition (structural-grokking §1.1): every string is a well-nested word
 * of k types no deeper than d and no shorter than the minimum; the open types are uniform; and the length
 * distribution equals the one computed exactly from the transition probabilities by dynamic programming.
 */
class DyckAutomatonTest {

    /** Independent check of one string, from its words: balanced, types matched, depth bound. Returns max depth. */
    static int checkWellNested(String text, int types, int maxDepth) {
        Deque<Character> stack = new ArrayDeque<>();
        int deepest = 0;
        for (String w : text.split(" ", -1)) {
            if (w.startsWith("(")) {
                char type = w.charAt(1);
                assertThat(type).isBetween('a', (char) ('a' + types - 1));
                stack.push(type);
                deepest = Math.max(deepest, stack.size());
            } else {
                assertThat(w).endsWith(")");
                assertThat(stack).as("a close with nothing open in %s", text).isNotEmpty();
                assertThat(w.charAt(0)).as("close matches the top in %s", text).isEqualTo(stack.pop());
            }
        }
        assertThat(stack).as("balanced: %s", text).isEmpty();
        assertThat(deepest).isLessThanOrEqualTo(maxDepth);
        return deepest;
    }

    @Test
    void everyStringIsWellNestedBoundedAndLongEnough() {
        DyckAutomaton automaton = new DyckAutomaton(20, 10, 6);
        SplittableRandom rng = new SplittableRandom(1);
        int reachedMaxDepth = 0;
        for (int i = 0; i < 20_000; i++) {
            int[] s = automaton.draw(rng);
            String text = DyckString.text(s, 20);
            assertThat(s.length).isGreaterThanOrEqualTo(6);
            int depth = checkWellNested(text, 20, 10);
            assertThat(DyckString.maxDepth(s, 20)).isEqualTo(depth);
            reachedMaxDepth += depth == 10 ? 1 : 0;
        }
        assertThat(reachedMaxDepth)
                .as("the bound is reached, so it is what stops deeper strings")
                .isPositive();
    }

    @Test
    void openBracketTypesAreUniform() {
        int k = 20;
        DyckAutomaton automaton = new DyckAutomaton(k, 10, 6);
        SplittableRandom rng = new SplittableRandom(2);
        long[] opens = new long[k];
        long total = 0;
        for (int i = 0; i < 20_000; i++) {
            for (int s : automaton.draw(rng)) {
                if (s < k) {
                    opens[s]++;
                    total++;
                }
            }
        }
        double expected = (double) total / k;
        double chiSquare = 0;
        for (long o : opens) {
            chiSquare += (o - expected) * (o - expected) / expected;
        }
        // 19 degrees of freedom: P(chi2 > 43.8) = 0.001
        assertThat(chiSquare).isLessThan(43.8);
    }

    @Test
    void lengthDistributionIsTheAutomatonsExactly() {
        for (int[] shape : new int[][] {{10, 6}, {2, 2}}) {
            int maxDepth = shape[0];
            int minLength = shape[1];
            int samples = 200_000;
            long[] counts = new long[64];
            DyckAutomaton automaton = new DyckAutomaton(3, maxDepth, minLength);
            SplittableRandom rng = new SplittableRandom(3);
            for (int i = 0; i < samples; i++) {
                int n = automaton.draw(rng).length;
                if (n < counts.length) {
                    counts[n]++;
                }
            }
            double[] exact = exactLengthDistribution(maxDepth, minLength, counts.length);
            for (int n = 0; n < 20; n++) {
                double p = exact[n];
                double sigma = Math.sqrt(p * (1 - p) / samples);
                assertThat((double) counts[n] / samples)
                        .as("P(length = %d) for d = %d, min %d", n, maxDepth, minLength)
                        .isCloseTo(p, org.assertj.core.data.Offset.offset(5 * sigma + 1e-9));
            }
        }
    }

    /** P(length = n) from the transition probabilities, over states (tokens so far, depth). */
    static double[] exactLengthDistribution(int maxDepth, int minLength, int upTo) {
        double[] out = new double[upTo];
        double[] depth = new double[maxDepth + 1];
        depth[0] = 1;
        for (int n = 0; n < upTo; n++) {
            double[] next = new double[maxDepth + 1];
            double stop = n >= minLength ? 0.5 : 0;
            out[n] = depth[0] * stop;
            next[1] += depth[0] * (1 - stop);
            for (int d = 1; d <= maxDepth; d++) {
                double close = d == maxDepth ? 1 : 0.5;
                next[d - 1] += depth[d] * close;
                if (d < maxDepth) {
                    next[d + 1] += depth[d] * (1 - close);
                }
            }
            depth = next;
        }
        return out;
    }

    @Test
    void theSameSeedDrawsTheSameStrings() {
        SplittableRandom a = new SplittableRandom(9);
        SplittableRandom b = new SplittableRandom(9);
        DyckAutomaton x = new DyckAutomaton(20, 10, 6);
        DyckAutomaton y = new DyckAutomaton(20, 10, 6);
        for (int i = 0; i < 100; i++) {
            assertThat(x.draw(a)).isEqualTo(y.draw(b));
        }
    }

    @Test
    void aLanguageThatCannotExistIsRefused() {
        assertThatThrownBy(() -> new DyckAutomaton(27, 10, 6)).hasMessageContaining("Dyck-(27, 10)");
        assertThatThrownBy(() -> new DyckAutomaton(2, 0, 6)).hasMessageContaining("Dyck-(2, 0)");
    }
}
