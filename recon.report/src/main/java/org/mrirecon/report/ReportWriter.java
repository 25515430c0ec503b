package org.mrirecon.report;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * Writes a comparison to a folder: {@code report.html} (self-contained: images and plots embedded), CSV and JSON with
 * every number (per volume and per slice, and the paired statistics), PNGs of every image and every plot.
 */
public final class ReportWriter {

    /** Error maps show |method - reference| multiplied by this gain, in the reference's window. */
    public static final int ERROR_GAIN = 5;

    private ReportWriter() {
    }

    /** Writes everything and returns the files written (report.html first). */
    public static List<Path> write(Path dir, Comparison c) throws IOException {
        Files.createDirectories(dir);
        List<Path> files = new ArrayList<>();
        Path html = dir.resolve("report.html");
        files.add(html);
        files.add(writeString(dir.resolve("metrics_volume.csv"), volumeCsv(c)));
        files.add(writeString(dir.resolve("metrics_slices.csv"), sliceCsv(c)));
        files.add(writeString(dir.resolve("statistics.csv"), statisticsCsv(c)));
        files.add(writeString(dir.resolve("results.json"), json(c)));
        files.addAll(writeImages(dir.resolve("images"), c));

        byte[] ssimPlot = Charts.perSlice("SSIM", c.results(), r -> r.sliceSsim);
        byte[] psnrPlot = Charts.perSlice("PSNR [dB]", c.results(), r -> r.slicePsnr);
        byte[] ssimAccel = Charts.againstAcceleration("SSIM", c.results(), r -> r.ssim);
        byte[] psnrAccel = Charts.againstAcceleration("PSNR [dB]", c.results(), r -> r.psnr);
        Path plots = dir.resolve("plots");
        Files.createDirectories(plots);
        files.add(write(plots.resolve("ssim_per_slice.png"), ssimPlot));
        files.add(write(plots.resolve("psnr_per_slice.png"), psnrPlot));
        files.add(write(plots.resolve("ssim_vs_acceleration.png"), ssimAccel));
        files.add(write(plots.resolve("psnr_vs_acceleration.png"), psnrAccel));

        writeString(html, HtmlPage.render(c, ssimPlot, psnrPlot, ssimAccel, psnrAccel));
        return files;
    }

    private static List<Path> writeImages(Path dir, Comparison c) throws IOException {
        List<Path> files = new ArrayList<>();
        for (int s = 0; s < c.slices(); s++) {
            float[] ref = c.hasReference() ? c.reference()[s] : null;
            float white = Pictures.percentile(ref != null ? ref : c.results().get(0).images.get(s), 99.5);
            if (ref != null) {
                files.add(write(dir.resolve("reference").resolve(sliceName(s)),
                        Pictures.png(ref, c.rows(), c.cols(), white)));
            }
            for (MethodResult r : c.results()) {
                Path m = dir.resolve(safe(r.label()));
                float[] img = r.images.get(s);
                files.add(write(m.resolve(sliceName(s)), Pictures.png(img, c.rows(), c.cols(), white)));
                if (ref != null) {
                    files.add(write(m.resolve("error_x" + ERROR_GAIN + "_" + sliceName(s)), Pictures.png(
                            Pictures.absoluteDifference(img, ref), c.rows(), c.cols(), white / ERROR_GAIN)));
                }
            }
        }
        return files;
    }

    static String sliceName(int s) {
        return String.format(Locale.ROOT, "slice_%03d.png", s);
    }

    static String safe(String label) {
        return label.replaceAll("[^A-Za-z0-9_.-]", "_");
    }

    static String base64(byte[] png) {
        return "data:image/png;base64," + Base64.getEncoder().encodeToString(png);
    }

    private static String volumeCsv(Comparison c) {
        StringBuilder b = new StringBuilder("method,version,acceleration,acs_lines,effective_acceleration,"
                + "scan_time_s,scan_time_saving,nmse,psnr_db,ssim,seconds_per_slice\n");
        for (MethodResult r : c.results()) {
            b.append(String.format(Locale.ROOT, "%s,%s,%d,%d,%.4f,%.1f,%.4f,%.6g,%.4f,%.6f,%.4f%n", r.label(),
                    r.version, r.acceleration, r.calibrationLines, r.effectiveAcceleration, r.scanTimeSeconds,
                    c.scanTimeSaving(r), r.nmse, r.psnr, r.ssim, r.secondsPerSlice()));
        }
        return b.toString();
    }

