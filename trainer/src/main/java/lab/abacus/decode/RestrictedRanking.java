package lab.abacus.decode;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import java.util.List;
import lab.abacus.model.EvalVariant;
import lab.abacus.model.ForwardPass;
import lab.abacus.model.LanguageModel;

/**
 * Next-token accuracy restricted to a set of candidate tokens, over teacher-forced sequences (structural-grokking
 * §2.4): at each scored position the model's highest logit among the candidates (the closing brackets; the four
 * auxiliaries) must be the answer. One evaluation-mode forward per batch of sequences serves every position of
 * them, since a causal model's logits at position t see only the prefix through t. The same forward gives the
 * language-model loss of the sequences (mean cross-entropy of every token after BOS, EOS included).
 */
public final class RestrictedRanking {

    /**
     * One sequence (BOS first) and what is scored in it.
     *
     * @param positions the indexes whose logits are ranked (position t predicts token t + 1)
     * @param answers   the right candidate at each of them
     */
    public record Probe(int[] tokens, int[] positions, int[] answers) {}

    /** Ranking counts and the loss summed over tokens. */
    public record Tally(long correct, long scored, double lossSum, long lossTokens) {

        /** Fraction ranked right; NaN when nothing was scored. */
        public double accuracy() {
            return scored == 0 ? Double.NaN : (double) correct / scored;
        }

        /** Mean token cross-entropy (nats); NaN when there were no tokens. */
        public double loss() {
            return lossTokens == 0 ? Double.NaN : lossSum / lossTokens;
        }
    }

    private RestrictedRanking() {}

    /** Rank every probe's positions among {@code candidates}, {@code batch} sequences per forward pass. */
    public static Tally score(LanguageModel model, List<Probe> probes, int[] candidates, int batch) {
        long correct = 0;
        long scored = 0;
        double lossSum = 0;
        long lossTokens = 0;
        NDManager parent = model.manager().getParentManager();
        ForwardPass eval = ForwardPass.eval(EvalVariant.asTrained(model.settings()));
        for (int from = 0; from < probes.size(); from += batch) {
            List<Probe> chunk = probes.subList(from, Math.min(probes.size(), from + batch));
            int width = chunk.stream().mapToInt(p -> p.tokens().length).max().orElse(1);
            int vocab = model.vocabSize();
            float[] logits;
            try (NDManager step = parent.newSubManager()) {
                NDArray out = model.forward(tokens(step, chunk, width), eval); // [B,S,V]
                logits = out.logSoftmax(2).toFloatArray();
            }
            for (int b = 0; b < chunk.size(); b++) {
                Probe p = chunk.get(b);
                int row = b * width * vocab;
                for (int i = 0; i < p.positions().length; i++) {
                    int at = row + p.positions()[i] * vocab;
                    correct += best(logits, at, candidates) == p.answers()[i] ? 1 : 0;
                    scored++;
                }
                for (int t = 0; t + 1 < p.tokens().length; t++) {
                    lossSum -= logits[row + t * vocab + p.tokens()[t + 1]];
                    lossTokens++;
                }
            }
        }
        return new Tally(correct, scored, lossSum, lossTokens);
    }

    /** The candidate with the highest log-probability at {@code at} (the first of equals). */
    private static int best(float[] logProbs, int at, int[] candidates) {
        int best = candidates[0];
        for (int c : candidates) {
            if (logProbs[at + c] > logProbs[at + best]) {
                best = c;
            }
        }
        return best;
    }

    /** [B, width] int32, each sequence right-padded with PAD. */
    private static NDArray tokens(NDManager m, List<Probe> chunk, int width) {
        int[] flat = new int[chunk.size() * width]; // zeros: PAD is id 0
        for (int b = 0; b < chunk.size(); b++) {
            int[] t = chunk.get(b).tokens();
            System.arraycopy(t, 0, flat, b * width, t.length);
        }
        return m.create(flat, new Shape(chunk.size(), width));
    }
}
