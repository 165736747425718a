package lab.abacus.report;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import lab.abacus.model.EvalVariant;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.functions;

/** Reads the {@code eval_cells} view (registered by {@link lab.abacus.sql.TableViews}) into {@link CellGrid}s. */
final class ReportData {

    private ReportData() {}

    /**
     * run id → grid name → grid, for the given runs (runs without cells are absent). A grid is one task evaluated
     * one way: named {@code <task> <variant>}, e.g. {@code addition r16} or {@code addition r32+noise} (rows written
     * before variants were recorded: the task alone).
     */
    static Map<String, Map<String, CellGrid>> grids(SparkSession spark, List<String> runIds) {
        Map<String, Map<String, List<CellGrid.Cell>>> cells = new LinkedHashMap<>();
        if (!runIds.isEmpty()) {
            List<Row> rows = spark.table("eval_cells")
                    .where(functions.col("run_id").isin(runIds.toArray()))
                    .select(
                            "run_id",
                            "task",
                            "len_a",
                            "len_b",
                            "accuracy",
                            "in_distribution",
                            "eval_recurrences",
                            "eval_noise")
                    .collectAsList();
            for (Row r : rows) {
                cells.computeIfAbsent(r.getString(0), k -> new TreeMap<>())
                        .computeIfAbsent(gridName(r), k -> new ArrayList<>())
                        .add(new CellGrid.Cell(
                                r.getInt(2),
                                r.getInt(3),
                                r.isNullAt(4) ? 0 : r.getDouble(4),
                                !r.isNullAt(5) && r.getBoolean(5)));
            }
        }
        Map<String, Map<String, CellGrid>> out = new LinkedHashMap<>();
        cells.forEach((run, byTask) -> {
            Map<String, CellGrid> grids = new TreeMap<>();
            byTask.forEach((name, list) -> {
                list.sort(java.util.Comparator.comparingInt(CellGrid.Cell::lenA).thenComparingInt(CellGrid.Cell::lenB));
                grids.put(name, new CellGrid(taskOf(name), list));
            });
            out.put(run, grids);
        });
        return out;
    }

    /** The task of a grid name ({@code addition r16} → {@code addition}). */
    static String taskOf(String gridName) {
        int space = gridName.indexOf(' ');
        return space < 0 ? gridName : gridName.substring(0, space);
    }

    /** {@code <task> <variant label>} of an eval_cells row. */
    private static String gridName(Row r) {
        if (r.isNullAt(6)) {
            return r.getString(1);
        }
        boolean noise = !r.isNullAt(7) && r.getBoolean(7);
        return r.getString(1) + " " + new EvalVariant(r.getInt(6), noise).label();
    }

    static String slug(String s) {
        String t = s.replaceAll("[^A-Za-z0-9._-]+", "_").replaceAll("_+", "_");
        return t.length() > 80 ? t.substring(0, 80) : t;
    }
}
