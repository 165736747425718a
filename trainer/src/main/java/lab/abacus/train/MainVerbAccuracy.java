package lab.abacus.train;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import lab.abacus.decode.GreedyDecoder;
import lab.abacus.decode.PromptBatches;
import lab.abacus.model.LanguageModel;
import lab.abacus.structural.StructuralDataset;
import lab.abacus.structural.StructuralRow;
import lab.abacus.task.McCoyRules;
import lab.abacus.task.PartsOfSpeech;
import lab.abacus.task.Vocabulary;
import lab.abacus.task.WordVocabulary;

/**
 * Tense inflection's accuracy as the released scorer computes it (structural-grokking §1.3, §2.4): each
 * {@code PRESENT} line's input through {@code PRESENT} (after BOS) is decoded greedily, at most 50 words and up to
 * EOS, and the output is right when its main verb is inflected as the target's ({@link McCoyRules#mainVerbRight}).
 * {@code PAST} lines (a copy of the input) are not scored, as in the released scorer.
 */
final class MainVerbAccuracy {

    /** Most words decoded per output (the released decoder's limit). */
    static final int MAX_OUTPUT_WORDS = 50;

    /** One scored line: BOS + input through the marker, and the target output's words. */
    record Case(int[] prompt, List<String> target) {}

    private final List<Case> cases;
    private final WordVocabulary vocabulary;
    private final PartsOfSpeech tags;

    MainVerbAccuracy(List<Case> cases, WordVocabulary vocabulary, PartsOfSpeech tags) {
        this.cases = List.copyOf(cases);
        this.vocabulary = vocabulary;
        this.tags = tags;
    }

    /** The {@code PRESENT} lines among {@code rows}. */
    static MainVerbAccuracy of(StructuralDataset dataset, PartsOfSpeech tags, List<StructuralRow> rows) {
        List<Case> cases = new ArrayList<>();
        for (StructuralRow row : rows) {
            if ("PRESENT".equals(row.marker())) {
                List<String> words = List.of(row.text().split(" ", -1));
                int marker = words.indexOf(row.marker());
                int[] prompt = new int[marker + 2];
                prompt[0] = Vocabulary.BOS;
                for (int i = 0; i <= marker; i++) {
                    prompt[i + 1] = dataset.vocabulary().id(words.get(i));
                }
                cases.add(new Case(prompt, words.subList(marker + 1, words.size())));
            }
        }
        return new MainVerbAccuracy(cases, dataset.vocabulary(), tags);
    }

    int cases() {
        return cases.size();
    }

    /** The fraction of lines decoded right, {@code batch} prompts of one length at a time; NaN without lines. */
    double score(LanguageModel model, int batch) {
        if (cases.isEmpty()) {
            return Double.NaN;
        }
        List<int[]> prompts = cases.stream().map(Case::prompt).toList();
        GreedyDecoder decoder = new GreedyDecoder(model);
        long right = 0;
        for (int[] group : PromptBatches.byLength(prompts, batch)) {
            int[][] generated =
                    decoder.decode(Arrays.stream(group).mapToObj(prompts::get).toArray(int[][]::new), MAX_OUTPUT_WORDS);
            for (int i = 0; i < group.length; i++) {
                right += isRight(cases.get(group[i]).target(), generated[i]) ? 1 : 0;
            }
        }
        return (double) right / cases.size();
    }

    /** Whether generated ids (up to EOS) inflect the main verb as {@code target} does; both lose a final '.'. */
    boolean isRight(List<String> target, int[] generated) {
        List<String> words = new ArrayList<>();
        for (int id : generated) {
            if (id == Vocabulary.EOS) {
                break;
            }
            words.add(vocabulary.word(id));
        }
        return McCoyRules.mainVerbRight(McCoyRules.withoutFullStop(target), McCoyRules.withoutFullStop(words), tags);
    }
}
