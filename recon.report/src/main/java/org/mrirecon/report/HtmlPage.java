package org.mrirecon.report;

import java.time.LocalDate;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import org.mrirecon.evaluation.ClusteredComparison;
import org.mrirecon.evaluation.Comparison;
import org.mrirecon.evaluation.Evaluation;
import org.mrirecon.evaluation.Foreground;
import org.mrirecon.evaluation.Metric;
import org.mrirecon.evaluation.Metrics;
import org.mrirecon.evaluation.PairedComparison;
import org.mrirecon.evaluation.Region;
import org.mrirecon.evaluation.Score;
import org.mrirecon.evaluation.TrialResult;
import org.mrirecon.evaluation.Yardstick;
import org.mrirecon.evaluation.Yardsticks;

/** The self-contained HTML report: every image and plot is embedded as a data URI, so the file can be mailed. */
final class HtmlPage {

    private HtmlPage() {
    }

    static String render(Comparison c, Display display, List<byte[]> plots) {
        StringBuilder h = new StringBuilder(1 << 20);
        h.append("<!DOCTYPE html>\n<html lang=\"en\"><head><meta charset=\"utf-8\">")
                .append("<title>Reconstruction comparison</title><style>")
                .append("body{font-family:system-ui,Helvetica,Arial,sans-serif;margin:24px;color:#222;max-width:1400px}")
                .append("h1{font-size:22px}h2{font-size:18px;margin-top:32px;border-bottom:1px solid #ddd}")
                .append("table{border-collapse:collapse;font-size:13px}td,th{border:1px solid #ccc;padding:4px 8px;")
                .append("text-align:right}th{background:#f2f2f2}td.l,th.l{text-align:left}")
                .append(".grid{display:grid;gap:6px;align-items:start}.grid figure{margin:0}")
                .append(".grid img{width:100%;image-rendering:pixelated;background:#000}")
                .append("figcaption{font-size:12px;text-align:center;padding:2px}")
                .append(".ok{color:#1a7f37;font-weight:600}.bad{color:#b42318;font-weight:600}")
                .append(".note{font-size:12px;color:#555}.plots img{max-width:49%}</style></head><body>\n");
        List<Score> headline = c.headline();
        h.append("<h1>Reconstruction comparison</h1><p>Data: ").append(esc(c.title()))
                .append(". Reference trial for the statistics: <b>").append(esc(c.referenceLabel()))
                .append("</b>. Written ").append(LocalDate.now()).append(".</p>\n");
        if (!headline.isEmpty()) {
            Score s = headline.get(0);
            h.append("<p><b>Scores below are measured against the ").append(esc(s.yardstick().description()))
                    .append(" over the ").append(esc(s.region().description())).append("</b>")
                    .append(s.yardstick() == Yardstick.TRUTH ? "; the scores against the fully sampled reference "
                            + "(fastMRI's convention, which rewards reproducing its noise) follow in a second table"
                            : "").append(". Scoring convention: ").append(esc(Evaluation.SCORING_CONVENTION))
                    .append(".</p>\n");
        } else {
            h.append("<p class=\"note\">The data has no reference and no truth: no scores, statistics or error maps "
                    + "(metrics not computed).</p>\n");
        }
        if (!c.notes().isEmpty()) {
            h.append("<h2>Notes on the data</h2><ul class=\"note\">");
            c.notes().forEach(n -> h.append("<li>").append(esc(n)).append("</li>"));
            h.append("</ul>\n");
        }
        resultsTable(h, c, headline, headline.isEmpty() ? "Results" : "Results against the "
                + headline.get(0).yardstick().description() + ", " + headline.get(0).region().description());
        for (Yardstick y : Yardstick.values()) {
            for (Region r : Region.values()) {
                List<Score> group = group(c, y, r);
                if (!group.isEmpty() && !group.equals(headline)) {
                    resultsTable(h, c, group, "Against the " + y.description() + ", " + r.description());
                }
            }
        }
        statisticsTable(h, c, headline);
        imageGrid(h, c, display);
        if (!plots.isEmpty()) {
            h.append("<h2>Plots</h2><div class=\"plots\">");
            for (byte[] plot : plots) {
                h.append("<img alt=\"plot\" src=\"").append(ReportWriter.base64(plot)).append("\"> ");
            }
            h.append("</div>\n");
        }
        notes(h, c);
        h.append("</body></html>\n");
        return h.toString();
    }

