package lab.abacus.train;

import java.util.List;
import lab.abacus.data.SplitReader;
import lab.abacus.model.LanguageModel;
import lab.abacus.task.Vocabulary;

/**
 * Exact-match accuracy of a model on held-out rows (greedy decoding, answer digits then EOS at the right place,
 * abacus-reference §6.1). The trainer calls it between steps; the implementation is the decoder's.
 */
public interface HeldOutScorer {

    /** Fraction of {@code samples} answered exactly, decoding {@code batch} rows at a time in evaluation mode. */
    double exactMatch(LanguageModel model, Vocabulary vocab, List<SplitReader.Example> samples, int batch);
}
