package lab.abacus.task;

import java.util.List;

/**
 * How McCoy's tasks are scored on a line (structural-grokking §1.2, §2.4). Question formation, as the released code
 * scores it: after the input through {@code quest}, the next word ranked among the four auxiliaries must be the
 * question's first word. Only {@code quest} lines are scored. Tense inflection, as the released scorer does: the
 * output greedily decoded after the input through {@code PRESENT}, without its final {@code .}, is right when its
 * part-of-speech tags equal the target's and its main verb is the target's.
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

    /**
     * Whether {@code predicted} inflects the main verb as {@code target} does (both without the final {@code .}): the
     * same part-of-speech sequence, and the same word at the main verb. The main verb is the first V, or the second
     * when the third word is a relativiser (the subject carries a relative clause, whose verb comes first).
     */
    public static boolean mainVerbRight(List<String> target, List<String> predicted, PartsOfSpeech pos) {
        java.util.Optional<List<String>> want = pos.of(target);
        if (want.isEmpty() || !want.equals(pos.of(predicted))) {
            return false;
        }
        int verb = mainVerb(want.get());
        return verb >= 0 && target.get(verb).equals(predicted.get(verb));
    }

    /** The index of the main verb in a sentence's tags, or -1 when there is none. */
    static int mainVerb(List<String> tags) {
        int skip = tags.size() > 2 && tags.get(2).equals("R") ? 1 : 0;
        for (int i = 0; i < tags.size(); i++) {
            if (tags.get(i).equals("V") && skip-- == 0) {
                return i;
            }
        }
        return -1;
    }

    /** A sentence's words without a final {@code .}, as the scorer compares them. */
    public static List<String> withoutFullStop(List<String> words) {
        return !words.isEmpty() && words.get(words.size() - 1).equals(".") ? words.subList(0, words.size() - 1) : words;
    }
}
