package org.mrirecon.cli;

import java.io.PrintStream;
import java.util.Locale;
import java.util.Map;

import org.mrirecon.report.Comparison;
import org.mrirecon.report.MethodResult;
import org.mrirecon.report.PairedComparison;

/** Prints a comparison as aligned text tables: scores, then the paired statistics against the reference method. */
final class ResultTable {

    private ResultTable() {
    }

    static void print(PrintStream out, Comparison c) {
        out.println("Data: " + c.dataName());
        out.printf("%-22s %-18s %5s %4s %6s %9s %7s %9s %10s %7s %9s%n", "method", "version", "accel", "ACS", "R_eff",
                "scan time", "saving", "NMSE", "PSNR [dB]", "SSIM", "s/slice");
        for (MethodResult r : c.results()) {
            out.printf(Locale.ROOT, "%-22s %-18s %5d %4d %6.2f %9s %6.0f%% %9.5f %10.2f %7.4f %9.3f%n", r.label(),
                    r.version, r.acceleration, r.calibrationLines, r.effectiveAcceleration, minutes(r.scanTimeSeconds),
                    100 * c.scanTimeSaving(r), r.nmse, r.psnr, r.ssim, r.secondsPerSlice());
        }
        if (c.hasReference() && c.results().size() > 1 && c.slices() > 1) {
            out.printf("%nPaired per-slice differences against %s (mean [95%% CI], verdict at margin):%n",
                    c.referenceMethod().label());
            for (MethodResult r : c.results()) {
                Map<String, PairedComparison> stats = c.statistics(r);
                if (stats.isEmpty()) {
                    continue;
                }
                StringBuilder line = new StringBuilder(String.format("  %-22s", r.label()));
                stats.forEach((metric, p) -> line.append(String.format(Locale.ROOT, " %s %+.4f [%+.4f, %+.4f] %s;",
                        metric, p.meanDifference(), p.ciLow(), p.ciHigh(), p.verdict())));
                out.println(line);
            }
        }
        out.println("NMSE, PSNR, SSIM as fastMRI's evaluate.py (data range = max of the reference volume); scan time "
                + "= TR x ceil(lines / ETL) x averages, saving relative to the reference protocol.");
    }

    static String minutes(double seconds) {
        long s = Math.round(seconds);
        return String.format("%d:%02d", s / 60, s % 60);
    }
}
