package lab.abacus.treeprojection;

import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import java.util.ArrayList;
import java.util.List;
import lab.abacus.model.LanguageModel;

/**
 * A sentence's span chart (structural-grokking §3.3): for every span (i, j) of its n words, the cosine similarity of
 *
 * <ul>
 *   <li>the <em>contextual</em> vector: the sum of the last-layer states of words i..j when the whole sentence is
 *       read, and</li>
 *   <li>the <em>context-free</em> vector: the same sum when, at every layer, only BOS and the span's words are
 *       visible as keys.</li>
 * </ul>
 *
 * The n(n+1)/2 masked variants of a sentence go through the model {@code batch} at a time.
 */
public final class SpanChart {

    private SpanChart() {}

    /**
     * @param sentence BOS then the n words' ids (no EOS)
     * @return chart[i][j] for 0 ≤ i ≤ j &lt; n (0 below the diagonal)
     */
    public static double[][] of(LanguageModel model, int[] sentence, int batch) {
        int s = sentence.length;
        int n = s - 1;
        int h = model.settings().hidden();
        float[] full = states(model, List.of(sentence), List.of(allVisible(s)), s);
        List<int[]> spans = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            for (int j = i; j < n; j++) {
                spans.add(new int[] {i, j});
            }
        }
        double[][] chart = new double[n][n];
        for (int from = 0; from < spans.size(); from += batch) {
            List<int[]> chunk = spans.subList(from, Math.min(spans.size(), from + batch));
            List<int[]> rows = new ArrayList<>();
            List<boolean[]> masks = new ArrayList<>();
            for (int[] span : chunk) {
                rows.add(sentence);
                masks.add(spanVisible(s, span[0], span[1]));
            }
            float[] masked = states(model, rows, masks, s);
            for (int r = 0; r < chunk.size(); r++) {
                int i = chunk.get(r)[0];
                int j = chunk.get(r)[1];
                chart[i][j] = cosine(sum(full, 0, s, h, i, j), sum(masked, r, s, h, i, j));
            }
        }
        return chart;
    }

    private static float[] states(LanguageModel model, List<int[]> rows, List<boolean[]> visible, int s) {
        int[] flat = new int[rows.size() * s];
        for (int b = 0; b < rows.size(); b++) {
            System.arraycopy(rows.get(b), 0, flat, b * s, s);
        }
        try (NDManager m = model.manager().getParentManager().newSubManager()) {
            return model.hiddenStates(m.create(flat, new Shape(rows.size(), s)), visible.toArray(boolean[][]::new));
        }
    }

    private static boolean[] allVisible(int s) {
        boolean[] v = new boolean[s];
        java.util.Arrays.fill(v, true);
        return v;
    }

    /** BOS and the tokens of words i..j (token t is word t − 1). */
    static boolean[] spanVisible(int s, int i, int j) {
        boolean[] v = new boolean[s];
        v[0] = true;
        for (int t = i + 1; t <= j + 1; t++) {
            v[t] = true;
        }
        return v;
    }

    /** Σ of row {@code b}'s states at the tokens of words i..j ([B,S,H] row-major). */
    private static double[] sum(float[] states, int b, int s, int h, int i, int j) {
        double[] out = new double[h];
        for (int t = i + 1; t <= j + 1; t++) {
            int at = (b * s + t) * h;
            for (int d = 0; d < h; d++) {
                out[d] += states[at + d];
            }
        }
        return out;
    }

    static double cosine(double[] a, double[] b) {
        double dot = 0;
        double na = 0;
        double nb = 0;
        for (int d = 0; d < a.length; d++) {
            dot += a[d] * b[d];
            na += a[d] * a[d];
            nb += b[d] * b[d];
        }
        return na == 0 || nb == 0 ? 0 : dot / Math.sqrt(na * nb);
    }
}
