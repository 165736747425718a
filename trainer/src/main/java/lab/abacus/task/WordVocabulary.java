package lab.abacus.task;

import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * A word-level vocabulary for the structural tasks: the special ids of every vocabulary here (PAD=0, UNK=1, BOS=2,
 * EOS=3), then one id per word in the order given. Text is words separated by single spaces. The word list of a
 * dataset is recorded in its manifest, so a run's ids never depend on anything but the dataset.
 */
public final class WordVocabulary {

    private final List<String> words;
    private final Map<String, Integer> ids = new HashMap<>();

    public WordVocabulary(List<String> words) {
        this.words = List.copyOf(words);
        for (int i = 0; i < this.words.size(); i++) {
            if (ids.put(this.words.get(i), Vocabulary.EOS + 1 + i) != null) {
                throw new IllegalArgumentException("word '" + this.words.get(i) + "' appears twice in the vocabulary");
            }
        }
    }

    public List<String> words() {
        return words;
    }

    /** Number of token ids, the four special ones included. */
    public int size() {
        return Vocabulary.EOS + 1 + words.size();
    }

    /** The id of a word; UNK when it is not in the vocabulary. */
    public int id(String word) {
        return ids.getOrDefault(word, Vocabulary.UNK);
    }

    /** The ids of space-separated words, no BOS or EOS. */
    public int[] encode(String text) {
        String[] split = text.isEmpty() ? new String[0] : text.split(" ", -1);
        int[] out = new int[split.length];
        for (int i = 0; i < split.length; i++) {
            out[i] = id(split[i]);
        }
        return out;
    }

    /** The word of one id; the special ids show as {@code <pad>}, {@code <unk>}, {@code <bos>}, {@code <eos>}. */
    public String word(int id) {
        if (id > Vocabulary.EOS && id < size()) {
            return words.get(id - Vocabulary.EOS - 1);
        }
        return switch (id) {
            case Vocabulary.PAD -> "<pad>";
            case Vocabulary.BOS -> "<bos>";
            case Vocabulary.EOS -> "<eos>";
            default -> "<unk>";
        };
    }

    /** The words of ids, dropping PAD/BOS/EOS; UNK shows as {@code <unk>}. */
    public String decode(int[] tokenIds) {
        StringBuilder sb = new StringBuilder();
        for (int id : tokenIds) {
            String w = id == Vocabulary.UNK ? "<unk>" : id > Vocabulary.EOS && id < size() ? words.get(id - 4) : null;
            if (w != null) {
                sb.append(sb.length() == 0 ? "" : " ").append(w);
            }
        }
        return sb.toString();
    }
}
