package lab.abacus.treeprojection;

import java.util.List;
import java.util.SplittableRandom;
import lab.abacus.model.LanguageModel;

/**
 * t_score of one model over sentences (structural-grokking §3.3): the mean over sentences of the projected tree's
 * score. Kept as a sum with its counts, so that the parts of a sample scored apart add up.
 *
 * @param sum       Σ of the sentences' scores
 * @param sentences how many sentences
 * @param spans     how many spans were read (n(n+1)/2 per sentence of n words): the work done
 */
public record TScore(double sum, int sentences, long spans) implements java.io.Serializable {

    public static final TScore NONE = new TScore(0, 0, 0);

    /**
     * Score {@code sentences} (each BOS + words), the masked variants {@code batch} at a time. Sentence {@code i}'s
     * random splits come from (seed, i) alone, so a sample split into parts scores the same.
     *
     * @param firstIndex the index of {@code sentences.get(0)} in the whole sample
     */
    public static TScore of(LanguageModel model, List<int[]> sentences, int firstIndex, int batch, long seed) {
        TScore total = NONE;
        for (int s = 0; s < sentences.size(); s++) {
            int[] sentence = sentences.get(s);
            int n = sentence.length - 1;
            SplittableRandom rng = new SplittableRandom(seed + 0x9E3779B97F4A7C15L * (firstIndex + s + 1));
            double score = TreeProjection.project(SpanChart.of(model, sentence, batch), rng)
                    .score();
            total = total.plus(new TScore(score, 1, (long) n * (n + 1) / 2));
        }
        return total;
    }

    public TScore plus(TScore o) {
        return new TScore(sum + o.sum, sentences + o.sentences, spans + o.spans);
    }

    /** The mean over sentences; NaN for none. */
    public double mean() {
        return sentences == 0 ? Double.NaN : sum / sentences;
    }
}
