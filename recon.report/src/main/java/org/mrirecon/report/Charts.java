package org.mrirecon.report;

import java.awt.BasicStroke;
import java.awt.Color;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.Function;

import org.jfree.chart.ChartFactory;
import org.jfree.chart.ChartUtils;
import org.jfree.chart.JFreeChart;
import org.jfree.chart.axis.NumberAxis;
import org.jfree.chart.plot.PlotOrientation;
import org.jfree.chart.plot.XYPlot;
import org.jfree.chart.renderer.xy.XYLineAndShapeRenderer;
import org.jfree.data.xy.XYSeries;
import org.jfree.data.xy.XYSeriesCollection;

/** The report's plots, drawn with JFreeChart as PNG bytes. */
final class Charts {

    private static final int WIDTH = 720;
    private static final int HEIGHT = 380;

    private Charts() {
    }

    /** A metric per slice, one line per method. */
    static byte[] perSlice(String metric, List<MethodResult> results, Function<MethodResult, double[]> values) {
        XYSeriesCollection data = new XYSeriesCollection();
        for (MethodResult r : results) {
            XYSeries s = new XYSeries(r.label());
            double[] v = values.apply(r);
            for (int i = 0; i < v.length; i++) {
                s.add(i, v[i]);
            }
            data.addSeries(s);
        }
        return render(ChartFactory.createXYLineChart(metric + " per slice", "slice", metric, data,
                PlotOrientation.VERTICAL, true, false, false));
    }

    /** A volume metric against the nominal acceleration, one line per method id. */
    static byte[] againstAcceleration(String metric, List<MethodResult> results,
            Function<MethodResult, Double> value) {
        Map<String, TreeMap<Integer, Double>> byMethod = new LinkedHashMap<>();
        for (MethodResult r : results) {
            byMethod.computeIfAbsent(r.methodId, k -> new TreeMap<>()).put(r.acceleration, value.apply(r));
        }
        XYSeriesCollection data = new XYSeriesCollection();
        byMethod.forEach((id, points) -> {
            XYSeries s = new XYSeries(id);
            points.forEach(s::add);
            data.addSeries(s);
        });
        return render(ChartFactory.createXYLineChart(metric + " against acceleration", "acceleration R", metric, data,
                PlotOrientation.VERTICAL, true, false, false));
    }

    private static byte[] render(JFreeChart chart) {
        chart.setBackgroundPaint(Color.WHITE);
        XYPlot plot = chart.getXYPlot();
        plot.setBackgroundPaint(new Color(250, 250, 250));
        plot.setDomainGridlinePaint(new Color(210, 210, 210));
        plot.setRangeGridlinePaint(new Color(210, 210, 210));
        XYLineAndShapeRenderer renderer = new XYLineAndShapeRenderer(true, true);
        for (int i = 0; i < plot.getDataset().getSeriesCount(); i++) {
            renderer.setSeriesStroke(i, new BasicStroke(2f));
        }
        plot.setRenderer(renderer);
        ((NumberAxis) plot.getRangeAxis()).setAutoRangeIncludesZero(false);
        ((NumberAxis) plot.getDomainAxis()).setStandardTickUnits(NumberAxis.createIntegerTickUnits());
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try {
            ChartUtils.writeChartAsPNG(out, chart, WIDTH, HEIGHT);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toByteArray();
    }
}
