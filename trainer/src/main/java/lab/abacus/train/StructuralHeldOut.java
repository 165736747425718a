package lab.abacus.train;

import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import lab.abacus.data.HeldOutSamples;
import lab.abacus.decode.RestrictedRanking;
import lab.abacus.decode.RestrictedRanking.Probe;
import lab.abacus.decode.RestrictedRanking.Tally;
import lab.abacus.model.AttentionEntropy;
import lab.abacus.model.LanguageModel;
import lab.abacus.structural.StructuralDataset;
import lab.abacus.structural.StructuralRow;
import lab.abacus.task.DyckString;
import lab.abacus.task.McCoyRules;
import lab.abacus.task.PartsOfSpeech;
import lab.abacus.task.StructuralTask;
import lab.abacus.task.Vocabulary;
import lab.abacus.task.WordVocabulary;

/**
 * Held-out measures of a structural run (structural-grokking §2.4, §5.3) on fixed samples of {@code val} (in
 * distribution) and {@code gen} (out of distribution), drawn once from the run's seed so that every point of a curve
 * scores the same strings: restricted-ranking accuracy and the language-model loss of the samples.
 *
 * <ul>
 *   <li>Dyck: every closing bracket whose open bracket is at least {@code minDistance} words back, ranked among the
 *       k closes;</li>
 *   <li>question formation: the first word of each question ({@code quest} lines), ranked among the four
 *       auxiliaries (the released code) or among every token (the paper's greedy first word);</li>
 *   <li>tense inflection: the main verb of each {@code PRESENT} line's greedily decoded output
 *       ({@link MainVerbAccuracy}; accuracy needs the dataset's part-of-speech tags, loss only without them).</li>
 * </ul>
 *
 * <p>And, every evaluation, the attention entropy of each layer over a fixed sample of training strings
 * (structural-grokking §3.2).
 */
final class StructuralHeldOut implements HeldOutEvaluation {

    /** Longest training string in the attention-entropy sample, in words (the released code's limit). */
    static final int ENTROPY_MAX_WORDS = 199;

    private final List<Probe> id;
    private final List<Probe> ood;
    private final int[] candidates;
    private final List<int[]> structureSample;
    private final MainVerbAccuracy idVerbs; // tense inflection; null otherwise
    private final MainVerbAccuracy oodVerbs;

    private StructuralHeldOut(
            List<Probe> id,
            List<Probe> ood,
            int[] candidates,
            List<int[]> structureSample,
            MainVerbAccuracy idVerbs,
            MainVerbAccuracy oodVerbs) {
        this.id = id;
        this.ood = ood;
        this.candidates = candidates;
        this.structureSample = structureSample;
        this.idVerbs = idVerbs;
        this.oodVerbs = oodVerbs;
    }

    /**
     * @param samples          strings of val and of gen scored every evaluation
     * @param structureSamples training strings (BOS + words, shorter than 200 words) whose attention is measured
     */
    static StructuralHeldOut of(
            StructuralDataset dataset,
            int samples,
            int structureSamples,
            long seed,
            int minDistance,
            TrainSettings.QfFirstWord qfRule) {
        List<StructuralRow> val = HeldOutSamples.pick(dataset.rows("val"), samples, seed);
        List<StructuralRow> gen = HeldOutSamples.pick(dataset.rows("gen"), samples, seed + 1);
        List<StructuralRow> shortEnough = dataset.rows("train").stream()
                .filter(r -> r.tokens() <= ENTROPY_MAX_WORDS)
                .toList();
        List<int[]> structure = HeldOutSamples.pick(shortEnough, structureSamples, seed + 2).stream()
                .map(r -> {
                    int[] t = dataset.sequence(r);
                    return Arrays.copyOf(t, t.length - 1); // BOS + words, no EOS
                })
                .toList();
        Optional<PartsOfSpeech> tags =
                dataset.task() == StructuralTask.TENSE_INFLECTION ? dataset.partsOfSpeech() : Optional.empty();
        return new StructuralHeldOut(
                probes(dataset, val, minDistance),
                probes(dataset, gen, minDistance),
                candidates(dataset, qfRule),
                structure,
                tags.map(t -> MainVerbAccuracy.of(dataset, t, val)).orElse(null),
                tags.map(t -> MainVerbAccuracy.of(dataset, t, gen)).orElse(null));
    }

