package org.mrirecon.report;

import java.awt.BasicStroke;
import java.awt.Color;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

import org.jfree.chart.ChartFactory;
import org.jfree.chart.ChartUtils;
import org.jfree.chart.JFreeChart;
import org.jfree.chart.axis.NumberAxis;
import org.jfree.chart.plot.PlotOrientation;
import org.jfree.chart.plot.XYPlot;
import org.jfree.chart.renderer.xy.XYErrorRenderer;
import org.jfree.data.xy.YIntervalSeries;
import org.jfree.data.xy.YIntervalSeriesCollection;
import org.mrirecon.evaluation.ClusteredComparison;
import org.mrirecon.evaluation.Comparison;
import org.mrirecon.evaluation.Score;
import org.mrirecon.evaluation.TrialResult;

/**
 * The motion experiment: the same comparison at several motion rates (one report each, in its own folder), summed
 * up as a table and plots of the headline scores against the rate, with each trial's difference from the reference
 * trial and its interval clustered by subject. This is how the seed study's observation (the long clinical protocol
 * meets more motion than the short accelerated one) is shown or refuted on the phantom.
 */
public final class MotionReport {

    private MotionReport() {
    }

    /** One rate's comparison and the folder its report went to (relative to the summary). */
    public record Run(double rate, Comparison comparison, String folder) {
    }

    /** Writes motion.csv, motion.html and the plots; returns the files (motion.html first). */
    public static List<Path> write(Path dir, List<Run> runs) throws IOException {
        Files.createDirectories(dir);
        List<Path> files = new ArrayList<>();
        Comparison first = runs.get(0).comparison();
        List<Score> headline = first.headline();
        Path html = dir.resolve("motion.html");
        files.add(html);
        files.add(write(dir.resolve("motion.csv"), csv(runs, first.scores()).getBytes(StandardCharsets.UTF_8)));
        StringBuilder h = new StringBuilder("<!DOCTYPE html>\n<html lang=\"en\"><head><meta charset=\"utf-8\">"
                + "<title>Motion experiment</title><style>body{font-family:system-ui,Helvetica,Arial,sans-serif;"
                + "margin:24px;max-width:1200px}table{border-collapse:collapse;font-size:13px}td,th{border:1px solid "
                + "#ccc;padding:4px 8px;text-align:right}th{background:#f2f2f2}td.l{text-align:left}"
                + ".note{font-size:12px;color:#555}</style></head><body><h1>Motion experiment</h1>\n");
        h.append("<p>").append(HtmlPage.esc(first.title())).append(". Reference trial: <b>")
                .append(HtmlPage.esc(first.referenceLabel())).append("</b>. Scores ")
                .append(headline.isEmpty() ? "" : "against the " + headline.get(0).yardstick().description()
                        + " over the " + headline.get(0).region().description())
                .append(", mean over ").append(first.subjects()).append(" subject(s); differences from the reference ")
                .append("trial with 95% intervals clustered by subject where there are two or more.</p>\n");
        for (Score s : headline) {
            h.append("<h2>").append(HtmlPage.esc(Format.header(s.metric()))).append("</h2>").append(table(runs, s));
            byte[] plot = plot(runs, s);
            String name = "motion_" + s.metric().name().toLowerCase(Locale.ROOT) + ".png";
            files.add(write(dir.resolve(name), plot));
            h.append("<p><img alt=\"plot\" src=\"").append(ReportWriter.base64(plot)).append("\"></p>\n");
        }
        h.append("<h2>Reports per rate</h2><ul>");
        for (Run r : runs) {
            h.append("<li><a href=\"").append(r.folder()).append("/report.html\">").append(rate(r.rate()))
                    .append(" events/min</a>: images of every protocol, error maps, all scores</li>");
        }
        h.append("</ul></body></html>\n");
        write(html, h.toString().getBytes(StandardCharsets.UTF_8));
        return files;
    }

    /** The console form of the headline table. */
    public static String text(List<Run> runs) {
        StringBuilder b = new StringBuilder();
        for (Score s : runs.get(0).comparison().headline()) {
            b.append(String.format("%s against the %s, %s, by motion rate (mean over subjects; difference from %s "
                    + "[95%% CI]):%n", Format.header(s.metric()), s.yardstick().key(), s.region().key(),
                    runs.get(0).comparison().referenceLabel()));
            for (String label : runs.get(0).comparison().labels()) {
                b.append(String.format("  %-24s", label));
                for (Run r : runs) {
                    b.append(String.format(" | %s/min %s %s", rate(r.rate()), Format.value(s,
                            Summary.mean(r.comparison().resultsOf(label), s)), interval(r.comparison(), label, s)));
                }
                b.append('\n');
            }
        }
        return b.toString();
    }

