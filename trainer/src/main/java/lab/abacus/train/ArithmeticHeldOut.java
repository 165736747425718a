package lab.abacus.train;

import lab.abacus.data.HeldOutSamples;
import lab.abacus.model.LanguageModel;
import lab.abacus.task.Vocabulary;

/** Held-out exact match of an arithmetic run: greedy decoding of its in- and out-of-distribution samples. */
record ArithmeticHeldOut(HeldOutScorer scorer, Vocabulary vocab, HeldOutSamples samples) implements HeldOutEvaluation {

    @Override
    public Scores score(LanguageModel model, int batch) {
        Double id = samples.inDistribution().isEmpty()
                ? null
                : scorer.exactMatch(model, vocab, samples.inDistribution(), batch);
        Double ood = samples.outOfDistribution().isEmpty()
                ? null
                : scorer.exactMatch(model, vocab, samples.outOfDistribution(), batch);
        return new Scores(id, ood, null, null);
    }
}
