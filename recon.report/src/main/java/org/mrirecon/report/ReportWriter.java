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

import org.mrirecon.evaluation.ClusteredComparison;
import org.mrirecon.evaluation.Comparison;
import org.mrirecon.evaluation.Evaluation;
import org.mrirecon.evaluation.PairedComparison;
import org.mrirecon.evaluation.Score;
import org.mrirecon.evaluation.TrialResult;
import org.mrirecon.evaluation.Yardstick;
import org.mrirecon.evaluation.Yardsticks;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * Writes a comparison to a folder: {@code report.html} (self-contained: images and plots embedded), CSV and JSON with
 * every number (per volume and per slice, every score, and the paired statistics), PNGs of every image, mask and
 * plot. Every number says what it was measured against.
 */
public final class ReportWriter {

    /** Error maps show |method - yardstick| multiplied by this gain, in the yardstick's window. */
    public static final int ERROR_GAIN = 5;

    private ReportWriter() {
    }

    /** Writes everything and returns the files written (report.html first). */
    public static List<Path> write(Path dir, Comparison c, Display display) throws IOException {
        Files.createDirectories(dir);
        List<Path> files = new ArrayList<>();
        Path html = dir.resolve("report.html");
        files.add(html);
        files.add(writeString(dir.resolve("metrics_volume.csv"), volumeCsv(c)));
        files.add(writeString(dir.resolve("metrics_slices.csv"), sliceCsv(c)));
        files.add(writeString(dir.resolve("statistics.csv"), statisticsCsv(c)));
        files.add(writeString(dir.resolve("results.json"), json(c, display)));
        files.addAll(writeImages(dir.resolve("images"), c, display));

        List<byte[]> plots = new ArrayList<>();
        Path plotDir = dir.resolve("plots");
        Files.createDirectories(plotDir);
        for (Score s : c.headline()) {
            if (s.metric().name().equals("NMSE")) {
                continue;
            }
            String name = s.metric().name().toLowerCase(Locale.ROOT);
            byte[] perSlice = Charts.perSlice(c, s);
            byte[] accel = Charts.againstAcceleration(c, s);
            files.add(write(plotDir.resolve(name + "_per_slice.png"), perSlice));
            files.add(write(plotDir.resolve(name + "_vs_acceleration.png"), accel));
            plots.add(perSlice);
            plots.add(accel);
        }
        writeString(html, HtmlPage.render(c, display, plots));
        return files;
    }

    private static List<Path> writeImages(Path dir, Comparison c, Display d) throws IOException {
        List<Path> files = new ArrayList<>();
        Yardsticks y = c.yardsticks();
        List<TrialResult> first = firstSubject(c);
        TrialResult any = first.stream().filter(r -> !r.failed()).findFirst().orElse(null);
        if (y == null || any == null || any.images().isEmpty()) {
            return files; // a cohort's report shows no images; nothing ran
        }
        int rows = y.rows();
        int cols = y.cols();
        Yardstick against = headlineYardstick(c);
        int[] numbers = any.sliceNumbers();
        for (int s = 0; s < numbers.length; s++) {
            float[] ref = against == null ? null : y.images(against)[s];
            float white = Pictures.percentile(ref != null ? ref : any.images().get(s), 99.5);
            String name = sliceName(numbers[s]);
            for (Yardstick ys : y.available()) {
                files.add(write(dir.resolve(ys.key()).resolve(name), png(y.images(ys)[s], rows, cols, white, d)));
            }
            if (y.foreground() != null) {
                files.add(write(dir.resolve("foreground").resolve(name),
                        png(Pictures.mask(y.foreground()[s]), rows, cols, 1f, d)));
            }
            for (TrialResult r : first) {
                if (r.failed() || r.images().isEmpty()) {
                    continue;
                }
                Path m = dir.resolve(safe(r.label()));
                float[] img = r.images().get(s);
                files.add(write(m.resolve(name), png(img, rows, cols, white, d)));
                if (ref != null) {
                    files.add(write(m.resolve("error_x" + ERROR_GAIN + "_" + name),
                            png(Pictures.absoluteDifference(img, ref), rows, cols, white / ERROR_GAIN, d)));
                }
            }
        }
        return files;
    }

    /** The results of the first subject, in trial order. */
    static List<TrialResult> firstSubject(Comparison c) {
        String subject = c.results().get(0).subject();
        List<TrialResult> out = new ArrayList<>();
        for (TrialResult r : c.results()) {
            if (r.subject().equals(subject)) {
                out.add(r);
            }
        }
        return out;
    }

    /** The yardstick of the headline scores (truth where known), or null without any. */
    static Yardstick headlineYardstick(Comparison c) {
        List<Score> h = c.headline();
        return h.isEmpty() ? null : h.get(0).yardstick();
    }

