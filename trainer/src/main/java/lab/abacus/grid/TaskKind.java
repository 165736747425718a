package lab.abacus.grid;

import java.util.Locale;

/**
 * How the grid treats a task name: its decode-cost shape and its scoring (sorting also scores the first element).
 * Names are matched loosely ({@code bitwise-or}, {@code or}, {@code pos_or}...) so the grid does not depend on one
 * spelling of the dataset's task name.
 */
public enum TaskKind {
    ADDITION, SUBTRACTION, MULTIPLICATION, SORTING, OR, OTHER;

    public static TaskKind of(String task) {
        String t = task.toLowerCase(Locale.ROOT).replace('_', '-');
        if (t.startsWith("add")) {
            return ADDITION;
        }
        if (t.startsWith("sub")) {
            return SUBTRACTION;
        }
        if (t.startsWith("mul")) {
            return MULTIPLICATION;
        }
        if (t.startsWith("sort")) {
            return SORTING;
        }
        if (t.equals("or") || t.contains("-or") || t.startsWith("or-") || t.startsWith("bitwise")) {
            return OR;
        }
        return OTHER;
    }
}
