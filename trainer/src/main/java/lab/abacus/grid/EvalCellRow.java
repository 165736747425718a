package lab.abacus.grid;

import java.io.Serializable;

/**
 * One row of {@code tables/eval_cells} (key: run_id, task, len_a, len_b and the evaluation variant; the views keep
 * the latest by {@code written_at}, so a retried task that wrote a cell twice counts once).
 *
 * @param variant        how the model was run (recurrences, initial-state noise)
 * @param correct        rows right by the task's rule as the reference scores it ({@link
 *                       lab.abacus.decode.ExactMatch#correct(lab.abacus.task.TaskKind, int[], int[])})
 * @param correctWithEos rows right including the EOS right after the answer, for every task (the strict rule;
 *                       equal to {@code correct} except for sorting, which the reference scores without EOS)
 * @param firstCorrect sorting only: rows whose first element is right; null for other tasks
 * @param decodeSeconds wall time spent decoding and scoring this cell
 */
public record EvalCellRow(
        String runId,
        String task,
        int lenA,
        int lenB,
        lab.abacus.model.EvalVariant variant,
        int n,
        int correct,
        int correctWithEos,
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