    @Override
    public Scores score(LanguageModel model, int batch) {
        Tally in = RestrictedRanking.score(model, id, candidates, batch);
        Tally out = RestrictedRanking.score(model, ood, candidates, batch);
        return new Scores(
                finite(idVerbs == null ? in.accuracy() : idVerbs.score(model, batch)),
                finite(oodVerbs == null ? out.accuracy() : oodVerbs.score(model, batch)),
                finite(in.loss()),
                finite(out.loss()),
                structureSample.isEmpty() ? null : attentionEntropy(model),
                structureSample.size());
    }

    /** Per layer call, the mean over the structure sample of the summed row entropies. */
    private double[] attentionEntropy(LanguageModel model) {
        double[] sum = null;
        int batch = 8; // [B,S,S] per layer: keep it small for long strings
        for (int from = 0; from < structureSample.size(); from += batch) {
            List<int[]> chunk = structureSample.subList(from, Math.min(structureSample.size(), from + batch));
            int width = chunk.stream().mapToInt(t -> t.length).max().orElse(1);
            int[] flat = new int[chunk.size() * width]; // zeros: PAD
            int[] lengths = new int[chunk.size()];
            for (int b = 0; b < chunk.size(); b++) {
                System.arraycopy(chunk.get(b), 0, flat, b * width, chunk.get(b).length);
                lengths[b] = chunk.get(b).length;
            }
            List<float[]> maps;
            try (NDManager m = model.manager().getParentManager().newSubManager()) {
                maps = model.attention(m.create(flat, new Shape(chunk.size(), width)));
            }
            double[] part = AttentionEntropy.sumOverSentences(maps, lengths, width);
            if (sum == null) {
                sum = part;
            } else {
                for (int l = 0; l < sum.length; l++) {
                    sum[l] += part[l];
                }
            }
        }
        for (int l = 0; l < sum.length; l++) {
            sum[l] /= structureSample.size();
        }
        return sum;
    }

    /**
     * The tokens a task ranks among: Dyck's closes; for question formation the four auxiliaries (the released code)
     * or every token (the paper's first word of the greedily decoded question: greedy decoding's first step is the
     * argmax over all tokens); none for tense inflection (scored by decoding).
     */
    static int[] candidates(StructuralDataset dataset, TrainSettings.QfFirstWord rule) {
        WordVocabulary v = dataset.vocabulary();
        if (dataset.task() == StructuralTask.QUESTION_FORMATION && rule == TrainSettings.QfFirstWord.ANY_WORD) {
            return java.util.stream.IntStream.range(0, v.size()).toArray();
        }
        return switch (dataset.task()) {
            case DYCK -> {
                int k = dataset.dyckTypes();
                int[] closes = new int[k];
                for (int t = 0; t < k; t++) {
                    closes[t] = Vocabulary.EOS + 1 + k + t;
                }
                yield closes;
            }
            case QUESTION_FORMATION ->
                McCoyRules.AUXILIARIES.stream().mapToInt(v::id).toArray();
            case TENSE_INFLECTION -> new int[0];
        };
    }

    static List<Probe> probes(StructuralDataset dataset, List<StructuralRow> rows, int minDistance) {
        List<Probe> out = new ArrayList<>(rows.size());
        for (StructuralRow row : rows) {
            int[] tokens = dataset.sequence(row);
            int[][] scored = scoredWords(dataset.task(), dataset, row, minDistance);
            // word i is token i + 1, predicted by the logits at token i
            int[] positions = Arrays.stream(scored).mapToInt(s -> s[0]).toArray();
            int[] answers =
                    Arrays.stream(scored).mapToInt(s -> tokens[s[0] + 1]).toArray();
            out.add(new Probe(tokens, positions, answers));
        }
        return out;
    }

    /** {word index, …} pairs of the words a row is scored on. */
    private static int[][] scoredWords(StructuralTask task, StructuralDataset dataset, StructuralRow row, int min) {
        return switch (task) {
            case DYCK -> {
                int k = dataset.dyckTypes();
                yield DyckString.closingTargets(DyckString.parse(row.text(), k), k, min);
            }
            case QUESTION_FORMATION -> {
                int first =
                        McCoyRules.questionFirstWord(Arrays.asList(row.text().split(" ", -1)));
                yield first < 0 ? new int[0][] : new int[][] {{first}};
            }
            case TENSE_INFLECTION -> new int[0][];
        };
    }

    private static Double finite(double v) {
        return Double.isNaN(v) ? null : v;
    }
}