    private static List<Score> group(Comparison c, Yardstick y, Region r) {
        return c.scores().stream().filter(s -> s.yardstick() == y && s.region() == r).toList();
    }

    private static void resultsTable(StringBuilder h, Comparison c, List<Score> scores, String title) {
        h.append("<h2>").append(esc(title)).append("</h2><table><tr><th class=\"l\">trial</th>")
                .append("<th class=\"l\">method (bundle, version)</th><th>accel.</th><th>ACS</th>")
                .append("<th>R<sub>eff</sub></th><th>scan time</th><th>saving vs ref.</th>");
        for (Score s : scores) {
            h.append("<th>").append(esc(Format.header(s.metric()))).append("</th>");
        }
        h.append("<th>s/slice</th></tr>\n");
        for (String label : c.labels()) {
            List<TrialResult> rs = c.resultsOf(label);
            TrialResult r = rs.get(0);
            h.append("<tr><td class=\"l\">").append(esc(label)).append("</td><td class=\"l\">")
                    .append(esc(r.method().displayName())).append(" <span class=\"note\">(")
                    .append(esc(r.method().bundle())).append(")</span></td>");
            if (r.failed()) {
                h.append("<td colspan=\"").append(5 + scores.size() + 1).append("\" class=\"l bad\">failed: ")
                        .append(esc(r.error())).append("</td></tr>\n");
                continue;
            }
            h.append("<td>").append(r.acceleration()).append("</td><td>").append(r.calibrationLines())
                    .append("</td>").append(td(String.format(Locale.ROOT, "%.2f", r.effectiveAcceleration())))
                    .append(td(Format.minutes(r.scanTimeSeconds())))
                    .append(td(String.format(Locale.ROOT, "%.0f%%", 100 * c.scanTimeSaving(r))));
            for (Score s : scores) {
                h.append(td(Format.value(s, Summary.mean(rs, s))));
            }
            h.append(td(String.format(Locale.ROOT, "%.3f", Summary.secondsPerSlice(rs)))).append("</tr>\n");
        }
        h.append("</table>\n");
    }

    private static void statisticsTable(StringBuilder h, Comparison c, List<Score> scores) {
        if (scores.isEmpty() || c.labels().size() < 2) {
            return;
        }
        h.append("<h2>Paired statistics against ").append(esc(c.referenceLabel())).append("</h2>");
        if (c.subjects() >= 2) {
            clusteredTable(h, c, scores);
            return;
        }
        h.append("<p class=\"bad\">").append(esc(ClusteredComparison.ONE_SUBJECT)).append(". The intervals below treat ")
                .append("the slices as independent: they describe these slices of this subject only.</p>")
                .append("<p class=\"note\">The headline scores; every score's statistics are in statistics.csv.</p>");
        h.append("<table><tr><th class=\"l\">trial</th><th class=\"l\">metric</th><th>slices</th>")
                .append("<th>mean diff.</th><th>SD</th><th>95% CI (per slice)</th><th>p (paired t)</th><th>margin</th>")
                .append("<th class=\"l\">per-slice verdict</th></tr>\n");
        boolean any = false;
        for (String label : c.labels()) {
            Map<Score, PairedComparison> stats = c.statistics(label);
            for (Score s : scores) {
                PairedComparison p = stats.get(s);
                if (p == null) {
                    continue;
                }
                any = true;
                Metric m = s.metric();
                h.append("<tr><td class=\"l\">").append(esc(label)).append("</td><td class=\"l\">")
                        .append(esc(Format.header(m))).append("</td><td>").append(p.n()).append("</td>")
                        .append(td(Format.difference(m, p.meanDifference())))
                        .append(td(Format.difference(m, p.sdDifference()))).append("<td>[")
                        .append(Format.difference(m, p.ciLow())).append(", ").append(Format.difference(m, p.ciHigh()))
                        .append("]</td>").append(td(String.format(Locale.ROOT, "%.3g", p.pValue())))
                        .append(td(String.format(Locale.ROOT, "%.3g", p.margin()))).append("<td class=\"l\">")
                        .append(p.verdict()).append("</td></tr>\n");
            }
        }
        h.append("</table>\n");
        if (!any) {
            h.append("<p class=\"note\">No statistics: they need at least 2 slices with finite scores.</p>\n");
        }
    }

