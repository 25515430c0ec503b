package org.mrirecon.report;

import java.time.LocalDate;
import java.util.Locale;
import java.util.Map;

/** The self-contained HTML report: every image and plot is embedded as a data URI, so the file can be mailed. */
final class HtmlPage {

    private HtmlPage() {
    }

    static String render(Comparison c, byte[] ssimPlot, byte[] psnrPlot, byte[] ssimAccel, byte[] psnrAccel) {
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
        MethodResult ref = c.referenceMethod();
        h.append("<h1>Reconstruction comparison</h1><p>Data: ").append(esc(c.dataName())).append(" (")
                .append(c.slices()).append(" slices, ").append(c.rows()).append("x").append(c.cols())
                .append("). Reference method for the statistics: <b>").append(esc(ref.label()))
                .append("</b>. Written ").append(LocalDate.now()).append(".</p>\n");

        summaryTable(h, c);
        statisticsTable(h, c);
        imageGrid(h, c);

        h.append("<h2>Plots</h2><div class=\"plots\">");
        for (byte[] plot : new byte[][] {ssimPlot, psnrPlot, ssimAccel, psnrAccel}) {
            h.append("<img alt=\"plot\" src=\"").append(ReportWriter.base64(plot)).append("\"> ");
        }
        h.append("</div>\n<h2>Notes</h2><ul class=\"note\">")
                .append("<li>NMSE, PSNR and SSIM as fastMRI's evaluate.py: NMSE and PSNR over the volume, SSIM the mean ")
                .append("of per-slice SSIM (7x7 window, K1 0.01, K2 0.03); data range = maximum of the reference ")
                .append("volume; the reference is the root-sum-of-squares of the fully sampled coil images.</li>")
                .append("<li>Paired statistics: per-slice differences (method - reference method), mean, SD, two-sided ")
                .append("95% CI from Student's t, paired t-test. Non-inferior: the CI excludes a loss larger than the ")
                .append("margin; equivalent: the CI lies inside (-margin, +margin). Margins: SSIM ")
                .append(Comparison.SSIM_MARGIN).append(", PSNR ").append(Comparison.PSNR_MARGIN).append(" dB, NMSE ")
                .append(Comparison.NMSE_MARGIN).append(". Slices of one volume are not independent patients: the ")
                .append("intervals describe this dataset.</li>")
                .append("<li>Scan time = TR x ceil(acquired lines / echo-train length) x averages, from the header; ")
                .append("saving relative to the reference protocol (the seed study: 9:56 vs 5:33, 44%).</li>")
                .append("<li>Error maps: |method - reference| x ").append(ReportWriter.ERROR_GAIN)
                .append(", same window as the images (white = 99.5th percentile of the reference slice).</li>")
                .append("</ul></body></html>\n");
        return h.toString();
    }

    private static void summaryTable(StringBuilder h, Comparison c) {
        h.append("<h2>Results</h2><table><tr><th class=\"l\">method</th><th class=\"l\">version</th>")
                .append("<th>accel.</th><th>ACS</th><th>R<sub>eff</sub></th><th>scan time</th><th>saving vs ref.</th>")
                .append("<th>NMSE</th><th>PSNR [dB]</th><th>SSIM</th><th>s/slice</th></tr>\n");
        for (MethodResult r : c.results()) {
            h.append("<tr><td class=\"l\">").append(esc(r.displayName)).append(" <span class=\"note\">(")
                    .append(esc(r.label())).append(")</span></td><td class=\"l\">").append(esc(r.version))
                    .append("</td><td>").append(r.acceleration).append("</td><td>").append(r.calibrationLines)
                    .append("</td>").append(td("%.2f", r.effectiveAcceleration)).append("<td>")
                    .append(minutes(r.scanTimeSeconds)).append("</td>")
                    .append(td("%.0f%%", 100 * c.scanTimeSaving(r))).append(td("%.5f", r.nmse))
                    .append(td("%.2f", r.psnr)).append(td("%.4f", r.ssim)).append(td("%.3f", r.secondsPerSlice()))
                    .append("</tr>\n");
        }
        h.append("</table>\n");
    }

