package org.mrirecon.cli;

import java.io.PrintStream;
import java.util.List;

/** Prints comparison results as an aligned text table. */
final class ResultTable {

    private ResultTable() {
    }

    static void print(PrintStream out, String dataName, List<MethodResult> results) {
        out.println("Data: " + dataName);
        out.printf("%-16s %-15s %5s %4s %6s %9s %9s %10s %7s %9s%n", "method", "version", "accel", "ACS", "R_eff",
                "scan time", "NMSE", "PSNR [dB]", "SSIM", "s/slice");
        for (MethodResult r : results) {
            out.printf("%-16s %-15s %5d %4d %6.2f %9s %9.5f %10.2f %7.4f %9.3f%n", r.methodId, r.version,
                    r.protocol.acceleration(), r.protocol.calibrationLines(), r.effectiveAcceleration,
                    minutes(r.scanTimeSeconds), r.nmse, r.psnr, r.ssim, r.secondsPerSlice());
        }
        out.println("NMSE, PSNR, SSIM as fastMRI's evaluate.py (data range = max of the reference volume); scan time "
                + "from TR x ceil(lines / ETL) x averages of the header.");
    }

    static String minutes(double seconds) {
        long s = Math.round(seconds);
        return String.format("%d:%02d", s / 60, s % 60);
    }
}
