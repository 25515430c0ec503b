package org.mrirecon.numerics.sens;

import org.mrirecon.api.KSpace;
import org.mrirecon.api.SamplingPattern;

/**
 * The fully sampled centre of k-space that ESPIRiT calibrates from: at most {@code size} ACS lines (the block closest
 * to the k-space centre) by at most {@code size} readout samples around the centre, as BART's {@code ecalib -r}.
 * Holds the samples in double precision, coil-major, interleaved complex: {@code data[c][2 * (y * cols + x)]}.
 */
final class CalibrationRegion {

    final int coils;
    final int rows;
    final int cols;
    final double[][] data;

    private CalibrationRegion(int coils, int rows, int cols, double[][] data) {
        this.coils = coils;
        this.rows = rows;
        this.cols = cols;
        this.data = data;
    }

    /**
     * @throws IllegalArgumentException if the ACS block or the readout is shorter than the kernel
     */
    static CalibrationRegion of(KSpace kspace, SamplingPattern pattern, int size, int kernel) {
        int ny = kspace.phaseEncodes();
        int nx = kspace.readouts();
        int acsStart = pattern.calibrationStart();
        int acsEnd = pattern.calibrationEnd();
        int rows = Math.min(size, acsEnd - acsStart);
        int cols = Math.min(size, nx);
        if (rows < kernel || cols < kernel) {
            throw new IllegalArgumentException("ESPIRiT needs a fully sampled calibration block of at least " + kernel
                    + "x" + kernel + " (the kernel size), the data has " + (acsEnd - acsStart) + " ACS lines and "
                    + nx + " readout samples: acquire more ACS lines or use a smaller kernel");
        }
        int y0 = clamp(ny / 2 - rows / 2, acsStart, acsEnd - rows);
        int x0 = nx / 2 - cols / 2;
        double[][] data = new double[kspace.coils()][2 * rows * cols];
        for (int c = 0; c < kspace.coils(); c++) {
            for (int y = 0; y < rows; y++) {
                for (int x = 0; x < cols; x++) {
                    data[c][2 * (y * cols + x)] = kspace.re(c, y0 + y, x0 + x);
                    data[c][2 * (y * cols + x) + 1] = kspace.im(c, y0 + y, x0 + x);
                }
            }
        }
        return new CalibrationRegion(kspace.coils(), rows, cols, data);
    }

    private static int clamp(int v, int lo, int hi) {
        return Math.max(lo, Math.min(hi, v));
    }

    /**
     * The first principal component of the calibration samples across coils (unit vector, interleaved complex): the
     * virtual coil that BART rotates the map phase against.
     */
    double[] principalCoil() {
        double[] cov = new double[2 * coils * coils];
        int samples = rows * cols;
        for (int a = 0; a < coils; a++) {
            for (int b = a; b < coils; b++) {
                double re = 0;
                double im = 0;
                double[] da = data[a];
                double[] db = data[b];
                for (int s = 0; s < samples; s++) {
                    // cov[a][b] = sum y_a conj(y_b)
                    re += da[2 * s] * db[2 * s] + da[2 * s + 1] * db[2 * s + 1];
                    im += da[2 * s + 1] * db[2 * s] - da[2 * s] * db[2 * s + 1];
                }
                cov[2 * (a * coils + b)] = re;
                cov[2 * (a * coils + b) + 1] = im;
                cov[2 * (b * coils + a)] = re;
                cov[2 * (b * coils + a) + 1] = -im;
            }
        }
        return HermitianEigen.of(coils, cov).vector(0);
    }
}
