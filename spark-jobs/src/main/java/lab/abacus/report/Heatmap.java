package lab.abacus.report;

import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.geom.Rectangle2D;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.List;
import lab.abacus.grid.GridSpec;
import lab.abacus.task.TaskKind;
import org.jfree.chart.ChartUtils;
import org.jfree.chart.JFreeChart;
import org.jfree.chart.annotations.XYShapeAnnotation;
import org.jfree.chart.axis.AxisLocation;
import org.jfree.chart.axis.NumberAxis;
import org.jfree.chart.plot.XYPlot;
import org.jfree.chart.renderer.LookupPaintScale;
import org.jfree.chart.renderer.PaintScale;
import org.jfree.chart.renderer.xy.XYBlockRenderer;
import org.jfree.chart.renderer.xy.XYLineAndShapeRenderer;
import org.jfree.chart.title.PaintScaleLegend;
import org.jfree.chart.ui.RectangleEdge;
import org.jfree.chart.ui.RectangleInsets;
import org.jfree.data.xy.DefaultXYZDataset;
import org.jfree.data.xy.XYSeries;
import org.jfree.data.xy.XYSeriesCollection;

/**
 * Figure-1-style heatmaps (abacus-reference §6.6): accuracy in % per cell on a YlGnBu-like scale, len_a on the
 * y axis ("1st number length"), len_b on the x axis ("2nd number length"), and a red rectangle around the training
 * lengths. The scale is fixed to 0..100 so heatmaps of different runs compare at a glance (the reference's addition
 * plots scale to each grid's min..max). Rendered headless with JFreeChart.
 */
public final class Heatmap {

    static {
        System.setProperty("java.awt.headless", "true");
    }

    /** ColorBrewer YlGnBu, 9 classes, light (0 %) to dark (100 %). */
    private static final Color[] YL_GN_BU = {
        new Color(0xffffd9),
        new Color(0xedf8b1),
        new Color(0xc7e9b4),
        new Color(0x7fcdbb),
        new Color(0x41b6c4),
        new Color(0x1d91c0),
        new Color(0x225ea8),
        new Color(0x253494),
        new Color(0x081d58)
    };

    private Heatmap() {}

    /** The colour scale: 0..100 %, interpolated between the YlGnBu classes in 1 % steps. */
    public static PaintScale scale() {
        LookupPaintScale s = new LookupPaintScale(0, 100.0001, YL_GN_BU[0]);
        for (int p = 0; p <= 100; p++) {
            double t = p / 100.0 * (YL_GN_BU.length - 1);
            int i = Math.min((int) t, YL_GN_BU.length - 2);
            double f = t - i;
            Color a = YL_GN_BU[i];
            Color b = YL_GN_BU[i + 1];
            s.add(
                    p,
                    new Color(
                            (int) Math.round(a.getRed() + f * (b.getRed() - a.getRed())),
                            (int) Math.round(a.getGreen() + f * (b.getGreen() - a.getGreen())),
                            (int) Math.round(a.getBlue() + f * (b.getBlue() - a.getBlue()))));
        }
        return s;
    }

    /** Axis labels: the paper's for two-operand tasks, the sorting plot's for sorting. */
    static String[] axisLabels(String task) {
        return TaskKind.fromConfigName(task) == TaskKind.SORTING
                ? new String[] {"Maximum digits per number", "Length of array to sort"}
                : new String[] {"1st number length", "2nd number length"};
    }

