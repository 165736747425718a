package lab.abacus.grid;

import com.typesafe.config.Config;
import java.io.Serializable;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import lab.abacus.config.ConfigError;
import lab.abacus.config.Settings;
import lab.abacus.model.EvalVariant;
import lab.abacus.model.ModelSettings;
import lab.abacus.task.TaskKind;

/**
 * {@code abacus.eval}: the evaluation grid per task, how many problems per cell, how the grid is split into
 * Spark partitions, and the report's success threshold. Every key is documented in {@code reference.conf}.
 *
 * @param grids            grid per task, keyed by the data config's task name ({@code addition}, {@code subtraction},
 *                         {@code multiplication}, {@code sorting}, {@code bitwise-or})
 * @param samplesPerCell   problems decoded per cell (the first n samples of the cell in the dataset's eval split)
 * @param partitions       Spark partitions the cells are packed into by predicted cost
 * @param batchSize        most rows per decode batch (a cell larger than this is decoded in several batches)
 * @param stepOverhead     fixed cost per batched decode step in the cost model, token-equivalents
 * @param flushCells       cells per table file written by a partition (smaller: finer-grained resume)
 * @param idMaxA           explicit in-distribution bound on len_a ({@code in-distribution = [max_a, max_b]}), or 0
 *                         to take the training lengths from the dataset
 * @param idMaxB           the same for len_b
 * @param progressSeconds  how often the driver logs cells done / total and the ETA
 * @param threads          libtorch threads per grid task
 * @param gpusPerTask      GPUs each grid task asks for (a stage resource profile); 0: CPU tasks
 * @param threshold        a seed "succeeds" when its OOD accuracy reaches this (report: fraction of seeds)
 * @param lastK            held-out curves: the "final" criterion asks the last k evaluations to be above threshold
 * @param recurrences      recurrences a looped model runs at evaluation; 0 = as trained
 * @param noise            draw the initial-state noise at evaluation (the reference does)
 */
public record EvalSettings(
        Map<String, GridSpec> grids,
        int samplesPerCell,
        int partitions,
        int batchSize,
        double stepOverhead,
        int flushCells,
        int idMaxA,
        int idMaxB,
        int progressSeconds,
        int threads,
        int gpusPerTask,
        double threshold,
        int lastK,
        int recurrences,
        boolean noise)
        implements Serializable {

    public static final String SECTION = "abacus.eval";
    private static final List<String> TASK_KEYS =
            Arrays.stream(TaskKind.values()).map(TaskKind::configName).toList();
    private static final int MAX_LENGTH = 100_000;

    public static EvalSettings from(Config config) {
        Settings s = Settings.section(config, SECTION);
        Map<String, GridSpec> grids = new LinkedHashMap<>();
        for (String task : TASK_KEYS) {
            grids.put(task, grid(s, task));
        }
        int[] id = {0, 0};
        List<Integer> idList = s.intList("in-distribution");
        if (!idList.isEmpty()) {
            s.require(
                    idList.size() == 2 && idList.get(0) >= 1 && idList.get(1) >= 1,
                    "in-distribution",
                    "must be [] (from the dataset) or [max_a, max_b] with both >= 1, but is " + idList);
            id = new int[] {idList.get(0), idList.get(1)};
        }
        return new EvalSettings(
                Map.copyOf(grids),
                s.intIn("samples-per-cell", 1, 1_000_000),
                s.intIn("partitions", 1, 100_000),
                s.intIn("batch-size", 1, 1_000_000),
                s.doubleIn("step-overhead", 0, 1e9),
                s.intIn("flush-cells", 1, 1_000_000),
                id[0],
                id[1],
                s.intIn("progress-seconds", 1, 86_400),
                s.intIn("threads", 1, 256),
                s.intIn("gpus-per-task", 0, 64),
                s.doubleIn("report.threshold", 0, 1),
                s.intIn("report.last-k", 1, 1_000_000),
                s.intIn("recurrences", 0, 4096),
                s.bool("noise"));
    }

    /**
     * The evaluation variant for a model of {@code ms}: {@code recurrences} (0: as trained) and {@code noise}.
     *
     * @throws ConfigError when more or fewer recurrences are asked of a model that is not looped
     */
    public EvalVariant variantFor(ModelSettings ms) {
        int r = recurrences == 0 ? ms.recurrence() : recurrences;
        if (r != ms.recurrence() && ms.architecture() != ModelSettings.Architecture.LOOPED) {
            throw new ConfigError(SECTION + ".recurrences = " + recurrences + ": only a looped model can be evaluated"
                    + " with other recurrences than it was trained with (this one is "
                    + ModelSettings.lower(ms.architecture()) + ", recurrence " + ms.recurrence() + ")");
        }
        return new EvalVariant(r, noise);
    }

    private static GridSpec grid(Settings s, String task) {
        String p = "grids." + task;
        int[] a = range(s, p + ".a", false);
        int[] b = range(s, p + ".b", false);
        int[] d = range(s, p + ".diagonal", true);
        return new GridSpec(task, a[0], a[1], b[0], b[1], d[0], d[1]);
    }

    /** A {@code [lo, hi]} list with 1 <= lo <= hi; {@code []} means none where allowed. */
    private static int[] range(Settings s, String path, boolean emptyAllowed) {
        List<Integer> v = s.intList(path);
        if (v.isEmpty() && emptyAllowed) {
            return new int[] {0, -1};
        }
        s.require(v.size() == 2, path, "must be [first, last]" + (emptyAllowed ? " or []" : "") + " but is " + v);
        s.require(
                v.get(0) >= 1 && v.get(0) <= v.get(1) && v.get(1) <= MAX_LENGTH,
                path,
                "must satisfy 1 <= first <= last <= " + MAX_LENGTH + " but is " + v);
        return new int[] {v.get(0), v.get(1)};
    }

    /** The grid of a task (its data config name, e.g. {@code bitwise-or}). */
    /** Whether a task is scored on a length grid (the arithmetic tasks; the structural ones are scored in training). */
    public boolean hasGrid(String task) {
        return grids.containsKey(task);
    }

    public GridSpec gridFor(String task) {
        GridSpec g = grids.get(task);
        if (g == null) {
            throw new ConfigError(
                    SECTION + ".grids: no grid for task '" + task + "' (grids: " + String.join(", ", TASK_KEYS) + ")");
        }
        return g;
    }

    /** True when the in-distribution bounds come from the dataset rather than from the config. */
    public boolean inDistributionFromDataset() {
        return idMaxA == 0;
    }

    public DecodeCost cost() {
        return new DecodeCost(stepOverhead);
    }
}
