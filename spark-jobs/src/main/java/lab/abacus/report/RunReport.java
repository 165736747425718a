package lab.abacus.report;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import lab.abacus.grid.EvalSettings;
import lab.abacus.sql.TableViews;
import lab.abacus.storage.Storage;
import org.apache.hadoop.fs.Path;
import org.apache.spark.sql.SparkSession;

/**
 * {@code abacus report <run-id>}: per task grid of the run, {@code heatmap-<task>.png} (and
 * {@code beyond-<task>.png} for cells beyond the rectangle) plus {@code report.md} with ID / OOD / beyond accuracy,
 * under {@code <root>/runs/<run-id>/report/}.
 */
public final class RunReport {

    private RunReport() {}

    /** One grid's summary (a task evaluated one way, e.g. {@code addition r16}) and the files written for it. */
    public record GridSummary(
            String grid, int cells, double id, double ood, double beyond, Path heatmap, Path beyondPlot) {}

    public static List<GridSummary> write(SparkSession spark, Storage storage, EvalSettings settings, String runId) {
        TableViews.register(spark, storage);
        Map<String, CellGrid> grids = ReportData.grids(spark, List.of(runId)).getOrDefault(runId, Map.of());
        if (grids.isEmpty()) {
            throw new IllegalArgumentException("run " + runId + " has no rows in eval_cells (evaluate it with "
                    + "`abacus eval <conf> --run " + runId + "`)");
        }
        Path dir = new Path(storage.run(runId), "report");
        List<GridSummary> out = new ArrayList<>();
        StringBuilder md = new StringBuilder("# Run " + runId + "\n\n");
        md.append("| grid | cells | ID acc | OOD acc | beyond acc |\n|---|---|---|---|---|\n");
        for (Map.Entry<String, CellGrid> e : grids.entrySet()) {
            String name = e.getKey();
            CellGrid g = e.getValue();
            String title = name + " — run " + runId;
            Path heat = new Path(dir, "heatmap-" + ReportData.slug(name) + ".png");
            byte[] png = Heatmap.png(g, title, 900, 800);
            storage.writeAtomically(heat, o -> o.write(png));
            byte[] diag = Heatmap.diagonalPng(g, title + " (beyond the grid)", 800, 400);
            Path beyond = null;
            if (diag != null) {
                beyond = new Path(dir, "beyond-" + ReportData.slug(name) + ".png");
                storage.writeAtomically(beyond, o -> o.write(diag));
            }
            GridSummary s = new GridSummary(
                    name, g.cells().size(), g.idAccuracy(), g.oodAccuracy(), g.beyondAccuracy(), heat, beyond);
            out.add(s);
            md.append(String.format(
                    Locale.ROOT,
                    "| %s | %d | %s | %s | %s |%n",
                    s.grid(),
                    s.cells(),
                    pct(s.id()),
                    pct(s.ood()),
                    pct(s.beyond())));
        }
        md.append('\n');
        for (GridSummary s : out) {
            md.append("![")
                    .append(s.grid())
                    .append("](")
                    .append(s.heatmap().getName())
                    .append(")\n");
            if (s.beyondPlot() != null) {
                md.append("![")
                        .append(s.grid())
                        .append(" beyond](")
                        .append(s.beyondPlot().getName())
                        .append(")\n");
            }
        }
        storage.writeString(new Path(dir, "report.md"), md.toString());
        return out;
    }

    static String pct(double v) {
        return Double.isNaN(v) ? "–" : String.format(Locale.ROOT, "%.1f%%", 100 * v);
    }
}
