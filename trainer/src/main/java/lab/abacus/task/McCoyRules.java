package lab.abacus.task;

import java.util.List;

/**
 * How McCoy's tasks are scored on a line (structural-grokking §1.2, §2.4). Question formation, as the released code
 * scores it: after the input through {@code quest}, the next word ranked among the four auxiliaries must be the
 * question's first word. Only {@code quest} lines are scored.
 */
public final class McCoyRules {

    /** The candidates of question formation's first word. */
    public static final List<String> AUXILIARIES = List.of("do", "does", "don't", "doesn't");

    private McCoyRules() {}

    /**
     * The sentence tree projections read from a line (structural-grokking §3): the input's words before its marker
     * ({@code quest}, {@code decl}, {@code PRESENT}, {@code PAST}), without the final {@code .}; a line without a
     * marker (Dyck) is read whole.
     */
    public static List<String> analysedSentence(List<String> words, List<String> markers) {
        int end = words.size();
        for (int i = 0; i < words.size(); i++) {
            if (markers.contains(words.get(i))) {
                end = i;
                break;
            }
        }
        if (end < words.size() && end > 0 && words.get(end - 1).equals(".")) {
            end--;
        }
        return words.subList(0, end);
    }

    /**
     * The word index of a question's first word in a line's words (input, then output), or -1 when the line is not a
     * question ({@code decl}).
     */
    public static int questionFirstWord(List<String> words) {
        int marker = words.indexOf("quest");
        return marker < 0 || marker + 1 >= words.size() ? -1 : marker + 1;
    }
}