    private static void clusteredTable(StringBuilder h, Comparison c, List<Score> scores) {
        h.append("<p class=\"note\">").append(esc(ClusteredComparison.METHOD)).append(" Interchangeable (the seed ")
                .append("study's reading): the upper 95% bound of the loss lies below the margin. Every score's ")
                .append("statistics, clustered and per slice, are in statistics.csv.</p>");
        h.append("<table><tr><th class=\"l\">trial</th><th class=\"l\">metric</th><th>subjects</th><th>slices</th>")
                .append("<th>mean diff.</th><th>robust SE</th><th>&rho;</th><th>95% CI</th><th>p</th><th>margin</th>")
                .append("<th>upper bound of loss</th><th>interchangeable</th><th class=\"l\">verdict</th></tr>\n");
        for (String label : c.labels()) {
            Map<Score, ClusteredComparison> stats = c.clustered(label);
            for (Score s : scores) {
                ClusteredComparison p = stats.get(s);
                if (p == null || !p.hasInterval()) {
                    continue;
                }
                Metric m = s.metric();
                h.append("<tr><td class=\"l\">").append(esc(label)).append("</td><td class=\"l\">")
                        .append(esc(Format.header(m))).append("</td><td>").append(p.subjects()).append("</td><td>")
                        .append(p.slices()).append("</td>").append(td(Format.difference(m, p.meanDifference())))
                        .append(td(Format.difference(m, p.standardError())))
                        .append(td(String.format(Locale.ROOT, "%.2f", p.workingCorrelation()))).append("<td>[")
                        .append(Format.difference(m, p.ciLow())).append(", ").append(Format.difference(m, p.ciHigh()))
                        .append("]</td>").append(td(String.format(Locale.ROOT, "%.3g", p.pValue())))
                        .append(td(String.format(Locale.ROOT, "%.3g", p.margin())))
                        .append(td(Format.difference(m, p.lossUpperBound()))).append(yesNo(p.interchangeable()))
                        .append("<td class=\"l\">").append(p.verdict()).append("</td></tr>\n");
            }
        }
        h.append("</table>\n");
    }