    static byte[] png(float[] image, int rows, int cols, float white, Display d) {
        return d.transpose() ? Pictures.png(Pictures.transpose(image, rows, cols), cols, rows, white)
                : Pictures.png(image, rows, cols, white);
    }

    static String sliceName(int number) {
        return String.format(Locale.ROOT, "slice_%03d.png", number);
    }

    static String safe(String label) {
        return label.replaceAll("[^A-Za-z0-9_.-]", "_");
    }

    static String base64(byte[] png) {
        return "data:image/png;base64," + Base64.getEncoder().encodeToString(png);
    }

    private static String volumeCsv(Comparison c) {
        List<Score> scores = c.scores();
        StringBuilder b = new StringBuilder("trial,method,bundle,version,subject,acceleration,acs_lines,"
                + "effective_acceleration,acquired_lines,scan_time_s,scan_time_saving,seconds_per_slice,status");
        scores.forEach(s -> b.append(',').append(s.key()));
        b.append(",error\n");
        for (TrialResult r : c.results()) {
            b.append(String.join(",", csv(r.label()), csv(r.method().id()), csv(r.method().bundle()),
                    csv(r.method().version()), csv(r.subject()), Integer.toString(r.acceleration()),
                    Integer.toString(r.calibrationLines()), Format.raw(r.effectiveAcceleration()),
                    Integer.toString(r.acquiredLines()), Format.raw(r.scanTimeSeconds()),
                    Format.raw(c.scanTimeSaving(r)), Format.raw(r.secondsPerSlice()), r.failed() ? "failed" : "ok"));
            scores.forEach(s -> b.append(',').append(Format.raw(r.volume(s))));
            b.append(',').append(csv(r.failed() ? r.error() : "")).append('\n');
        }
        return b.toString();
    }

    private static String sliceCsv(Comparison c) {
        List<Score> scores = c.scores();
        StringBuilder b = new StringBuilder("trial,subject,slice");
        scores.forEach(s -> b.append(',').append(s.key()));
        b.append('\n');
        for (TrialResult r : c.results()) {
            if (r.failed()) {
                continue;
            }
            int[] numbers = r.sliceNumbers();
            for (int i = 0; i < numbers.length; i++) {
                b.append(csv(r.label())).append(',').append(csv(r.subject())).append(',').append(numbers[i]);
                for (Score s : scores) {
                    double[] v = r.perSlice(s);
                    b.append(',').append(v == null ? "nan" : Format.raw(v[i]));
                }
                b.append('\n');
            }
        }
        return b.toString();
    }

    private static String statisticsCsv(Comparison c) {
        StringBuilder b = new StringBuilder("trial,reference,yardstick,region,metric,analysis,subjects,slices,"
                + "mean_difference,sd_difference,robust_se,working_correlation,ci95_low,ci95_high,p_value,margin,"
                + "loss_upper_bound,non_inferior,equivalent,interchangeable,verdict\n");
        for (String label : c.labels()) {
            for (Map.Entry<Score, ClusteredComparison> e : c.clustered(label).entrySet()) {
                Score s = e.getKey();
                ClusteredComparison p = e.getValue();
                boolean ci = p.hasInterval();
                b.append(String.join(",", csv(label), csv(c.referenceLabel()), s.yardstick().key(),
                        s.region().key(), s.metric().name(), "clustered_by_subject", Integer.toString(p.subjects()),
                        Integer.toString(p.slices()), Format.raw(p.meanDifference()), "nan",
                        Format.raw(p.standardError()), Format.raw(p.workingCorrelation()),
                        ci ? Format.raw(p.ciLow()) : "nan", ci ? Format.raw(p.ciHigh()) : "nan",
                        ci ? Format.raw(p.pValue()) : "nan", Format.raw(p.margin()),
                        ci ? Format.raw(p.lossUpperBound()) : "nan", Boolean.toString(p.nonInferior()),
                        Boolean.toString(p.equivalent()), Boolean.toString(p.interchangeable()), csv(p.verdict())))
                        .append('\n');
            }
            for (Map.Entry<Score, PairedComparison> e : c.statistics(label).entrySet()) {
                Score s = e.getKey();
                PairedComparison p = e.getValue();
                double loss = p.higherIsBetter() ? -p.ciLow() : p.ciHigh();
                b.append(String.join(",", csv(label), csv(c.referenceLabel()), s.yardstick().key(),
                        s.region().key(), s.metric().name(), "per_slice", Integer.toString(c.subjects()),
                        Integer.toString(p.n()), Format.raw(p.meanDifference()), Format.raw(p.sdDifference()), "nan",
                        "nan", Format.raw(p.ciLow()), Format.raw(p.ciHigh()), Format.raw(p.pValue()),
                        Format.raw(p.margin()), Format.raw(loss), Boolean.toString(p.nonInferior()),
                        Boolean.toString(p.equivalent()), Boolean.toString(loss < p.margin()), p.verdict()))
                        .append('\n');
            }
        }
        return b.toString();
    }