    private static void statisticsTable(StringBuilder h, Comparison c) {
        h.append("<h2>Paired statistics against ").append(esc(c.referenceMethod().label())).append("</h2>");
        if (c.slices() < 2) {
            h.append("<p class=\"note\">Needs at least 2 slices.</p>");
            return;
        }
        h.append("<table><tr><th class=\"l\">method</th><th class=\"l\">metric</th><th>n</th><th>mean diff.</th>")
                .append("<th>SD</th><th>95% CI</th><th>p (paired t)</th><th>margin</th><th>non-inferior</th>")
                .append("<th>equivalent</th><th class=\"l\">verdict</th></tr>\n");
        for (MethodResult r : c.results()) {
            for (Map.Entry<String, PairedComparison> e : c.statistics(r).entrySet()) {
                PairedComparison p = e.getValue();
                String f = e.getKey().equals("PSNR") ? "%.3f" : "%.5f";
                h.append("<tr><td class=\"l\">").append(esc(r.label())).append("</td><td class=\"l\">")
                        .append(e.getKey()).append("</td><td>").append(p.n()).append("</td>")
                        .append(td(f, p.meanDifference())).append(td(f, p.sdDifference())).append("<td>[")
                        .append(fmt(f, p.ciLow())).append(", ").append(fmt(f, p.ciHigh())).append("]</td>")
                        .append(td("%.3g", p.pValue())).append(td("%.3g", p.margin())).append(yesNo(p.nonInferior()))
                        .append(yesNo(p.equivalent())).append("<td class=\"l\">").append(p.verdict())
                        .append("</td></tr>\n");
            }
        }
        h.append("</table>\n");
    }

    private static void imageGrid(StringBuilder h, Comparison c) {
        int s = c.slices() / 2;
        int rows = c.rows();
        int cols = c.cols();
        if (!c.hasReference()) {
            float white = Pictures.percentile(c.results().get(0).images.get(s), 99.5);
            h.append("<h2>Images, slice ").append(s).append("</h2><p class=\"note\">The data has no reference: ")
                    .append("no scores or error maps.</p><div class=\"grid\" style=\"grid-template-columns:repeat(")
                    .append(c.results().size()).append(",1fr)\">");
            for (MethodResult r : c.results()) {
                figure(h, Pictures.png(r.images.get(s), rows, cols, white), r.label());
            }
            h.append("</div>\n");
            return;
        }
        float[] ref = c.reference()[s];
        float white = Pictures.percentile(ref, 99.5);
        int ch = Math.max(Math.min(rows, 48), rows / 4);
        int cw = Math.max(Math.min(cols, 48), cols / 4);
        int[] corner = Pictures.mostDetailedWindow(ref, rows, cols, ch, cw);
        int columns = c.results().size() + 1;
        h.append("<h2>Images, slice ").append(s).append("</h2><p class=\"note\">Rows: image; error map |method - ")
                .append("reference| x ").append(ReportWriter.ERROR_GAIN).append("; zoom of the most detailed ")
                .append(ch).append("x").append(cw).append(" region (rows ").append(corner[0]).append("-")
                .append(corner[0] + ch - 1).append(", columns ").append(corner[1]).append("-")
                .append(corner[1] + cw - 1).append(").</p>");
        h.append("<div class=\"grid\" style=\"grid-template-columns:repeat(").append(columns).append(",1fr)\">");
        figure(h, Pictures.png(ref, rows, cols, white), "reference (fully sampled)");
        for (MethodResult r : c.results()) {
            figure(h, Pictures.png(r.images.get(s), rows, cols, white), r.label() + String.format(Locale.ROOT,
                    " - SSIM %.4f", r.sliceSsim[s]));
        }
        figure(h, Pictures.png(new float[rows * cols], rows, cols, white), "(reference: no error)");
        for (MethodResult r : c.results()) {
            figure(h, Pictures.png(Pictures.absoluteDifference(r.images.get(s), ref), rows, cols,
                    white / ReportWriter.ERROR_GAIN), r.label() + " error x" + ReportWriter.ERROR_GAIN);
        }
        figure(h, Pictures.png(Pictures.crop(ref, cols, corner[0], corner[1], ch, cw), ch, cw, white), "zoom");
        for (MethodResult r : c.results()) {
            figure(h, Pictures.png(Pictures.crop(r.images.get(s), cols, corner[0], corner[1], ch, cw), ch, cw, white),
                    r.label() + " zoom");
        }
        h.append("</div>\n");
    }

    private static void figure(StringBuilder h, byte[] png, String caption) {
        h.append("<figure><img alt=\"").append(esc(caption)).append("\" src=\"").append(ReportWriter.base64(png))
                .append("\"><figcaption>").append(esc(caption)).append("</figcaption></figure>");
    }

    private static String yesNo(boolean b) {
        return b ? "<td class=\"ok\">yes</td>" : "<td class=\"bad\">no</td>";
    }

    private static String td(String format, double v) {
        return "<td>" + fmt(format, v) + "</td>";
    }

    private static String fmt(String format, double v) {
        return String.format(Locale.ROOT, format, v);
    }

    static String minutes(double seconds) {
        long s = Math.round(seconds);
        return String.format(Locale.ROOT, "%d:%02d", s / 60, s % 60);
    }

    static String esc(String s) {
        return s.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace("\"", "&quot;");
    }
}