    private static String sliceCsv(Comparison c) {
        StringBuilder b = new StringBuilder("method,slice,nmse,psnr_db,ssim\n");
        for (MethodResult r : c.results()) {
            for (int s = 0; s < c.slices(); s++) {
                b.append(String.format(Locale.ROOT, "%s,%d,%.6g,%.4f,%.6f%n", r.label(), s, r.sliceNmse[s],
                        r.slicePsnr[s], r.sliceSsim[s]));
            }
        }
        return b.toString();
    }

    private static String statisticsCsv(Comparison c) {
        StringBuilder b = new StringBuilder("method,reference,metric,n,mean_difference,sd_difference,ci95_low,"
                + "ci95_high,p_value,margin,non_inferior,equivalent,verdict\n");
        for (MethodResult r : c.results()) {
            for (Map.Entry<String, PairedComparison> e : c.statistics(r).entrySet()) {
                PairedComparison p = e.getValue();
                b.append(String.format(Locale.ROOT, "%s,%s,%s,%d,%.6g,%.6g,%.6g,%.6g,%.4g,%.4g,%b,%b,%s%n", r.label(),
                        c.referenceMethod().label(), e.getKey(), p.n(), p.meanDifference(), p.sdDifference(),
                        p.ciLow(), p.ciHigh(), p.pValue(), p.margin(), p.nonInferior(), p.equivalent(), p.verdict()));
            }
        }
        return b.toString();
    }

    private static String json(Comparison c) throws IOException {
        ObjectMapper mapper = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);
        ObjectNode root = mapper.createObjectNode();
        root.put("data", c.dataName());
        root.put("rows", c.rows());
        root.put("cols", c.cols());
        root.put("slices", c.slices());
        root.put("referenceMethod", c.referenceMethod().label());
        root.put("created", ZonedDateTime.now().format(DateTimeFormatter.ISO_OFFSET_DATE_TIME));
        ArrayNode methods = root.putArray("methods");
        for (MethodResult r : c.results()) {
            ObjectNode m = methods.addObject();
            m.put("label", r.label());
            m.put("id", r.methodId);
            m.put("name", r.displayName);
            m.put("version", r.version);
            m.put("acceleration", r.acceleration);
            m.put("acsLines", r.calibrationLines);
            m.put("effectiveAcceleration", r.effectiveAcceleration);
            m.put("scanTimeSeconds", r.scanTimeSeconds);
            m.put("scanTimeSaving", c.scanTimeSaving(r));
            m.put("nmse", r.nmse);
            m.put("psnr", r.psnr);
            m.put("ssim", r.ssim);
            m.put("secondsPerSlice", r.secondsPerSlice());
            ArrayNode slices = m.putArray("perSlice");
            for (int s = 0; s < c.slices(); s++) {
                slices.addObject().put("slice", s).put("nmse", r.sliceNmse[s]).put("psnr", r.slicePsnr[s])
                        .put("ssim", r.sliceSsim[s]);
            }
            ObjectNode stats = m.putObject("pairedStatistics");
            for (Map.Entry<String, PairedComparison> e : c.statistics(r).entrySet()) {
                PairedComparison p = e.getValue();
                stats.putObject(e.getKey()).put("n", p.n()).put("meanDifference", p.meanDifference())
                        .put("sdDifference", p.sdDifference()).put("ci95Low", p.ciLow()).put("ci95High", p.ciHigh())
                        .put("pValue", p.pValue()).put("margin", p.margin()).put("nonInferior", p.nonInferior())
                        .put("equivalent", p.equivalent()).put("verdict", p.verdict());
            }
        }
        return mapper.writeValueAsString(root);
    }

    private static Path write(Path file, byte[] bytes) throws IOException {
        Files.createDirectories(file.getParent());
        Files.write(file, bytes);
        return file;
    }

    private static Path writeString(Path file, String text) throws IOException {
        return write(file, text.getBytes(StandardCharsets.UTF_8));
    }
}
