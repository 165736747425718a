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

    /** One task's summary and the files written for it. */
    public record TaskSummary(
            String task, int cells, double id, double ood, double beyond, Path heatmap, Path beyondPlot) {}

    public static List<TaskSummary> write(SparkSession spark, Storage storage, EvalSettings settings, String runId) {
        TableViews.register(spark, storage);
        Map<String, CellGrid> grids = ReportData.grids(spark, List.of(runId)).getOrDefault(runId, Map.of());
        if (grids.isEmpty()) {
            throw new IllegalArgumentException("run " + runId + " has no rows in eval_cells (evaluate it with "
                    + "`abacus eval <conf> --run " + runId + "`)");
        }
        Path dir = new Path(storage.run(runId), "report");
        List<TaskSummary> out = new ArrayList<>();
        StringBuilder md = new StringBuilder("# Run " + runId + "\n\n");
        md.append("| task | cells | ID acc | OOD acc | beyond acc |\n|---|---|---|---|---|\n");
        for (CellGrid g : grids.values()) {
            String title = g.task() + " — run " + runId;
            Path heat = new Path(dir, "heatmap-" + ReportData.slug(g.task()) + ".png");
            byte[] png = Heatmap.png(g, title, 900, 800);
            storage.writeAtomically(heat, o -> o.write(png));
            byte[] diag = Heatmap.diagonalPng(g, title + " (beyond the grid)", 800, 400);
            Path beyond = null;
            if (diag != null) {
                beyond = new Path(dir, "beyond-" + ReportData.slug(g.task()) + ".png");
                storage.writeAtomically(beyond, o -> o.write(diag));
            }
            TaskSummary s = new TaskSummary(
                    g.task(), g.cells().size(), g.idAccuracy(), g.oodAccuracy(), g.beyondAccuracy(), heat, beyond);
            out.add(s);
            md.append(String.format(
                    Locale.ROOT,
                    "| %s | %d | %s | %s | %s |%n",
                    s.task(),
                    s.cells(),
                    pct(s.id()),
                    pct(s.ood()),
                    pct(s.beyond())));
        }
        md.append('\n');
        for (TaskSummary s : out) {
            md.append("![")
                    .append(s.task())
                    .append("](")
                    .append(s.heatmap().getName())
                    .append(")\n");
            if (s.beyondPlot() != null) {
                md.append("![")
                        .append(s.task())
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
