package lab.abacus.train;

import lab.abacus.model.LanguageModel;

/**
 * What a run measures on held-out data between steps, on the same samples every time: accuracy in and out of
 * distribution, and, where the task is scored by ranking, the language-model loss of the same samples.
 */
interface HeldOutEvaluation {

    /**
     * One evaluation; a null is a measure this task does not have (or a set without samples).
     *
     * @param attentionEntropy per layer call, the mean over the structure sample of its summed row entropies
     * @param entropySamples   sentences that mean is over
     */
    record Scores(
            Double idAcc, Double oodAcc, Double idLoss, Double oodLoss, double[] attentionEntropy, int entropySamples) {

        Scores(Double idAcc, Double oodAcc, Double idLoss, Double oodLoss) {
            this(idAcc, oodAcc, idLoss, oodLoss, null, 0);
        }

        boolean any() {
            return idAcc != null || oodAcc != null || idLoss != null || oodLoss != null;
        }
    }

    Scores score(LanguageModel model, int batch);

    /** Nothing to measure (no scorer, no samples). */
    static HeldOutEvaluation none() {
        return (model, batch) -> new Scores(null, null, null, null);
    }
}
