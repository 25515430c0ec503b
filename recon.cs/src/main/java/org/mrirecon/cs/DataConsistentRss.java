package org.mrirecon.cs;

import java.util.stream.IntStream;

import org.mrirecon.api.KSpace;
import org.mrirecon.api.SamplingPattern;
import org.mrirecon.numerics.coil.CoilCombine;
import org.mrirecon.numerics.fft.Fft2c;

/**
 * The fastMRI-style output of a SENSE reconstruction: coil images {@code sum_m S_m x_m}, their k-space with the
 * acquired lines replaced by the measured samples, and the root-sum-of-squares over coils. The measured lines bring
 * back what the matched-filter SENSE image leaves out (noise orthogonal to the maps, the signal where maps were
 * cropped), so the magnitude is comparable with an RSS reference of fully sampled data.
 */
final class DataConsistentRss {

    private DataConsistentRss() {
    }

    /**
     * @param maps   {@code [set][coil]} complex maps, row-major
     * @param images one complex image per set, row-major
     * @return RSS magnitude, {@code rows * cols} floats
     */
    static float[] combine(KSpace kspace, SamplingPattern pattern, float[][][] maps, float[][] images) {
        int rows = kspace.phaseEncodes();
        int cols = kspace.readouts();
        int pixels = rows * cols;
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
}
