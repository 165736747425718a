package lab.abacus.report;

import java.awt.BasicStroke;
import java.awt.Color;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.Function;
import org.jfree.chart.JFreeChart;
import org.jfree.chart.axis.CategoryAxis;
import org.jfree.chart.axis.NumberAxis;
import org.jfree.chart.plot.CategoryPlot;
import org.jfree.chart.plot.Plot;
import org.jfree.chart.plot.XYPlot;
import org.jfree.chart.renderer.category.LineAndShapeRenderer;
import org.jfree.chart.renderer.xy.XYLineAndShapeRenderer;
import org.jfree.data.category.DefaultCategoryDataset;
import org.jfree.data.xy.XYSeries;
import org.jfree.data.xy.XYSeriesCollection;

/**
 * The grokking figures (structural-grokking §4): held-out accuracy against step for one sweep point (every seed
 * thin, the mean over seeds thick; in distribution blue, out of distribution orange), a measure against step for
 * every point (the weight norm), and the fraction of seeds that generalise against the sweep point (the inverted U).
 * Rendered headless with JFreeChart, like the heatmaps.
 */
final class CurveCharts {

    private static final Color ID = new Color(0x1f77b4);
    private static final Color OOD = new Color(0xff7f0e);
    private static final BasicStroke THIN = new BasicStroke(0.8f);
    private static final BasicStroke THICK = new BasicStroke(2.6f);

    private CurveCharts() {}

    /** ID and OOD accuracy (%) against step: each seed thin, the mean over seeds thick. */
    static byte[] accuracy(String title, List<List<HeldOutCurves.Point>> seeds) {
        XYSeriesCollection data = new XYSeriesCollection();
        XYLineAndShapeRenderer renderer = new XYLineAndShapeRenderer(true, false);
        int s = 0;
        for (String side : List.of("ID", "OOD")) {
            Function<HeldOutCurves.Point, Double> value =
                    side.equals("ID") ? HeldOutCurves.Point::id : HeldOutCurves.Point::ood;
            Color colour = side.equals("ID") ? ID : OOD;
            for (int seed = 0; seed < seeds.size(); seed++) {
                data.addSeries(series(side + " seed " + seed, seeds.get(seed), value, 100));
                style(renderer, s++, colour, THIN);
            }
            data.addSeries(mean(side + " mean", seeds, value, 100));
            style(renderer, s++, colour, THICK);
        }
        return xyChart(title, data, renderer, "held-out accuracy (%)", 0, 100.5);
    }

    /** One measure against step for several points: the mean over each point's seeds. */
    static byte[] measure(
            String title,
            String axis,
            Map<String, List<List<HeldOutCurves.Point>>> byPoint,
            Function<HeldOutCurves.Point, Double> value) {
        XYSeriesCollection data = new XYSeriesCollection();
        XYLineAndShapeRenderer renderer = new XYLineAndShapeRenderer(true, false);
        byPoint.forEach((point, seeds) -> data.addSeries(mean(point, seeds, value, 1)));
        return xyChart(title, data, renderer, axis, Double.NaN, Double.NaN);
    }

    /** The fraction of seeds that generalise per point, by both criteria. */
    static byte[] invertedU(String title, List<GrokkingTable> rows, String maxLabel, String lastLabel) {
        DefaultCategoryDataset data = new DefaultCategoryDataset();
        for (GrokkingTable r : rows) {
            data.addValue(r.fractionMax(), maxLabel, r.point());
            data.addValue(r.fractionLastK(), lastLabel, r.point());
        }
        NumberAxis y = new NumberAxis("fraction of seeds");
        y.setRange(0, 1.02);
        LineAndShapeRenderer renderer = new LineAndShapeRenderer(true, true);
        renderer.setSeriesPaint(0, OOD);
        renderer.setSeriesPaint(1, ID);
        CategoryPlot plot = new CategoryPlot(data, new CategoryAxis("sweep point"), y, renderer);
        plot.setRangeGridlinePaint(Color.LIGHT_GRAY);
        return png(title, plot);
    }

    private static XYSeries series(
            String name, List<HeldOutCurves.Point> curve, Function<HeldOutCurves.Point, Double> value, double scale) {
        XYSeries s = new XYSeries(name, false);
        for (HeldOutCurves.Point p : curve) {
            Double v = value.apply(p);
            if (v != null) {
                s.add((double) p.step(), scale * v);
            }
        }
        return s;
    }

    /** The mean over seeds, times {@code scale}, at each step where at least one seed has a value. */
    private static XYSeries mean(
            String name,
            List<List<HeldOutCurves.Point>> seeds,
            Function<HeldOutCurves.Point, Double> value,
            double scale) {
        TreeMap<Long, double[]> sums = new TreeMap<>();
        for (List<HeldOutCurves.Point> curve : seeds) {
            curve.stream().filter(p -> value.apply(p) != null).forEach(p -> {
                double[] sn = sums.computeIfAbsent(p.step(), k -> new double[2]);
                sn[0] += value.apply(p);
                sn[1]++;
            });
        }
        XYSeries s = new XYSeries(name, false);
        sums.forEach((step, sn) -> s.add(step.doubleValue(), scale * sn[0] / sn[1]));
        return s;
    }

    private static void style(XYLineAndShapeRenderer r, int series, Color colour, BasicStroke stroke) {
        r.setSeriesPaint(series, colour);
        r.setSeriesStroke(series, stroke);
        r.setSeriesVisibleInLegend(series, stroke == THICK);
    }

    private static byte[] xyChart(
            String title, XYSeriesCollection data, XYLineAndShapeRenderer renderer, String axis, double lo, double hi) {
        NumberAxis y = new NumberAxis(axis);
        if (!Double.isNaN(lo)) {
            y.setRange(lo, hi);
        } else {
            y.setAutoRangeIncludesZero(false);
        }
        XYPlot plot = new XYPlot(data, new NumberAxis("step"), y, renderer);
        plot.setRangeGridlinePaint(Color.LIGHT_GRAY);
        return png(title, plot);
    }

    /** The figure on white with a legend, 800 x 500. */
    private static byte[] png(String title, Plot plot) {
        plot.setBackgroundPaint(Color.WHITE);
        JFreeChart chart = new JFreeChart(title, JFreeChart.DEFAULT_TITLE_FONT.deriveFont(14f), plot, true);
        chart.setBackgroundPaint(Color.WHITE);
        return Heatmap.write(chart, 800, 500);
    }
}
