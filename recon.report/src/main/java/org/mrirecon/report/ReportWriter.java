package org.mrirecon.report;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;

import org.mrirecon.evaluation.ClusteredComparison;
import org.mrirecon.evaluation.Comparison;
import org.mrirecon.evaluation.Evaluation;
import org.mrirecon.evaluation.PairedComparison;
import org.mrirecon.evaluation.Score;
import org.mrirecon.evaluation.TrialResult;
import org.mrirecon.evaluation.Yardstick;
import org.mrirecon.evaluation.Yardsticks;

import com.fasterxml.jackson.jr.ob.JSON;

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

    /**
     * results.json. Written with jackson-jr (maps and lists in insertion order, jackson-core's pretty printer):
     * jackson-databind's first use costs a command ~0.2 s of class loading and introspection on its way out.
     */
    private static String json(Comparison c, Display display) throws IOException {
        Map<String, Object> root = object("data", c.title(), "referenceTrial", c.referenceLabel(),
                "scoringConvention", Evaluation.SCORING_CONVENTION,
                "created", ZonedDateTime.now().format(DateTimeFormatter.ISO_OFFSET_DATE_TIME),
                "displayOrientation", display.description(), "notes", List.copyOf(c.notes()));
        Map<String, Object> ys = object();
        root.put("yardsticks", ys);
        Yardsticks y = c.yardsticks();
        if (y != null) {
            for (Yardstick k : y.available()) {
                ys.put(k.key(), object("description", k.description(), "source", y.source(k),
                        "dataRange", y.dataRange(k)));
            }
            if (y.foregroundSource() != null) {
                root.put("foreground", object("builtFrom", y.foregroundSource(),
                        "threshold", org.mrirecon.evaluation.Foreground.THRESHOLD,
                        "closingRadius", org.mrirecon.evaluation.Foreground.CLOSING_RADIUS));
            }
        }
        List<Object> trials = new ArrayList<>();
        root.put("trials", trials);
        for (TrialResult r : c.results()) {
            Map<String, Object> m = object("label", r.label(), "method", r.method().id(),
                    "name", r.method().displayName(), "bundle", r.method().bundle(), "version", r.method().version(),
                    "subject", r.subject(), "parameters", r.trial().parameters());
            trials.add(m);
            if (r.failed()) {
                m.put("status", "failed");
                m.put("error", r.error());
                continue;
            }
            // info sorted by name: the method's map is immutable, and such a map's order changes from run to run
            m.putAll(object("status", "ok", "acceleration", r.acceleration(), "acsLines", r.calibrationLines(),
                    "effectiveAcceleration", r.effectiveAcceleration(), "acquiredLines", r.acquiredLines(),
                    "scanTimeSeconds", r.scanTimeSeconds(), "scanTimeSaving", c.scanTimeSaving(r),
                    "secondsPerSlice", r.secondsPerSlice(), "info", new TreeMap<>(r.info())));
            Map<String, Object> scores = object();
            m.put("scores", scores);
            for (Score s : r.scores()) {
                List<Object> per = new ArrayList<>();
                double[] v = r.perSlice(s);
                int[] numbers = r.sliceNumbers();
                for (int i = 0; i < v.length; i++) {
                    per.add(object("slice", numbers[i], "value", Format.raw(v[i])));
                }
                scores.put(s.key(), object("yardstick", s.yardstick().key(), "region", s.region().key(),
                        "metric", s.metric().name(), "volume", Format.raw(r.volume(s)), "perSlice", per));
            }
            List<Object> clusteredStats = new ArrayList<>();
            m.put("clusteredStatistics", clusteredStats);
            for (Map.Entry<Score, ClusteredComparison> e : c.clustered(r.label()).entrySet()) {
                ClusteredComparison p = e.getValue();
                Map<String, Object> n = object("score", e.getKey().key(), "subjects", p.subjects(),
                        "slices", p.slices(), "meanDifference", p.meanDifference(),
                        "robustStandardError", Format.raw(p.standardError()),
                        "workingCorrelation", Format.raw(p.workingCorrelation()), "margin", p.margin(),
                        "verdict", p.verdict());
                if (p.hasInterval()) {
                    n.putAll(object("ci95Low", p.ciLow(), "ci95High", p.ciHigh(), "pValue", p.pValue(),
                            "lossUpperBound", p.lossUpperBound(), "interchangeable", p.interchangeable()));
                } else {
                    n.put("noInterval", p.noIntervalReason().orElse(""));
                }
                clusteredStats.add(n);
            }
            List<Object> stats = new ArrayList<>();
            m.put("perSliceStatistics", stats);
            for (Map.Entry<Score, PairedComparison> e : c.statistics(r.label()).entrySet()) {
                PairedComparison p = e.getValue();
                stats.add(object("score", e.getKey().key(), "n", p.n(), "meanDifference", p.meanDifference(),
                        "sdDifference", p.sdDifference(), "ci95Low", p.ciLow(), "ci95High", p.ciHigh(),
                        "pValue", p.pValue(), "margin", p.margin(), "nonInferior", p.nonInferior(),
                        "equivalent", p.equivalent(), "verdict", p.verdict()));
            }
        }
        return JSON.std.with(JSON.Feature.PRETTY_PRINT_OUTPUT, JSON.Feature.WRITE_NULL_PROPERTIES).asString(root);
    }

    /** A JSON object of the given name, value pairs, in that order. */
    private static Map<String, Object> object(Object... namesAndValues) {
        Map<String, Object> o = new LinkedHashMap<>();
        for (int i = 0; i < namesAndValues.length; i += 2) {
            o.put((String) namesAndValues[i], namesAndValues[i + 1]);
        }
        return o;
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
