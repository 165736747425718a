package lab.abacus.report;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import lab.abacus.grid.GridSpec;

/**
 * The accuracy of one task's grid cells for one run (or the mean over several runs), with the bounds that split it
 * into in-distribution (ID), out-of-distribution inside the rectangle (OOD) and beyond the rectangle (the diagonal).
 */
public final class CellGrid {

    /** One cell's accuracy in [0, 1]. */
    public record Cell(int lenA, int lenB, double accuracy, boolean inDistribution) {}

    private final String task;
    private final GridSpec rectangle;
    private final List<Cell> cells;

    public CellGrid(String task, List<Cell> cells) {
        this.task = task;
        this.cells = List.copyOf(cells);
        this.rectangle = rectangleOf(task, this.cells);
    }

    /**
     * The grid's rectangle, inferred from its cells so that reports need no config: its len_a / len_b ranges are
     * those of the off-diagonal cells (a diagonal beyond the rectangle has only len_a = len_b cells).
     */
    static GridSpec rectangleOf(String task, List<Cell> cells) {
        if (cells.isEmpty()) {
            return GridSpec.rectangle(task, 1, 1);
        }
        int aMin = Integer.MAX_VALUE;
        int bMin = Integer.MAX_VALUE;
        int aMax = 0;
        int bMax = 0;
        int allMax = 0;
        for (Cell c : cells) {
            aMin = Math.min(aMin, c.lenA());
            bMin = Math.min(bMin, c.lenB());
            allMax = Math.max(allMax, Math.max(c.lenA(), c.lenB()));
            if (c.lenA() != c.lenB()) {
                aMax = Math.max(aMax, c.lenA());
                bMax = Math.max(bMax, c.lenB());
            }
        }
        if (aMax == 0) {
            aMax = allMax;
            bMax = allMax;
        }
        return new GridSpec(task, aMin, Math.max(aMin, aMax), bMin, Math.max(bMin, bMax), 0, -1);
    }

    public String task() {
        return task;
    }

    public GridSpec rectangle() {
        return rectangle;
    }

    public List<Cell> cells() {
        return cells;
    }

    public boolean isEmpty() {
        return cells.isEmpty();
    }

    /** Mean accuracy of ID cells, NaN when there are none. */
    public double idAccuracy() {
        return mean(c -> c.inDistribution());
    }

    /** Mean accuracy of the rectangle's non-ID cells. */
    public double oodAccuracy() {
        return mean(c -> !c.inDistribution() && rectangle.inRectangle(c.lenA(), c.lenB()));
    }

    /** Mean accuracy of the cells beyond the rectangle (e.g. addition's 101..160 diagonal). */
    public double beyondAccuracy() {
        return mean(c -> !c.inDistribution() && !rectangle.inRectangle(c.lenA(), c.lenB()));
    }

    /** The bounding box of the ID cells: {max len_a, max len_b}, or {0, 0} when no cell is ID. */
    public int[] idBox() {
        int a = 0;
        int b = 0;
        for (Cell c : cells) {
            if (c.inDistribution()) {
                a = Math.max(a, c.lenA());
                b = Math.max(b, c.lenB());
            }
        }
        return new int[] {a, b};
    }

    private double mean(java.util.function.Predicate<Cell> which) {
        double sum = 0;
        int n = 0;
        for (Cell c : cells) {
            if (which.test(c)) {
                sum += c.accuracy();
                n++;
            }
        }
        return n == 0 ? Double.NaN : sum / n;
    }

    /** Cell-wise mean over grids of the same task (e.g. the seeds of one sweep point). */
    public static CellGrid mean(List<CellGrid> grids) {
        Map<Long, double[]> acc = new HashMap<>();
        Map<Long, Boolean> id = new HashMap<>();
        for (CellGrid g : grids) {
            for (Cell c : g.cells) {
                long k = ((long) c.lenA() << 32) | c.lenB();
                acc.computeIfAbsent(k, x -> new double[2]);
                acc.get(k)[0] += c.accuracy();
                acc.get(k)[1] += 1;
                id.put(k, c.inDistribution());
            }
        }
        List<Cell> out = new ArrayList<>();
        acc.forEach((k, v) -> out.add(new Cell((int) (k >> 32), (int) (k & 0xffffffffL), v[0] / v[1], id.get(k))));
        out.sort(java.util.Comparator.comparingInt(Cell::lenA).thenComparingInt(Cell::lenB));
        return new CellGrid(grids.get(0).task, out);
    }
}
