package lab.abacus.structural;

import java.util.ArrayList;
import java.util.List;
import lab.abacus.data.DatasetDirectory;
import lab.abacus.data.TrainBatches;
import lab.abacus.storage.Storage;
import lab.abacus.task.McCoyRules;
import lab.abacus.task.PartsOfSpeech;
import lab.abacus.task.StructuralTask;
import lab.abacus.task.Vocabulary;
import lab.abacus.task.WordVocabulary;

/**
 * A complete structural dataset as the trainer reads it, without Spark: its manifest, word vocabulary and splits.
 * Reading one that is missing or incomplete fails with a message naming the path.
 */
public final class StructuralDataset {

    private final Storage storage;
    private final String id;
    private final StructuralManifest manifest;
    private final WordVocabulary vocabulary;
    private final java.util.Map<String, List<StructuralRow>> rows = new java.util.HashMap<>();

    private StructuralDataset(Storage storage, String id, StructuralManifest manifest) {
        this.storage = storage;
        this.id = id;
        this.manifest = manifest;
        this.vocabulary = new WordVocabulary(manifest.vocabulary());
    }

    public static StructuralDataset open(Storage storage, String datasetId) {
        return new StructuralDataset(
                storage,
                datasetId,
                StructuralManifest.readComplete(storage, datasetId)
                        .orElseThrow(() -> new IllegalStateException("structural dataset "
                                + DatasetDirectory.path(storage, datasetId) + " is missing or incomplete (run"
                                + " `abacus datagen` for it)")));
    }

    /** Whether a manifest names a structural dataset (its tokenizer is words). */
    public static boolean isStructural(String tokenizer) {
        return "words".equals(tokenizer);
    }

    public StructuralManifest manifest() {
        return manifest;
    }

    public StructuralTask task() {
        return StructuralTask.named(manifest.task())
                .orElseThrow(() -> new IllegalStateException(
                        "dataset " + id + " names task '" + manifest.task() + "', not a structural task"));
    }

    public WordVocabulary vocabulary() {
        return vocabulary;
    }

    /** The part-of-speech tags the task's scorer reads (tense inflection), or empty when the dataset has none. */
    public java.util.Optional<PartsOfSpeech> partsOfSpeech() {
        return manifest.partsOfSpeech().isEmpty()
                ? java.util.Optional.empty()
                : java.util.Optional.of(new PartsOfSpeech(manifest.partsOfSpeech()));
    }

    /** Dyck's bracket types (half the vocabulary's words); only meaningful for Dyck. */
    public int dyckTypes() {
        return vocabulary.words().size() / 2;
    }

    /**
     * Every row of {@code split} ({@code train}, {@code val} or {@code gen}), in file order; read once (the training
     * stream and the held-out samples both need the train split).
     */
    public List<StructuralRow> rows(String split) {
        return rows.computeIfAbsent(split, name -> {
            List<StructuralRow> out = new ArrayList<>();
            StructuralRowFiles.forEach(storage, DatasetDirectory.split(storage, id, name), out::add);
            return List.copyOf(out);
        });
    }

    /** A row as the language model reads it: BOS, the words, EOS. */
    public int[] sequence(StructuralRow row) {
        int[] words = vocabulary.encode(row.text());
        int[] ids = new int[words.length + 2];
        ids[0] = Vocabulary.BOS;
        System.arraycopy(words, 0, ids, 1, words.length);
        ids[ids.length - 1] = Vocabulary.EOS;
        return ids;
    }

    /**
     * The sentences a run's internal measures read (structural-grokking §3): up to {@code n} training lines chosen by
     * {@code seed} alone, each reduced to the sentence analysed (McCoy's tasks: the input before its marker without
     * the final '.'; Dyck: the whole string) and kept when it has 2 to {@code maxWords} words; BOS + word ids.
     */
    public List<int[]> analysedSentences(int n, long seed, int maxWords) {
        List<int[]> out = new ArrayList<>();
        for (StructuralRow row : rows("train")) {
            List<String> words = McCoyRules.analysedSentence(List.of(row.text().split(" ", -1)), task().taskMarkers());
            if (words.size() >= 2 && words.size() <= maxWords) {
                int[] ids = new int[words.size() + 1];
                ids[0] = Vocabulary.BOS;
                for (int i = 0; i < words.size(); i++) {
                    ids[i + 1] = vocabulary.id(words.get(i));
                }
                out.add(ids);
            }
        }
        return lab.abacus.data.HeldOutSamples.pick(out, n, seed);
    }

    /**
     * The training stream: every row as BOS + words + EOS with the loss on every token after BOS (plain language
     * modelling over the whole line, as Murty et al. train), each microbatch padded to its own longest row.
     */
    public TrainBatches trainBatches(long seed) {
        List<int[]> encoded = new ArrayList<>();
        List<Integer> prompts = new ArrayList<>();
        int longest = 0;
        for (StructuralRow row : rows("train")) {
            int[] ids = sequence(row);
            encoded.add(ids);
            prompts.add(1);
            longest = Math.max(longest, ids.length);
        }
        return TrainBatches.fromEncoded(encoded, prompts, longest, 0, 0, seed, TrainBatches.Padding.BATCH);
    }
}
