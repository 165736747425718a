package lab.abacus.grid;

import java.io.Serializable;
import java.util.Comparator;

/**
 * One cell of an evaluation grid: a task and the two operand lengths (sorting: max digits × array length).
 * It is the key of an {@code eval_cells} row together with the run id.
 */
public record GridCell(String task, int lenA, int lenB) implements Serializable, Comparable<GridCell> {

    private static final Comparator<GridCell> ORDER = Comparator.comparing(GridCell::task)
            .thenComparingInt(GridCell::lenA)
            .thenComparingInt(GridCell::lenB);

    public GridCell {
        if (task == null || task.isBlank()) {
            throw new IllegalArgumentException("task must not be empty");
        }
        if (lenA < 1 || lenB < 1) {
            throw new IllegalArgumentException("cell lengths must be >= 1: " + lenA + "x" + lenB);
        }
    }

    @Override
    public int compareTo(GridCell o) {
        return ORDER.compare(this, o);
    }

    @Override
    public String toString() {
        return task + "(" + lenA + "," + lenB + ")";
    }
}
