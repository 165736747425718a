package lab.abacus.report;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeMap;
import lab.abacus.grid.EvalSettings;
import lab.abacus.sql.TableViews;
import lab.abacus.storage.Storage;
import org.apache.hadoop.fs.Path;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.functions;

/**
 * The sweep report: for every sweep point and task, in-distribution, out-of-distribution and beyond-the-grid
 * accuracy as mean ± sample std over the point's seeds, the fraction of seeds whose OOD accuracy reaches the
 * threshold ({@code abacus.eval.report.threshold}), a mean-over-seeds heatmap per point and a heatmap per run.
 * Written to {@code <root>/sweeps/<name>/report/} as {@code index.html} and {@code report.md}.
 *
 * <p>Input: a list of {@link RunRef}s (run id, point label, seed), which the sweep engine has from its expansion;
 * {@link #refsFromRunsTable} derives it from the {@code runs} table for a sweep name alone.
 */
public final class SweepReport {

    private SweepReport() {}

    /** One run of the sweep: its id, the label of its sweep point (e.g. {@code model.embedding=abacus}), its seed. */
    public record RunRef(String runId, String point, long seed) {}

    /** One line of the table: a sweep point and one grid of it ({@code task}: the task and how it was evaluated, e.g. {@code addition r16}). */
    public record PointRow(
            String point,
            String task,
            int seeds,
            int evaluated,
            Stat id,
            Stat ood,
            Stat beyond,
            int succeeded,
            String heatmap) {}

    /** Mean and sample standard deviation over seeds (std NaN with fewer than 2 values). */
    public record Stat(double mean, double std, int n) {

        static Stat of(List<Double> values) {
            List<Double> v = values.stream().filter(x -> !Double.isNaN(x)).toList();
            if (v.isEmpty()) {
                return new Stat(Double.NaN, Double.NaN, 0);
            }
            double mean = v.stream().mapToDouble(Double::doubleValue).average().orElse(Double.NaN);
            double std = Double.NaN;
            if (v.size() > 1) {
                double ss = v.stream().mapToDouble(x -> (x - mean) * (x - mean)).sum();
                std = Math.sqrt(ss / (v.size() - 1));
            }
            return new Stat(mean, std, v.size());
        }

        String text() {
            if (n == 0) {
                return "–";
            }
            return Double.isNaN(std)
                    ? String.format(Locale.ROOT, "%.1f", 100 * mean)
                    : String.format(Locale.ROOT, "%.1f ± %.1f", 100 * mean, 100 * std);
        }
    }

    /** Write the report; returns its rows (also in index.html / report.md). */
    public static List<PointRow> write(
            SparkSession spark, Storage storage, EvalSettings settings, String sweep, List<RunRef> runs) {
        TableViews.register(spark, storage);
        Map<String, Map<String, CellGrid>> grids = ReportData.grids(
                spark, runs.stream().map(RunRef::runId).distinct().toList());
        Set<Integer> rectangleMax = new java.util.TreeSet<>();
        grids.values()
                .forEach(m ->
                        m.values().forEach(g -> rectangleMax.add(g.rectangle().aMax())));
        Path dir = new Path(storage.sweep(sweep), "report");
        Map<String, List<RunRef>> byPoint = new LinkedHashMap<>();
        for (RunRef r : runs) {
            byPoint.computeIfAbsent(r.point(), k -> new ArrayList<>()).add(r);
        }
        List<PointRow> rows = new ArrayList<>();
        Map<String, String> runHeatmaps = new TreeMap<>();
        for (Map.Entry<String, List<RunRef>> e : byPoint.entrySet()) {
            Set<String> tasks = new java.util.TreeSet<>();
            e.getValue()
                    .forEach(r ->
                            tasks.addAll(grids.getOrDefault(r.runId(), Map.of()).keySet()));
            for (String task : tasks) {
                List<CellGrid> seedGrids = new ArrayList<>();
                List<Double> id = new ArrayList<>();
                List<Double> ood = new ArrayList<>();
                List<Double> beyond = new ArrayList<>();
                int ok = 0;
                for (RunRef r : e.getValue()) {
                    CellGrid g = grids.getOrDefault(r.runId(), Map.of()).get(task);
                    if (g == null) {
                        continue;
                    }
                    seedGrids.add(g);
                    id.add(g.idAccuracy());
                    ood.add(g.oodAccuracy());
                    beyond.add(g.beyondAccuracy());
                    if (g.oodAccuracy() >= settings.threshold() - 1e-9) { // cell means carry rounding error
                        ok++;
                    }
                    String name = "runs/" + ReportData.slug(r.runId() + "-" + task) + ".png";
                    byte[] png = Heatmap.png(g, task + " — " + r.point() + ", seed " + r.seed(), 900, 800);
                    storage.writeAtomically(new Path(dir, name), o -> o.write(png));
                    runHeatmaps.put(e.getKey() + " / seed " + r.seed() + " / " + task, name);
                }
                String name = "heatmaps/" + ReportData.slug(e.getKey() + "-" + task) + ".png";
                CellGrid mean = CellGrid.mean(seedGrids);
                byte[] png = Heatmap.png(
                        mean,
                        task + " — " + e.getKey() + " (mean of " + seedGrids.size() + " seed"
                                + (seedGrids.size() == 1 ? "" : "s") + ")",
                        900,
                        800);
                storage.writeAtomically(new Path(dir, name), o -> o.write(png));
                rows.add(new PointRow(
                        e.getKey(),
                        task,
                        e.getValue().size(),
                        seedGrids.size(),
                        Stat.of(id),
                        Stat.of(ood),
                        Stat.of(beyond),
                        ok,
                        name));
            }
        }
        String beyondLabel =
                rectangleMax.size() == 1 ? "> " + rectangleMax.iterator().next() + " digits" : "beyond grid";
        GrokkingReport.Section curves =
                GrokkingReport.write(spark, storage, dir, settings, withoutGrid(byPoint, grids));
        storage.writeString(
                new Path(dir, "report.md"), markdown(sweep, settings, rows, runs, beyondLabel) + curves.markdown());
        storage.writeString(
                new Path(dir, "index.html"),
                html(sweep, settings, rows, runHeatmaps, runs, beyondLabel)
                        .replace("</body></html>\n", curves.html() + "</body></html>\n"));
        return rows;
    }

