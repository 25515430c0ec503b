package org.mrirecon.report;

import java.util.Locale;

import org.mrirecon.evaluation.Metric;
import org.mrirecon.evaluation.Score;

/** Numbers as tables and files show them: infinite and undefined values in words, never as a crash. */
public final class Format {

    private Format() {
    }

    /** A value with the metric's usual precision: "inf" for an exact image, "n/a" where undefined. */
    public static String value(Metric m, double v) {
        if (Double.isNaN(v)) {
            return "n/a";
        }
        if (Double.isInfinite(v)) {
            return v > 0 ? "inf" : "-inf";
        }
        return switch (m.name()) {
            case "PSNR" -> String.format(Locale.ROOT, "%.2f", v);
            case "NMSE" -> String.format(Locale.ROOT, "%.5f", v);
            default -> String.format(Locale.ROOT, "%.4f", v);
        };
    }

    public static String value(Score s, double v) {
        return value(s.metric(), v);
    }

    /** A difference of a metric, signed. */
    public static String difference(Metric m, double v) {
        if (!Double.isFinite(v)) {
            return value(m, v);
        }
        return String.format(Locale.ROOT, m.name().equals("PSNR") ? "%+.3f" : "%+.5f", v);
    }

    /** A number for CSV/JSON-like text: full precision, "inf"/"nan" spelled out. */
    public static String raw(double v) {
        if (Double.isNaN(v)) {
            return "nan";
        }
        if (Double.isInfinite(v)) {
            return v > 0 ? "inf" : "-inf";
        }
        return String.format(Locale.ROOT, "%.6g", v);
    }

    /** Column header of a score, e.g. {@code SSIM} or {@code PSNR [dB]}. */
    public static String header(Metric m) {
        return m.unit().isEmpty() ? m.name() : m.name() + " [" + m.unit() + "]";
    }

    /** m:ss. */
    public static String minutes(double seconds) {
        if (!Double.isFinite(seconds)) {
            return "n/a";
        }
        long s = Math.round(seconds);
        return String.format(Locale.ROOT, "%d:%02d", s / 60, s % 60);
    }
}
