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

import org.jfree.chart.ChartFactory;
import org.jfree.chart.ChartUtils;
import org.jfree.chart.JFreeChart;
import org.jfree.chart.axis.NumberAxis;
import org.jfree.chart.plot.PlotOrientation;
import org.jfree.chart.plot.XYPlot;
import org.jfree.chart.renderer.xy.XYLineAndShapeRenderer;
import org.jfree.data.xy.XYSeries;
import org.jfree.data.xy.XYSeriesCollection;
import org.mrirecon.evaluation.Comparison;
import org.mrirecon.evaluation.Score;
import org.mrirecon.evaluation.TrialResult;

/**
 * The report's plots, drawn with JFreeChart as PNG bytes. Points that are not finite (an exact image's infinite PSNR,
 * an undefined NMSE) are left out and the title says how many; a chart never fails on them.
 */
final class Charts {

    private static final int WIDTH = 720;
    private static final int HEIGHT = 380;

    private Charts() {
    }

    /** A score per slice (the real slice numbers), one line per trial (first subject). */
    static byte[] perSlice(Comparison c, Score score) {
        XYSeriesCollection data = new XYSeriesCollection();
        int skipped = 0;
        for (String label : c.labels()) {
            TrialResult r = c.resultsOf(label).get(0);
            if (r.failed() || !r.has(score)) {
                continue;
            }
            XYSeries s = new XYSeries(label, true, false);
            double[] v = r.perSlice(score);
            int[] numbers = r.sliceNumbers();
            for (int i = 0; i < v.length; i++) {
                if (Double.isFinite(v[i])) {
                    s.add(numbers[i], v[i]);
                } else {
                    skipped++;
                }
            }
            data.addSeries(s);
        }
        return render(ChartFactory.createXYLineChart(score.metric().name() + " per slice against the "
                + score.yardstick().key() + ", " + score.region().description() + note(skipped), "slice",
                Format.header(score.metric()), data, PlotOrientation.VERTICAL, true, false, false));
    }

    /** A volume score against the acceleration, one line per method id. */
    static byte[] againstAcceleration(Comparison c, Score score) {
        Map<String, TreeMap<Integer, Double>> byMethod = new LinkedHashMap<>();
        int skipped = 0;
        for (String label : c.labels()) {
            List<TrialResult> rs = c.resultsOf(label);
            TrialResult r = rs.get(0);
            double v = Summary.mean(rs, score);
            if (r.failed() || !Double.isFinite(v)) {
                skipped++;
                continue;
            }
            byMethod.computeIfAbsent(r.trial().methodId() + (r.trial().parameters().isEmpty() ? ""
                    : " " + r.trial().parameters()), k -> new TreeMap<>()).put(r.acceleration(), v);
        }
        XYSeriesCollection data = new XYSeriesCollection();
        byMethod.forEach((id, points) -> {
            XYSeries s = new XYSeries(id);
            points.forEach(s::add);
            data.addSeries(s);
        });
        return render(ChartFactory.createXYLineChart(score.metric().name() + " against acceleration ("
                + score.yardstick().key() + ", " + score.region().key() + ")" + note(skipped), "acceleration R",
                Format.header(score.metric()), data, PlotOrientation.VERTICAL, true, false, false));
    }

    private static String note(int skipped) {
        return skipped == 0 ? "" : " (" + skipped + " non-finite values not drawn)";
    }

    private static byte[] render(JFreeChart chart) {
        chart.setBackgroundPaint(Color.WHITE);
        chart.getTitle().setFont(chart.getTitle().getFont().deriveFont(13f));
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
