package lab.abacus.grid;

import java.io.Serializable;
import java.util.ArrayList;
import java.util.List;

/**
 * The cells of one task's grid: the rectangle {@code aMin..aMax × bMin..bMax} plus an optional diagonal
 * {@code diagMin..diagMax} of equal lengths beyond it (the addition extended eval, 101..160). A diagonal of
 * {@code 0..-1} (or any empty range) means none.
 */
public record GridSpec(String task, int aMin, int aMax, int bMin, int bMax, int diagMin, int diagMax)
        implements Serializable {

    public GridSpec {
        if (aMin < 1 || bMin < 1 || aMax < aMin || bMax < bMin) {
            throw new IllegalArgumentException(
                    "bad grid ranges for " + task + ": " + aMin + ".." + aMax + " x " + bMin + ".." + bMax);
        }
    }

    public static GridSpec rectangle(String task, int aMax, int bMax) {
        return new GridSpec(task, 1, aMax, 1, bMax, 0, -1);
    }

    public boolean hasDiagonal() {
        return diagMax >= diagMin && diagMin >= 1;
    }

    /** True for a cell of the rectangle (not the diagonal beyond it). */
    public boolean inRectangle(int lenA, int lenB) {
        return lenA >= aMin && lenA <= aMax && lenB >= bMin && lenB <= bMax;
    }

    /** All cells, rectangle row-major, then the diagonal cells that are not already in the rectangle. */
    public List<GridCell> cells() {
        List<GridCell> out = new ArrayList<>();
        for (int a = aMin; a <= aMax; a++) {
            for (int b = bMin; b <= bMax; b++) {
                out.add(new GridCell(task, a, b));
            }
        }
        if (hasDiagonal()) {
            for (int l = diagMin; l <= diagMax; l++) {
                if (!inRectangle(l, l)) {
                    out.add(new GridCell(task, l, l));
                }
            }
        }
        return out;
    }

    /** The same grid for another task name (the dataset's spelling). */
    public GridSpec withTask(String name) {
        return new GridSpec(name, aMin, aMax, bMin, bMax, diagMin, diagMax);
    }
}