    /** The points none of whose runs has a grid: those scored during training (the structural tasks). */
    private static Map<String, List<RunRef>> withoutGrid(
            Map<String, List<RunRef>> byPoint, Map<String, Map<String, CellGrid>> grids) {
        Map<String, List<RunRef>> out = new LinkedHashMap<>();
        byPoint.forEach((point, runs) -> {
            if (runs.stream().noneMatch(r -> grids.containsKey(r.runId()))) {
                out.put(point, runs);
            }
        });
        return out;
    }

    private static String markdown(
            String sweep, EvalSettings settings, List<PointRow> rows, List<RunRef> runs, String beyondLabel) {
        StringBuilder sb = new StringBuilder();
        sb.append("# Sweep ").append(sweep).append("\n\n");
        if (rows.isEmpty()) {
            return sb.toString(); // no grid (the structural tasks): the held-out curves are the report
        }
        sb.append(intro(settings, runs)).append("\n\n");
        sb.append("| point | task | seeds | ID acc % | OOD acc % | ")
                .append(beyondLabel)
                .append(" acc % | seeds with OOD ≥ ")
                .append(pct(settings.threshold()))
                .append(" |\n");
        sb.append("|---|---|---|---|---|---|---|\n");
        for (PointRow r : rows) {
            sb.append("| ")
                    .append(r.point())
                    .append(" | ")
                    .append(r.task())
                    .append(" | ")
                    .append(r.evaluated())
                    .append(r.evaluated() < r.seeds() ? " of " + r.seeds() : "")
                    .append(" | ")
                    .append(r.id().text())
                    .append(" | ")
                    .append(r.ood().text())
                    .append(" | ")
                    .append(r.beyond().text())
                    .append(" | ")
                    .append(r.succeeded())
                    .append('/')
                    .append(r.evaluated())
                    .append(" |\n");
        }
        sb.append('\n');
        for (PointRow r : rows) {
            sb.append("### ")
                    .append(r.point())
                    .append(" — ")
                    .append(r.task())
                    .append("\n\n![")
                    .append(r.point())
                    .append("](")
                    .append(r.heatmap())
                    .append(")\n\n");
        }
        return sb.toString();
    }

    private static String intro(EvalSettings settings, List<RunRef> runs) {
        return "Accuracy is exact match (answer and EOS) averaged over cells; mean ± sample std over seeds. "
                + "ID: cells within the training lengths; OOD: the rest of the grid's rectangle; beyond: cells "
                + "outside the rectangle (e.g. the 101..160 diagonal). " + runs.size() + " runs; success threshold "
                + pct(settings.threshold()) + " OOD accuracy.";
    }

