package lab.abacus.train;

import java.util.ArrayList;
import java.util.List;
import lab.abacus.data.SplitReader;
import lab.abacus.decode.ExactMatch;
import lab.abacus.decode.GreedyDecoder;
import lab.abacus.decode.PromptBatches;
import lab.abacus.model.LanguageModel;
import lab.abacus.task.TaskKind;
import lab.abacus.task.Vocabulary;

/**
 * Held-out exact match with the KV-cache greedy decoder (evaluation mode, Abacus offset 0): prompts grouped by
 * length, each decoded until EOS or answer length + 1 tokens. Addition-like tasks need the answer then EOS
 * (abacus-reference §6.1); the sort vocabulary uses sorting's rule (answer prefix, EOS not checked, §6.3).
 */
public final class ExactMatchScorer implements HeldOutScorer {

    @Override
    public double exactMatch(LanguageModel model, Vocabulary vocab, List<SplitReader.Example> samples, int batch) {
        if (samples.isEmpty()) {
            return Double.NaN;
        }
        List<int[]> prompts = new ArrayList<>(samples.size());
        List<int[]> answers = new ArrayList<>(samples.size());
        for (SplitReader.Example ex : samples) {
            prompts.add(vocab.encode(ex.prompt()));
            answers.add(vocab.encode(ex.answer()));
        }
        // The sort vocabulary is sorting's alone: the task's rule follows from it.
        TaskKind task = vocab == Vocabulary.SORT_TOKENIZER ? TaskKind.SORTING : TaskKind.ADDITION;
        GreedyDecoder decoder = new GreedyDecoder(model);
        int correct = 0;
        for (int[] group : PromptBatches.byLength(prompts, batch)) {
            int[][] batchPrompts = new int[group.length][];
            int maxAnswer = 0;
            for (int i = 0; i < group.length; i++) {
                batchPrompts[i] = prompts.get(group[i]);
                maxAnswer = Math.max(maxAnswer, answers.get(group[i]).length);
            }
            int[][] generated = decoder.decode(batchPrompts, maxAnswer + 1);
            for (int i = 0; i < group.length; i++) {
                int[] answer = answers.get(group[i]);
                if (ExactMatch.correct(task, generated[i], answer)) {
                    correct++;
                }
            }
        }
        return (double) correct / samples.size();
    }
}
