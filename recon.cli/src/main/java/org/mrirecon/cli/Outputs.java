package org.mrirecon.cli;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/** Files a run or comparison leaves behind. */
final class Outputs {

    /** Error maps are shown with this gain relative to the image window. */
    static final int ERROR_GAIN = 5;

    private Outputs() {
    }

    /**
     * Writes the middle slice of the reference and of each result, and each result's error map (|recon - ref|
     * times {@value #ERROR_GAIN}), all with the reference's window (white = its 99.5th percentile).
     */
    static List<Path> writeMiddleSlice(Path dir, Dataset data, List<MethodResult> results) throws IOException {
        int s = data.slices() / 2;
        float[] ref = data.reference()[s];
        float white = ImageFiles.percentile(ref, 99.5);
        List<Path> files = new ArrayList<>();
        Path refFile = dir.resolve("reference_slice" + s + ".png");
        ImageFiles.writePng(refFile, ref, data.rows(), data.cols(), white);
        files.add(refFile);
        for (MethodResult r : results) {
            String stem = safe(r.methodId) + "_" + r.protocol.acceleration() + "x" + r.protocol.calibrationLines();
            float[] img = r.images.get(s).magnitude();
            Path f = dir.resolve(stem + "_slice" + s + ".png");
            ImageFiles.writePng(f, img, data.rows(), data.cols(), white);
            files.add(f);
            Path e = dir.resolve(stem + "_slice" + s + "_error_x" + ERROR_GAIN + ".png");
            ImageFiles.writePng(e, ImageFiles.absoluteDifference(img, ref), data.rows(), data.cols(),
                    white / ERROR_GAIN);
            files.add(e);
        }
        return files;
    }

    static Path writeCsv(Path file, List<MethodResult> results) throws IOException {
        StringBuilder csv = new StringBuilder(
                "method,version,acceleration,acs_lines,effective_acceleration,scan_time_s,nmse,psnr_db,ssim,"
                        + "seconds_per_slice\n");
        for (MethodResult r : results) {
            csv.append(String.format(Locale.ROOT, "%s,%s,%d,%d,%.4f,%.1f,%.6g,%.4f,%.6f,%.4f%n", r.methodId, r.version,
                    r.protocol.acceleration(), r.protocol.calibrationLines(), r.effectiveAcceleration,
                    r.scanTimeSeconds, r.nmse, r.psnr, r.ssim, r.secondsPerSlice()));
        }
        Files.createDirectories(file.toAbsolutePath().getParent());
        Files.writeString(file, csv, StandardCharsets.UTF_8);
        return file;
    }

    private static String safe(String id) {
        return id.replaceAll("[^A-Za-z0-9_.-]", "_");
    }
}
