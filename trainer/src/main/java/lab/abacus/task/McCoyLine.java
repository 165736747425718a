package lab.abacus.task;

import java.util.List;

/**
 * One line of McCoy et al.'s question-formation or tense-inflection files (structural-grokking §1.2–1.3):
 * {@code <input words> . <marker><TAB><output words> <end>}, where the marker names the transformation
 * ({@code quest}/{@code decl}, {@code PRESENT}/{@code PAST}) and the output ends with {@code ?} for a question and
 * {@code .} otherwise. The language model trains on the whole line with the tab turned into a space.
 *
 * @param input  the words through the marker
 * @param marker the transformation word
 * @param output the output words through the final punctuation
 */
public record McCoyLine(String input, String marker, String output) {

    /** The line as the model reads it: input and output joined by one space. */
    public String text() {
        return input + " " + output;
    }

    /** Parse one line of {@code task}'s files; the message of the exception says what is wrong (no location). */
    public static McCoyLine parse(StructuralTask task, String line) {
        String trimmed = line.endsWith("\r") ? line.substring(0, line.length() - 1) : line;
        int tab = trimmed.indexOf('\t');
        if (tab < 0 || trimmed.indexOf('\t', tab + 1) >= 0) {
            throw new IllegalArgumentException(
                    (tab < 0 ? "no tab" : "more than one tab") + " (expected " + shape(task) + ")");
        }
        List<String> in = List.of(trimmed.substring(0, tab).trim().split(" +", -1));
        List<String> out = List.of(trimmed.substring(tab + 1).trim().split(" +", -1));
        String marker = in.get(in.size() - 1);
        if (!task.taskMarkers().contains(marker)) {
            throw new IllegalArgumentException("the input ends with '" + marker + "', not one of "
                    + String.join(" / ", task.taskMarkers()) + " (expected " + shape(task) + ")");
        }
        if (in.size() < 3 || !in.get(in.size() - 2).equals(".")) {
            throw new IllegalArgumentException("the input is not '<words> . " + marker + "'");
        }
        String end = "quest".equals(marker) ? "?" : ".";
        if (out.size() < 2 || !out.get(out.size() - 1).equals(end)) {
            throw new IllegalArgumentException("the output after '" + marker + "' must be words ending with '" + end
                    + "' but is '" + String.join(" ", out) + "'");
        }
        return new McCoyLine(String.join(" ", in), marker, String.join(" ", out));
    }

    private static String shape(StructuralTask task) {
        return "'<words> . " + String.join("|", task.taskMarkers()) + "<TAB><words> ?|.'";
    }
}
