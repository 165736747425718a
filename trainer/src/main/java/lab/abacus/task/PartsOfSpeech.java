package lab.abacus.task;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * McCoy et al.'s part-of-speech dictionary ({@code pos_tense.txt}: one {@code word<TAB>tag} per line), which tense
 * inflection's scorer reads (structural-grokking §1.3). Tags are single letters: D determiner, N noun, V verb,
 * A auxiliary, P preposition, R relativiser, T punctuation, G task marker; a word may have an empty tag.
 */
public record PartsOfSpeech(Map<String, String> tags) {

    public PartsOfSpeech {
        tags = Map.copyOf(tags);
    }

    /** Parse the file's text; a line without a tab is an error naming the line (the released reader fails too). */
    public static PartsOfSpeech parse(String text) {
        Map<String, String> tags = new HashMap<>();
        String[] lines = text.split("\n", -1);
        for (int i = 0; i < lines.length; i++) {
            String line = lines[i];
            if (line.isBlank()) {
                continue;
            }
            String[] parts = line.split("\t", -1);
            if (parts.length < 2) {
                throw new LineError(i + 1, "no tab (expected 'word<TAB>tag')");
            }
            tags.put(parts[0].strip(), parts[1].strip()); // a repeated word: the last line wins, as in the reader
        }
        return new PartsOfSpeech(tags);
    }

    /** A line of the file that is not an entry. */
    public static final class LineError extends IllegalArgumentException {
        private static final long serialVersionUID = 1L;
        private final int line;

        LineError(int line, String problem) {
            super(problem);
            this.line = line;
        }

        /** 1-based. */
        public int line() {
            return line;
        }
    }

    /** The tags of {@code words}, or empty when one of them has none (the scorer counts such an output wrong). */
    public Optional<List<String>> of(List<String> words) {
        List<String> out = new ArrayList<>(words.size());
        for (String w : words) {
            String tag = tags.get(w);
            if (tag == null) {
                return Optional.empty();
            }
            out.add(tag);
        }
        return Optional.of(out);
    }
}