    private static String table(List<Run> runs, Score s) {
        StringBuilder t = new StringBuilder("<table><tr><th class=\"l\">trial</th>");
        for (Run r : runs) {
            t.append("<th>").append(rate(r.rate())).append(" /min</th><th>difference [95% CI]</th>");
        }
        t.append("</tr>\n");
        for (String label : runs.get(0).comparison().labels()) {
            t.append("<tr><td class=\"l\">").append(HtmlPage.esc(label)).append("</td>");
            for (Run r : runs) {
                t.append("<td>").append(Format.value(s, Summary.mean(r.comparison().resultsOf(label), s)))
                        .append("</td><td>").append(interval(r.comparison(), label, s)).append("</td>");
            }
            t.append("</tr>\n");
        }
        return t.append("</table>\n").toString();
    }

    private static String interval(Comparison c, String label, Score s) {
        if (label.equals(c.referenceLabel())) {
            return "(reference)";
        }
        ClusteredComparison g = c.clustered(label).get(s);
        if (g == null) {
            return "n/a";
        }
        if (!g.hasInterval()) {
            return Format.difference(s.metric(), g.meanDifference()) + " (one subject)";
        }
        return Format.difference(s.metric(), g.meanDifference()) + " [" + Format.difference(s.metric(), g.ciLow())
                + ", " + Format.difference(s.metric(), g.ciHigh()) + "]";
    }

    private static String csv(List<Run> runs, List<Score> scores) {
        StringBuilder b = new StringBuilder("events_per_minute,trial,subjects,yardstick,region,metric,mean,"
                + "difference_from_reference,ci95_low,ci95_high\n");
        for (Run r : runs) {
            Comparison c = r.comparison();
            for (String label : c.labels()) {
                for (Score s : scores) {
                    ClusteredComparison g = c.clustered(label).get(s);
                    boolean ci = g != null && g.hasInterval();
                    b.append(String.join(",", Format.raw(r.rate()), label.contains(",") ? "\"" + label + "\"" : label,
                            Integer.toString(c.subjects()), s.yardstick().key(), s.region().key(), s.metric().name(),
                            Format.raw(Summary.mean(c.resultsOf(label), s)),
                            g == null ? "nan" : Format.raw(g.meanDifference()), ci ? Format.raw(g.ciLow()) : "nan",
                            ci ? Format.raw(g.ciHigh()) : "nan")).append('\n');
                }
            }
        }
        return b.toString();
    }

    /** Mean score against the rate per trial, with the spread over subjects (mean +- SD) as error bars. */
    private static byte[] plot(List<Run> runs, Score s) {
        YIntervalSeriesCollection data = new YIntervalSeriesCollection();
        for (String label : runs.get(0).comparison().labels()) {
            YIntervalSeries series = new YIntervalSeries(label);
            for (Run r : runs) {
                List<TrialResult> rs = r.comparison().resultsOf(label);
                double mean = Summary.mean(rs, s);
                if (!Double.isFinite(mean)) {
                    continue;
                }
                double ss = 0;
                for (TrialResult t : rs) {
                    ss += (t.volume(s) - mean) * (t.volume(s) - mean);
                }
                double sd = rs.size() > 1 ? Math.sqrt(ss / (rs.size() - 1)) : 0;
                series.add(r.rate(), mean, mean - sd, mean + sd);
            }
            data.addSeries(series);
        }
        JFreeChart chart = ChartFactory.createXYLineChart(s.metric().name() + " against motion (" + s.yardstick().key()
                + ", " + s.region().key() + "; bars: SD over subjects)", "motion events per minute",
                Format.header(s.metric()), data, PlotOrientation.VERTICAL, true, false, false);
        chart.setBackgroundPaint(Color.WHITE);
        XYPlot plot = chart.getXYPlot();
        plot.setBackgroundPaint(new Color(250, 250, 250));
        XYErrorRenderer renderer = new XYErrorRenderer();
        renderer.setDefaultLinesVisible(true);
        renderer.setDrawXError(false);
        for (int i = 0; i < data.getSeriesCount(); i++) {
            renderer.setSeriesStroke(i, new BasicStroke(2f));
        }
        plot.setRenderer(renderer);
        ((NumberAxis) plot.getRangeAxis()).setAutoRangeIncludesZero(false);
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try {
            ChartUtils.writeChartAsPNG(out, chart, 760, 400);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toByteArray();
    }

    private static String rate(double r) {
        return r == Math.rint(r) ? Long.toString((long) r) : String.format(Locale.ROOT, "%.3g", r);
    }

    private static Path write(Path file, byte[] bytes) throws IOException {
        Files.write(file, bytes);
        return file;
    }
}
