package lab.abacus.grid;

import java.io.Serializable;

/**
 * One row of {@code tables/eval_cells} (key: run_id, task, len_a, len_b; the views keep the latest by
 * {@code written_at}, so a retried task that wrote a cell twice counts once).
 *
 * @param firstCorrect sorting only: rows whose first element is right; null for other tasks
 * @param decodeSeconds wall time spent decoding and scoring this cell
 */
public record EvalCellRow(
        String runId,
        String task,
        int lenA,
        int lenB,
        int n,
        int correct,
        Integer firstCorrect,
        boolean inDistribution,
        double decodeSeconds)
        implements Serializable {

    public double accuracy() {
        return n == 0 ? 0.0 : (double) correct / n;
    }

    public GridCell cell() {
        return new GridCell(task, lenA, lenB);
    }
}
