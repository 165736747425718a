package lab.abacus.treeprojection;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;

/**
 * The projected tree of a span chart and its score (structural-grokking §3.3, the released minimal
 * implementation): for span (i, j) choose the split k that maximises chart[i][k] + chart[k+1][j] and recurse; at
 * each internal node the score gains (best split's value − the value of one uniformly random split of that node), a
 * one-sample stand-in for the expectation over random trees. Nodes are visited parent first, left before right,
 * which fixes how the random draws are used.
 */
public final class TreeProjection {

    /**
     * @param score the sentence's score: Σ over internal nodes of best − random split value
     * @param nodes the internal nodes as {i, k, j} (span i..j split after k), parent first
     */
    public record Result(double score, List<int[]> nodes) {}

    private TreeProjection() {}

    /** Project the chart of an n-word sentence ({@code chart[i][j]} for i ≤ j < n). */
    public static Result project(double[][] chart, SplittableRandom rng) {
        List<int[]> nodes = new ArrayList<>();
        double score = split(chart, 0, chart.length - 1, rng, nodes);
        return new Result(score, nodes);
    }

    private static double split(double[][] chart, int i, int j, SplittableRandom rng, List<int[]> nodes) {
        if (i >= j) {
            return 0;
        }
        int best = i;
        for (int k = i; k < j; k++) {
            if (value(chart, i, k, j) > value(chart, i, best, j)) {
                best = k;
            }
        }
        int random = i + rng.nextInt(j - i);
        nodes.add(new int[] {i, best, j});
        double gain = value(chart, i, best, j) - value(chart, i, random, j);
        return gain + split(chart, i, best, rng, nodes) + split(chart, best + 1, j, rng, nodes);
    }

    /** The value of splitting span i..j after k. */
    static double value(double[][] chart, int i, int k, int j) {
        return chart[i][k] + chart[k + 1][j];
    }
}