    private static String csv(String s) {
        return s.contains(",") || s.contains("\"") || s.contains("\n") ? "\"" + s.replace("\"", "\"\"") + "\"" : s;
    }

    private static String json(Comparison c, Display display) throws IOException {
        ObjectMapper mapper = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);
        ObjectNode root = mapper.createObjectNode();
        root.put("data", c.title());
        root.put("referenceTrial", c.referenceLabel());
        root.put("scoringConvention", Evaluation.SCORING_CONVENTION);
        root.put("created", ZonedDateTime.now().format(DateTimeFormatter.ISO_OFFSET_DATE_TIME));
        root.put("displayOrientation", display.description());
        c.notes().forEach(root.withArray("notes")::add);
        ObjectNode ys = root.putObject("yardsticks");
        Yardsticks y = c.yardsticks();
        if (y != null) {
            for (Yardstick k : y.available()) {
                ys.putObject(k.key()).put("description", k.description()).put("source", y.source(k))
                        .put("dataRange", y.dataRange(k));
            }
            if (y.foregroundSource() != null) {
                root.putObject("foreground").put("builtFrom", y.foregroundSource())
                        .put("threshold", org.mrirecon.evaluation.Foreground.THRESHOLD)
                        .put("closingRadius", org.mrirecon.evaluation.Foreground.CLOSING_RADIUS);
            }
        }
        ArrayNode trials = root.putArray("trials");
        for (TrialResult r : c.results()) {
            ObjectNode m = trials.addObject();
            m.put("label", r.label());
            m.put("method", r.method().id());
            m.put("name", r.method().displayName());
            m.put("bundle", r.method().bundle());
            m.put("version", r.method().version());
            m.put("subject", r.subject());
            m.putPOJO("parameters", r.trial().parameters());
            if (r.failed()) {
                m.put("status", "failed");
                m.put("error", r.error());
                continue;
            }
            m.put("status", "ok");
            m.put("acceleration", r.acceleration());
            m.put("acsLines", r.calibrationLines());
            m.put("effectiveAcceleration", r.effectiveAcceleration());
            m.put("acquiredLines", r.acquiredLines());
            m.put("scanTimeSeconds", r.scanTimeSeconds());
            m.put("scanTimeSaving", c.scanTimeSaving(r));
            m.put("secondsPerSlice", r.secondsPerSlice());
            m.putPOJO("info", r.info());
            ObjectNode scores = m.putObject("scores");
            for (Score s : r.scores()) {
                ObjectNode sn = scores.putObject(s.key());
                sn.put("yardstick", s.yardstick().key()).put("region", s.region().key())
                        .put("metric", s.metric().name()).put("volume", Format.raw(r.volume(s)));
                ArrayNode per = sn.putArray("perSlice");
                double[] v = r.perSlice(s);
                int[] numbers = r.sliceNumbers();
                for (int i = 0; i < v.length; i++) {
                    per.addObject().put("slice", numbers[i]).put("value", Format.raw(v[i]));
                }
            }
            ArrayNode clusteredStats = m.putArray("clusteredStatistics");
            for (Map.Entry<Score, ClusteredComparison> e : c.clustered(r.label()).entrySet()) {
                ClusteredComparison p = e.getValue();
                ObjectNode n = clusteredStats.addObject().put("score", e.getKey().key()).put("subjects", p.subjects())
                        .put("slices", p.slices()).put("meanDifference", p.meanDifference())
                        .put("robustStandardError", Format.raw(p.standardError()))
                        .put("workingCorrelation", Format.raw(p.workingCorrelation())).put("margin", p.margin())
                        .put("verdict", p.verdict());
                if (p.hasInterval()) {
                    n.put("ci95Low", p.ciLow()).put("ci95High", p.ciHigh()).put("pValue", p.pValue())
                            .put("lossUpperBound", p.lossUpperBound()).put("interchangeable", p.interchangeable());
                } else {
                    n.put("noInterval", p.noIntervalReason().orElse(""));
                }
            }
            ArrayNode stats = m.putArray("perSliceStatistics");
            for (Map.Entry<Score, PairedComparison> e : c.statistics(r.label()).entrySet()) {
                PairedComparison p = e.getValue();
                stats.addObject().put("score", e.getKey().key()).put("n", p.n())
                        .put("meanDifference", p.meanDifference()).put("sdDifference", p.sdDifference())
                        .put("ci95Low", p.ciLow()).put("ci95High", p.ciHigh()).put("pValue", p.pValue())
                        .put("margin", p.margin()).put("nonInferior", p.nonInferior())
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
