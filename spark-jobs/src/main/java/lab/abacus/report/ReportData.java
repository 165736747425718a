package lab.abacus.report;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.functions;

/** Reads the {@code eval_cells} view (registered by {@link lab.abacus.sql.TableViews}) into {@link CellGrid}s. */
final class ReportData {

    private ReportData() {}

    /** run id → task → grid, for the given runs (runs without cells are absent). */
    static Map<String, Map<String, CellGrid>> grids(SparkSession spark, List<String> runIds) {
        Map<String, Map<String, List<CellGrid.Cell>>> cells = new LinkedHashMap<>();
        if (!runIds.isEmpty()) {
            List<Row> rows = spark.table("eval_cells")
                    .where(functions.col("run_id").isin(runIds.toArray()))
                    .select("run_id", "task", "len_a", "len_b", "accuracy", "in_distribution")
                    .collectAsList();
            for (Row r : rows) {
                cells.computeIfAbsent(r.getString(0), k -> new TreeMap<>())
                        .computeIfAbsent(r.getString(1), k -> new ArrayList<>())
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
            byTask.forEach((task, list) -> {
                list.sort(java.util.Comparator.comparingInt(CellGrid.Cell::lenA).thenComparingInt(CellGrid.Cell::lenB));
                grids.put(task, new CellGrid(task, list));
            });
            out.put(run, grids);
        });
        return out;
    }

    static String slug(String s) {
        String t = s.replaceAll("[^A-Za-z0-9._-]+", "_").replaceAll("_+", "_");
        return t.length() > 80 ? t.substring(0, 80) : t;
    }
}