    private static void imageGrid(StringBuilder h, Comparison c, Display d) {
        Yardsticks y = c.yardsticks();
        List<TrialResult> results = ReportWriter.firstSubject(c).stream()
                .filter(r -> !r.failed() && !r.images().isEmpty()).toList();
        if (y == null || results.isEmpty()) {
            return;
        }
        int rows = y.rows();
        int cols = y.cols();
        int s = results.get(0).slices() / 2;
        int number = results.get(0).sliceNumbers()[s];
        Yardstick against = ReportWriter.headlineYardstick(c);
        Score caption = c.headline().stream().filter(x -> x.metric() == Metrics.SSIM).findFirst().orElse(null);
        float[] ref = against == null ? null : y.images(against)[s];
        float white = Pictures.percentile(ref != null ? ref : results.get(0).images().get(s), 99.5);
        h.append("<h2>Images, slice ").append(number).append("</h2><p class=\"note\">Shown ")
                .append(esc(d.description())).append(".");
        if (ref != null) {
            h.append(" Second row: error |image - ").append(against.key()).append("| x ")
                    .append(ReportWriter.ERROR_GAIN).append(", same window. Captions: ")
                    .append(caption == null ? "" : caption + " of this slice, as in the tables.");
        }
        h.append("</p><div class=\"grid\" style=\"grid-template-columns:repeat(")
                .append(results.size() + y.available().size() + (y.foreground() != null ? 1 : 0)).append(",1fr)\">");
        for (Yardstick k : y.available()) {
            figure(h, ReportWriter.png(y.images(k)[s], rows, cols, white, d), k.description());
        }
        if (y.foreground() != null) {
            figure(h, ReportWriter.png(Pictures.mask(y.foreground()[s]), rows, cols, 1f, d),
                    String.format(Locale.ROOT, "foreground mask (%.0f%% of pixels, from the %s)",
                            100 * Foreground.fraction(y.foreground()[s]), y.foregroundSource()));
        }
        for (TrialResult r : results) {
            String cap = r.label();
            if (caption != null && r.has(caption)) {
                cap += " - " + caption.metric().name() + " " + Format.value(caption, r.perSlice(caption)[s]);
            }
            figure(h, ReportWriter.png(r.images().get(s), rows, cols, white, d), cap);
        }
        if (ref != null) {
            for (Yardstick k : y.available()) {
                figure(h, ReportWriter.png(Pictures.absoluteDifference(y.images(k)[s], ref), rows, cols,
                        white / ReportWriter.ERROR_GAIN, d), k == against ? "(no error)" : k.key() + " error x"
                                + ReportWriter.ERROR_GAIN);
            }
            if (y.foreground() != null) {
                h.append("<figure></figure>");
            }
            for (TrialResult r : results) {
                figure(h, ReportWriter.png(Pictures.absoluteDifference(r.images().get(s), ref), rows, cols,
                        white / ReportWriter.ERROR_GAIN, d), r.label() + " error x" + ReportWriter.ERROR_GAIN);
            }
        }
        h.append("</div>\n");
    }

    private static void notes(StringBuilder h, Comparison c) {
        h.append("<h2>Definitions</h2><ul class=\"note\">")
                .append("<li>Metrics as fastMRI's evaluate.py: NMSE and PSNR over all pixels of the volume (of the ")
                .append("foreground, for foreground scores), SSIM the mean of per-slice SSIM (7x7 window, K1 0.01, ")
                .append("K2 0.03; over the foreground, the mean of the local SSIM over its pixels); data range = ")
                .append("maximum of the yardstick volume.</li>")
                .append("<li>Yardsticks: the fully sampled reference (noise included) and, where the data knows it, ")
                .append("the noise-free truth. Foreground: threshold at ").append(Foreground.THRESHOLD * 100)
                .append("% of the volume maximum (of the truth, else of the reference smoothed 3x3), closing with a ")
                .append("disk of radius ").append(Foreground.CLOSING_RADIUS).append(" pixels, holes filled.</li>")
                .append("<li>Paired statistics: differences (trial - reference trial) paired on the same subject and ")
                .append("slice. Clustered by subject: ").append(esc(ClusteredComparison.METHOD)).append(" Per slice: ")
                .append("mean, SD, two-sided 95% CI from Student's t, paired t-test, slices treated as independent. ")
                .append("Non-inferior: the CI excludes a loss larger than the margin; equivalent: the CI lies inside ")
                .append("(-margin, +margin). Margins:");
        for (Metric m : Metrics.ALL) {
            h.append(' ').append(m.name()).append(' ').append(m.margin()).append(m.unit().isEmpty() ? "" : " "
                    + m.unit()).append(';');
        }
        h.append(" with one subject no population claim can be made.</li>")
                .append("<li>Scan time = TR x ceil(acquired lines / echo-train length) x averages, from the header; ")
                .append("saving relative to the reference trial (the seed study: 9:56 vs 5:33, 44%).</li></ul>\n");
    }

    private static void figure(StringBuilder h, byte[] png, String caption) {
        h.append("<figure><img alt=\"").append(esc(caption)).append("\" src=\"").append(ReportWriter.base64(png))
                .append("\"><figcaption>").append(esc(caption)).append("</figcaption></figure>");
    }

    private static String yesNo(boolean b) {
        return b ? "<td class=\"ok\">yes</td>" : "<td class=\"bad\">no</td>";
    }

    private static String td(String text) {
        return "<td>" + text + "</td>";
    }

    static String esc(String s) {
        return s == null ? "" : s.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")
                .replace("\"", "&quot;");
    }
}