    /** PNG of the rectangle part of {@code grid}. */
    public static byte[] png(CellGrid grid, String title, int width, int height) {
        GridSpec r = grid.rectangle();
        List<CellGrid.Cell> cells = grid.cells().stream()
                .filter(c -> r.inRectangle(c.lenA(), c.lenB()))
                .toList();
        double[][] xyz = new double[3][cells.size()];
        for (int i = 0; i < cells.size(); i++) {
            xyz[0][i] = cells.get(i).lenB();
            xyz[1][i] = cells.get(i).lenA();
            xyz[2][i] = 100 * cells.get(i).accuracy();
        }
        DefaultXYZDataset data = new DefaultXYZDataset();
        data.addSeries("accuracy", xyz);
        String[] labels = axisLabels(grid.task());
        NumberAxis x = new NumberAxis(labels[1]);
        x.setRange(r.bMin() - 0.5, r.bMax() + 0.5);
        x.setStandardTickUnits(NumberAxis.createIntegerTickUnits());
        x.setLowerMargin(0);
        x.setUpperMargin(0);
        NumberAxis y = new NumberAxis(labels[0]);
        y.setRange(r.aMin() - 0.5, r.aMax() + 0.5);
        y.setStandardTickUnits(NumberAxis.createIntegerTickUnits());
        XYBlockRenderer renderer = new XYBlockRenderer();
        renderer.setBlockWidth(1);
        renderer.setBlockHeight(1);
        PaintScale scale = scale();
        renderer.setPaintScale(scale);
        XYPlot plot = new XYPlot(data, x, y, renderer);
        plot.setBackgroundPaint(new Color(0xeeeeee));
        plot.setDomainGridlinesVisible(false);
        plot.setRangeGridlinesVisible(false);
        plot.setAxisOffset(RectangleInsets.ZERO_INSETS);
        int[] box = grid.idBox();
        if (box[0] > 0) {
            plot.addAnnotation(new XYShapeAnnotation(
                    new Rectangle2D.Double(
                            r.bMin() - 0.5, r.aMin() - 0.5, box[1] - r.bMin() + 1, box[0] - r.aMin() + 1),
                    new BasicStroke(2.5f),
                    Color.RED));
        }
        JFreeChart chart = new JFreeChart(title, JFreeChart.DEFAULT_TITLE_FONT.deriveFont(14f), plot, false);
        NumberAxis legendAxis = new NumberAxis("accuracy (%)");
        legendAxis.setRange(0, 100);
        PaintScaleLegend legend = new PaintScaleLegend(scale, legendAxis);
        legend.setPosition(RectangleEdge.RIGHT);
        legend.setAxisLocation(AxisLocation.TOP_OR_RIGHT);
        legend.setMargin(new RectangleInsets(10, 10, 10, 10));
        legend.setStripWidth(15);
        chart.addSubtitle(legend);
        chart.setBackgroundPaint(Color.WHITE);
        return write(chart, width, height);
    }

    /** PNG of accuracy % along the cells beyond the rectangle (len_a = len_b), or null when there are none. */
    public static byte[] diagonalPng(CellGrid grid, String title, int width, int height) {
        GridSpec r = grid.rectangle();
        XYSeries s = new XYSeries("accuracy");
        grid.cells().stream()
                .filter(c -> !r.inRectangle(c.lenA(), c.lenB()))
                .forEach(c -> s.add(c.lenA(), 100 * c.accuracy()));
        if (s.isEmpty()) {
            return null;
        }
        NumberAxis x = new NumberAxis("operand length (both operands)");
        x.setAutoRangeIncludesZero(false);
        x.setStandardTickUnits(NumberAxis.createIntegerTickUnits());
        NumberAxis y = new NumberAxis("accuracy (%)");
        y.setRange(0, 100.5);
        XYLineAndShapeRenderer renderer = new XYLineAndShapeRenderer(true, true);
        renderer.setSeriesPaint(0, YL_GN_BU[6]);
        XYPlot plot = new XYPlot(new XYSeriesCollection(s), x, y, renderer);
        plot.setBackgroundPaint(Color.WHITE);
        plot.setRangeGridlinePaint(Color.LIGHT_GRAY);
        JFreeChart chart = new JFreeChart(title, JFreeChart.DEFAULT_TITLE_FONT.deriveFont(14f), plot, false);
        chart.setBackgroundPaint(Color.WHITE);
        return write(chart, width, height);
    }

    static byte[] write(JFreeChart chart, int width, int height) {
        try {
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            ChartUtils.writeChartAsPNG(out, chart, width, height);
            return out.toByteArray();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
