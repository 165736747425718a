package lab.abacus.sweep;

import com.typesafe.config.Config;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import lab.abacus.config.AbacusConfig;
import lab.abacus.config.ConfigError;
import lab.abacus.data.DataSettings;
import lab.abacus.data.DatasetPlan;
import lab.abacus.grid.EvalSettings;
import lab.abacus.grid.GridCell;
import lab.abacus.grid.GridSpec;
import lab.abacus.model.ModelSettings;
import lab.abacus.structural.StructuralDataSettings;

/**
 * Checks across sections of one point's config, which no single section's settings can make: what would otherwise
 * surface only after a dataset is generated and a run has trained.
 *
 * <ul>
 *   <li>the evaluation grid of the point's task lies inside its dataset's eval split (a cell the split lacks could
 *       never be evaluated, and the point would stay pending for ever);
 *   <li>the evaluation variant suits the model (more or fewer recurrences need a looped model);
 *   <li>with the Abacus embedding, the longest digit run of the training cells plus {@code max-k}, and of the eval
 *       cells, fits the Abacus table ({@code table-size});
 *   <li>a structural task (no grid) does not use an embedding of digit runs.
 * </ul>
 */
final class PointChecks {

    private PointChecks() {}

    /** @throws ConfigError naming file:line and key of each problem */
    static void check(Config c) {
        List<String> problems = new ArrayList<>();
        if (StructuralDataSettings.applies(c)) {
            noDigitEmbedding(c, ModelSettings.from(c), problems);
        } else {
            DataSettings data = DataSettings.from(c);
            gridInsideEvalSplit(c, data, problems);
            abacusTableFits(c, data, ModelSettings.from(c), problems);
        }
        try {
            EvalSettings.from(c).variantFor(ModelSettings.from(c));
        } catch (ConfigError e) {
            problems.add(where(c, EvalSettings.SECTION + ".recurrences") + ": " + e.getMessage());
        }
        if (!problems.isEmpty()) {
            throw new ConfigError(String.join("\n", problems));
        }
    }

    private static void gridInsideEvalSplit(Config c, DataSettings data, List<String> problems) {
        String task = data.task().configName();
        GridSpec grid = EvalSettings.from(c).gridFor(task);
        DatasetPlan plan = new DatasetPlan(data);
        Set<GridCell> split = new HashSet<>();
        for (int i = 0; i < plan.evalCells(); i++) {
            split.add(new GridCell(task, plan.evalLenA(i), plan.evalLenB(i)));
        }
        List<GridCell> missing = grid.cells().stream()
                .filter(cell -> data.task().supports(cell.lenA(), cell.lenB()) && !split.contains(cell))
                .toList();
        if (!missing.isEmpty()) {
            String key = EvalSettings.SECTION + ".grids." + task;
            problems.add(String.format(
                    Locale.ROOT,
                    "%s: %s: %d cell(s) of the grid are not in the dataset's eval split (%s.eval), e.g. (%d, %d):"
                            + " widen the split or narrow the grid",
                    where(c, key),
                    key,
                    missing.size(),
                    DataSettings.SECTION,
                    missing.get(0).lenA(),
                    missing.get(0).lenB()));
        }
    }

    /** The Abacus embedding numbers digit runs; the structural tasks' words have no digits. */
    private static void noDigitEmbedding(Config c, ModelSettings ms, List<String> problems) {
        if (ms.embedding().abacus()) {
            String key = AbacusConfig.ROOT + ".model.embedding";
            problems.add(where(c, key) + ": " + key + " = " + c.getString(key) + " numbers runs of digits, which the"
                    + " structural task " + c.getString(DataSettings.SECTION + ".task") + " does not have: use"
                    + " learned, nope, rope or fire");
        }
    }

    private static void abacusTableFits(Config c, DataSettings data, ModelSettings ms, List<String> problems) {
        if (!ms.embedding().abacus()) {
            return;
        }
        int train = data.task().longestDigitRun(data.trainLenA(), data.trainLenB());
        int evalA = Math.max(data.evalLenATo(), data.diagonalTo());
        int evalB = Math.max(data.evalLenBTo(), data.diagonalTo());
        int eval = data.task().longestDigitRun(evalA, evalB);
        String key = AbacusConfig.ROOT + ".model.abacus.table-size";
        // Indices run 1..run, plus k in training; the table's rows are 0..table-size-1.
        if (train + ms.abacusMaxK() >= ms.abacusTableSize()) {
            problems.add(String.format(
                    Locale.ROOT,
                    "%s: %s = %d: training needs index %d (longest digit run %d of the training cells + max-k %d):"
                            + " raise table-size or lower max-k",
                    where(c, key),
                    key,
                    ms.abacusTableSize(),
                    train + ms.abacusMaxK(),
                    train,
                    ms.abacusMaxK()));
        }
        if (eval >= ms.abacusTableSize()) {
            problems.add(String.format(
                    Locale.ROOT,
                    "%s: %s = %d: evaluation needs index %d (longest digit run of the eval cells up to (%d, %d)):"
                            + " raise table-size or shorten the eval split",
                    where(c, key),
                    key,
                    ms.abacusTableSize(),
                    eval,
                    evalA,
                    evalB));
        }
    }

    private static String where(Config c, String key) {
        return c.hasPath(key) ? ConfigError.where(c.getValue(key).origin()) : "<defaults>";
    }
}
