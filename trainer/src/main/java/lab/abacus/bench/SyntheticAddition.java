package lab.abacus.bench;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import lab.abacus.grid.CellProblems;
import lab.abacus.grid.GridCell;
import lab.abacus.task.LabelSet;
import lab.abacus.task.Problem;
import lab.abacus.task.ProblemGenerator;
import lab.abacus.task.TaskKind;

/**
 * Addition problems with exact operand lengths, from the task's own generator (digits reversed, as trained and
 * evaluated), for benchmarks whose cost depends on the lengths and not on which problems they are.
 */
public final class SyntheticAddition {

    private SyntheticAddition() {}

    /** {@code n} problems of cell (lenA, lenB), drawn from {@code seed}. */
    public static List<Problem> problems(int lenA, int lenB, int n, long seed) {
        ProblemGenerator gen = TaskKind.ADDITION.newGenerator(LabelSet.REFERENCE);
        SplittableRandom rng = new SplittableRandom(seed);
        List<Problem> out = new ArrayList<>(n);
        Problem p = new Problem();
        for (int i = 0; i < n; i++) {
            gen.generate(lenA, lenB, rng, p);
            out.add(p.copy());
        }
        return out;
    }

    /** The problems of one grid cell, as the grid's partition evaluator receives them. */
    public static CellProblems cell(int lenA, int lenB, int n, long seed) {
        List<CellProblems.Problem> ps = new ArrayList<>(n);
        List<Problem> problems = problems(lenA, lenB, n, seed);
        for (int s = 0; s < n; s++) {
            ps.add(new CellProblems.Problem(
                    s, problems.get(s).prompt(), problems.get(s).answer()));
        }
        return new CellProblems(new GridCell(TaskKind.ADDITION.configName(), lenA, lenB), ps);
    }
}
