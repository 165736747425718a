package lab.abacus.report;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import lab.abacus.grid.EvalSettings;
import lab.abacus.report.SweepReport.RunRef;
import lab.abacus.storage.Storage;
import org.apache.hadoop.fs.Path;
import org.apache.spark.sql.SparkSession;

/**
 * The sweep report's section for points scored during training rather than on a grid (the structural tasks):
 * grokking curves per point, the weight norm (total and ÷ layers) and the attention entropy against step, and the
 * inverted U with both success criteria ({@link GrokkingTable}). Figures go under {@code report/curves/}.
 */
final class GrokkingReport {

    /** The section's Markdown and HTML (both empty when no point has held-out curves). */
    record Section(String markdown, String html) {}

    private GrokkingReport() {}

    static Section write(
            SparkSession spark, Storage storage, Path dir, EvalSettings settings, Map<String, List<RunRef>> byPoint) {
        Map<String, List<HeldOutCurves.Point>> curves = HeldOutCurves.read(
                spark,
                byPoint.values().stream()
                        .flatMap(List::stream)
                        .map(RunRef::runId)
                        .toList());
        Map<String, List<List<HeldOutCurves.Point>>> seeds = new LinkedHashMap<>();
        byPoint.forEach((point, runs) -> {
            List<List<HeldOutCurves.Point>> list = runs.stream()
                    .map(r -> curves.getOrDefault(r.runId(), List.of()))
                    .filter(c -> !c.isEmpty())
                    .toList();
            if (!list.isEmpty()) {
                seeds.put(point, list);
            }
        });
        if (seeds.isEmpty()) {
            return new Section("", "");
        }
        List<GrokkingTable> rows = new ArrayList<>();
        Map<String, String> figures = new LinkedHashMap<>();
        seeds.forEach((point, list) -> {
            rows.add(GrokkingTable.of(point, list, settings.threshold(), settings.lastK()));
            figures.put(point, figure(storage, dir, point, CurveCharts.accuracy(point, list)));
        });
        String maxLabel = "OOD > " + pct(settings.threshold()) + " at some evaluation";
        String lastLabel = "OOD > " + pct(settings.threshold()) + " at the last " + settings.lastK();
        figures.put(
                "fraction of seeds that generalise",
                figure(storage, dir, "inverted-u", CurveCharts.invertedU("", rows, maxLabel, lastLabel)));
        measureFigure(storage, dir, seeds, figures, "weight norm", HeldOutCurves.Point::weightNorm);
        measureFigure(storage, dir, seeds, figures, "weight norm per layer", HeldOutCurves.Point::weightNormPerLayer);
        measureFigure(storage, dir, seeds, figures, "attention entropy", HeldOutCurves.Point::attentionEntropy);
        measureFigure(storage, dir, seeds, figures, "t_score", HeldOutCurves.Point::tScore);
        return new Section(markdown(rows, figures, maxLabel, lastLabel), html(rows, figures, maxLabel, lastLabel));
    }

    /** A measure against step per point (mean over seeds), when any run has it. */
    private static void measureFigure(
            Storage storage,
            Path dir,
            Map<String, List<List<HeldOutCurves.Point>>> seeds,
            Map<String, String> figures,
            String name,
            java.util.function.Function<HeldOutCurves.Point, Double> value) {
        boolean any = seeds.values().stream()
                .flatMap(List::stream)
                .flatMap(List::stream)
                .anyMatch(p -> value.apply(p) != null);
        if (any) {
            figures.put(
                    name + " (mean over seeds)",
                    figure(storage, dir, name.replace(' ', '-'), CurveCharts.measure("", name, seeds, value)));
        }
    }

    private static String figure(Storage storage, Path dir, String name, byte[] png) {
        String file = "curves/" + ReportData.slug(name) + ".png";
        storage.writeAtomically(new Path(dir, file), o -> o.write(png));
        return file;
    }

    private static final String INTRO = "Held-out accuracy during training (in distribution: the val split; out of"
            + " distribution: the gen split), on the same samples at every evaluation; mean ± sample std over seeds."
            + " The paper leaves open when a seed counts as generalising, so both criteria are shown.";

    private static List<String> cells(GrokkingTable r) {
        return List.of(
                r.point(),
                String.valueOf(r.seeds()),
                r.finalId().text(),
                r.finalOod().text(),
                r.maxOod().text(),
                r.succeededMax() + "/" + r.seeds(),
                r.succeededLastK() + "/" + r.seeds());
    }

    private static List<String> headers(String maxLabel, String lastLabel) {
        return List.of(
                "point",
                "seeds",
                "final ID %",
                "final OOD %",
                "best OOD %",
                "seeds: " + maxLabel,
                "seeds: " + lastLabel);
    }

    private static String markdown(
            List<GrokkingTable> rows, Map<String, String> figures, String maxLabel, String lastLabel) {
        StringBuilder sb =
                new StringBuilder("## Held-out curves\n\n").append(INTRO).append("\n\n");
        sb.append("| ").append(String.join(" | ", headers(maxLabel, lastLabel))).append(" |\n");
        sb.append("|---".repeat(7)).append("|\n");
        rows.forEach(r -> sb.append("| ").append(String.join(" | ", cells(r))).append(" |\n"));
        sb.append('\n');
        figures.forEach((label, file) -> sb.append("### ")
                .append(label)
                .append("\n\n![")
                .append(label)
                .append("](")
                .append(file)
                .append(")\n\n"));
        return sb.toString();
    }

    private static String html(
            List<GrokkingTable> rows, Map<String, String> figures, String maxLabel, String lastLabel) {
        StringBuilder sb = new StringBuilder("<h2>Held-out curves</h2>\n<p>")
                .append(SweepReport.esc(INTRO))
                .append("</p>\n<table>\n<tr>");
        headers(maxLabel, lastLabel)
                .forEach(h -> sb.append("<th>").append(SweepReport.esc(h)).append("</th>"));
        sb.append("</tr>\n");
        for (GrokkingTable r : rows) {
            sb.append("<tr>");
            cells(r).forEach(c -> sb.append("<td>").append(SweepReport.esc(c)).append("</td>"));
            sb.append("</tr>\n");
        }
        sb.append("</table>\n");
        figures.forEach((label, file) -> sb.append("<figure style=\"display:inline-block\"><img src=\"")
                .append(SweepReport.esc(file))
                .append("\"><figcaption>")
                .append(SweepReport.esc(label))
                .append("</figcaption></figure>\n"));
        return sb.toString();
    }

    private static String pct(double v) {
        return String.format(Locale.ROOT, "%.0f%%", 100 * v);
    }
}
