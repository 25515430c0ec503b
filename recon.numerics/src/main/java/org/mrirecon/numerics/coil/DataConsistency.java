package org.mrirecon.numerics.coil;

import java.util.stream.IntStream;

import org.mrirecon.api.KSpace;
import org.mrirecon.api.SamplingPattern;
import org.mrirecon.numerics.fft.Fft2c;

/**
 * Hard data consistency and the fastMRI-style output of an image-domain reconstruction: expand the image(s) into
 * coil images {@code sum_m S_m x_m}, replace their acquired k-space lines by the measured samples, and combine the
 * coils by root-sum-of-squares. The measured lines bring back what a SENSE image leaves out (noise orthogonal to the
 * maps, signal where maps were cropped), so the magnitude is comparable with an RSS reference of fully sampled data,
 * and methods that output RSS coil images (GRAPPA, the VarNet) are scored alike. Thread-safe (stateless).
 */
public final class DataConsistency {

    private DataConsistency() {
    }

    /**
     * @param maps   {@code [set][coil]} complex maps, row-major, interleaved (one set for plain SENSE)
     * @param images one complex image per set, row-major, interleaved
     * @return RSS magnitude of the data-consistent coil images, {@code rows * cols} floats
     */
    public static float[] rss(KSpace kspace, SamplingPattern pattern, float[][][] maps, float[][] images) {
        int rows = kspace.phaseEncodes();
        int cols = kspace.readouts();
        int pixels = rows * cols;
        if (maps.length != images.length) {
            throw new IllegalArgumentException(maps.length + " sets of maps for " + images.length + " images");
        }
        float[][] coils = new float[kspace.coils()][];
        IntStream.range(0, coils.length).parallel().forEach(c -> {
            float[] ci = new float[2 * pixels];
            for (int m = 0; m < maps.length; m++) {
                float[] s = maps[m][c];
                float[] x = images[m];
                for (int i = 0; i < pixels; i++) {
                    ci[2 * i] += s[2 * i] * x[2 * i] - s[2 * i + 1] * x[2 * i + 1];
                    ci[2 * i + 1] += s[2 * i] * x[2 * i + 1] + s[2 * i + 1] * x[2 * i];
                }
            }
            Fft2c.forward(ci, rows, cols);
            for (int ky = 0; ky < rows; ky++) {
                if (pattern.isAcquired(ky)) {
                    kspace.copyLine(c, ky, ci, 2 * ky * cols);
                }
            }
            Fft2c.inverse(ci, rows, cols);
            coils[c] = ci;
        });
        return CoilCombine.rss(coils);
    }

    /** {@link #rss(KSpace, SamplingPattern, float[][][], float[][])} for one set of maps and one image. */
    public static float[] rss(KSpace kspace, SamplingPattern pattern, float[][] maps, float[] image) {
        return rss(kspace, pattern, new float[][][] {maps}, new float[][] {image});
    }
}
