package lab.abacus.model;

import java.util.List;

/**
 * Attention entropy as Murty et al. measure it (structural-grokking §3.2): per layer, the head-averaged attention of
 * every query position i is a distribution over positions ≤ i; its Shannon entropy (natural log) summed over the
 * sentence's positions, then averaged over sentences. The model-level value is the mean over layers (the code's
 * per-sentence sum divided by the number of layers); the paper plots its negative as "sparsity".
 */
public final class AttentionEntropy {

    private AttentionEntropy() {}

    /**
     * Sum over a batch's sentences of each layer's summed row entropies.
     *
     * @param layers  per layer, [B,S,S] probabilities row-major ({@link LanguageModel#attention})
     * @param lengths the tokens of each sentence (positions from its length on are padding and not counted)
     * @return per layer, the sum over the batch's sentences
     */
    public static double[] sumOverSentences(List<float[]> layers, int[] lengths, int width) {
        double[] out = new double[layers.size()];
        for (int l = 0; l < layers.size(); l++) {
            float[] p = layers.get(l);
            for (int b = 0; b < lengths.length; b++) {
                for (int i = 0; i < lengths[b]; i++) {
                    out[l] += rowEntropy(p, (b * width + i) * width, i + 1);
                }
            }
        }
        return out;
    }

    /** −Σ p log p over the first {@code n} entries of the row starting at {@code at} (0 log 0 = 0). */
    static double rowEntropy(float[] p, int at, int n) {
        double h = 0;
        for (int j = 0; j < n; j++) {
            double x = p[at + j];
            if (x > 0) {
                h -= x * Math.log(x);
            }
        }
        return h;
    }
}