    private static String html(
            String sweep,
            EvalSettings settings,
            List<PointRow> rows,
            Map<String, String> runHeatmaps,
            List<RunRef> runs,
            String beyondLabel) {
        StringBuilder sb = new StringBuilder();
        sb.append("<!DOCTYPE html>\n<html><head><meta charset=\"utf-8\"><title>Sweep ")
                .append(esc(sweep))
                .append("</title>\n<style>body{font-family:sans-serif;margin:2em}table{border-collapse:collapse}"
                        + "td,th{border:1px solid #ccc;padding:4px 8px;text-align:right}td:first-child,"
                        + "td:nth-child(2){text-align:left}img{max-width:600px;margin:4px}</style></head><body>\n");
        sb.append("<h1>Sweep ").append(esc(sweep)).append("</h1>\n");
        if (rows.isEmpty()) {
            return sb.append("</body></html>\n").toString();
        }
        sb.append("<p>")
                .append(esc(intro(settings, runs)))
                .append("</p>\n<table>\n<tr><th>point</th><th>task</th><th>seeds</th><th>ID acc %</th>"
                        + "<th>OOD acc %</th><th>")
                .append(esc(beyondLabel))
                .append(" acc %</th><th>seeds with OOD ≥ ")
                .append(pct(settings.threshold()))
                .append("</th></tr>\n");
        for (PointRow r : rows) {
            sb.append("<tr><td>")
                    .append(esc(r.point()))
                    .append("</td><td>")
                    .append(esc(r.task()))
                    .append("</td><td>")
                    .append(r.evaluated())
                    .append(r.evaluated() < r.seeds() ? " of " + r.seeds() : "")
                    .append("</td><td>")
                    .append(r.id().text())
                    .append("</td><td>")
                    .append(r.ood().text())
                    .append("</td><td>")
                    .append(r.beyond().text())
                    .append("</td><td>")
                    .append(r.succeeded())
                    .append('/')
                    .append(r.evaluated())
                    .append("</td></tr>\n");
        }
        sb.append("</table>\n<h2>Mean over seeds</h2>\n");
        for (PointRow r : rows) {
            sb.append("<figure style=\"display:inline-block\"><img src=\"")
                    .append(esc(r.heatmap()))
                    .append("\"><figcaption>")
                    .append(esc(r.point() + " — " + r.task()))
                    .append("</figcaption></figure>\n");
        }
        sb.append("<h2>Per run</h2>\n");
        runHeatmaps.forEach((label, path) -> sb.append("<figure style=\"display:inline-block\"><img src=\"")
                .append(esc(path))
                .append("\" style=\"max-width:300px\"><figcaption>")
                .append(esc(label))
                .append("</figcaption></figure>\n"));
        sb.append("</body></html>\n");
        return sb.toString();
    }

    static String esc(String s) {
        return s.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace("\"", "&quot;");
    }

    private static String pct(double v) {
        return String.format(Locale.ROOT, "%.0f%%", 100 * v);
    }

    /**
     * The runs of {@code sweep} from the runs table: the point label lists the flattened config columns
     * ({@code data_*}, {@code model_*}, {@code train_*}) whose values differ between the sweep's runs, except seed
     * columns; the seed is the first varying column whose name contains "seed" (0 when none).
     */
    public static List<RunRef> refsFromRunsTable(SparkSession spark, Storage storage, String sweep) {
        TableViews.register(spark, storage);
        Dataset<Row> runs = spark.table("runs").where(functions.col("sweep").equalTo(sweep));
        List<Row> rows = runs.collectAsList();
        if (rows.isEmpty()) {
            return List.of();
        }
        List<String> configCols = Arrays.stream(runs.columns())
                .filter(c -> c.startsWith("data_") || c.startsWith("model_") || c.startsWith("train_"))
                .toList();
        List<String> varying = new ArrayList<>();
        for (String c : configCols) {
            Set<Object> values = new HashSet<>();
            rows.forEach(r -> values.add(r.get(r.fieldIndex(c))));
            if (values.size() > 1) {
                varying.add(c);
            }
        }
        String seedCol = varying.stream()
                .filter(c -> c.toLowerCase(Locale.ROOT).contains("seed"))
                .findFirst()
                .orElse(null);
        List<String> axes = varying.stream()
                .filter(c -> !c.toLowerCase(Locale.ROOT).contains("seed"))
                .toList();
        List<RunRef> out = new ArrayList<>();
        for (Row r : rows) {
            List<String> parts = new ArrayList<>();
            for (String c : axes) {
                parts.add(c + "=" + r.get(r.fieldIndex(c)));
            }
            long seed = 0;
            if (seedCol != null && !r.isNullAt(r.fieldIndex(seedCol))) {
                seed = ((Number) r.get(r.fieldIndex(seedCol))).longValue();
            }
            out.add(new RunRef(
                    r.getString(r.fieldIndex("run_id")), parts.isEmpty() ? "all" : String.join(", ", parts), seed));
        }
        out.sort(java.util.Comparator.comparing(RunRef::point)
                .thenComparingLong(RunRef::seed)
                .thenComparing(RunRef::runId));
        return out.stream().filter(Objects::nonNull).toList();
    }
}
