package org.mrirecon.grappa;

import java.util.stream.IntStream;

import org.mrirecon.api.KSpace;
import org.mrirecon.api.SamplingPattern;
import org.mrirecon.numerics.op.CenteredFft;
import org.mrirecon.numerics.op.Shape;

/**
 * Acquired k-space lines transformed along the readout (centred orthonormal inverse FFT): hybrid (ky, x) space. A
 * circular shift by d samples along kx becomes a multiplication by {@link #shiftRamp(int, int)}, so a GRAPPA
 * kernel's readout taps collapse into one complex weight per column x; the phase-encode structure, and with it the
 * edges and the measured lines, stays as in k-space. One planar float array per coil and acquired line (separate
 * row arrays keep the hot loops indexed by x alone, which C2 vectorises); lines not acquired have no row. Not
 * modified after construction.
 */
final class HybridLines {

    private final int rows;
    private final int cols;
    private final float[][][] re; // [coil][ky][x], null rows for lines not acquired
    private final float[][][] im;

    private HybridLines(int rows, int cols, float[][][] re, float[][][] im) {
        this.rows = rows;
        this.cols = cols;
        this.re = re;
        this.im = im;
    }

    /** Transforms every acquired line of every coil, coils in parallel. */
    static HybridLines of(KSpace k, SamplingPattern p) {
        int ny = k.phaseEncodes();
        int nx = k.readouts();
        float[][][] re = new float[k.coils()][ny][];
        float[][][] im = new float[k.coils()][ny][];
        CenteredFft readout = new CenteredFft(Shape.of(nx), 0);
        IntStream.range(0, k.coils()).parallel().forEach(c -> {
            float[] line = new float[2 * nx];
            for (int ky = 0; ky < ny; ky++) {
                if (p.isAcquired(ky)) {
                    k.copyLine(c, ky, line, 0);
                    readout.inverse(line);
                    float[] r = new float[nx];
                    float[] i = new float[nx];
                    for (int x = 0; x < nx; x++) {
                        r[x] = line[2 * x];
                        i[x] = line[2 * x + 1];
                    }
                    re[c][ky] = r;
                    im[c][ky] = i;
                }
            }
        });
        return new HybridLines(ny, nx, re, im);
    }

    /**
     * What a circular shift {@code K'[kx] = K[kx + shift]} does in hybrid space: with the centred transform
     * {@code h[x] = n^-1/2 sum_k K[k] exp(2 pi i (k - n/2)(x - n/2) / n)} it multiplies column x by
     * {@code exp(-2 pi i shift (x - n/2) / n)}. Returned as interleaved (re, im) doubles, {@code 2 * cols} long.
     */
    static double[] shiftRamp(int shift, int cols) {
        double[] ramp = new double[2 * cols];
        int centre = cols / 2;
        for (int x = 0; x < cols; x++) {
            double angle = -2 * Math.PI * (long) shift * (x - centre) / cols;
            ramp[2 * x] = Math.cos(angle);
            ramp[2 * x + 1] = Math.sin(angle);
        }
        return ramp;
    }

    int coils() {
        return re.length;
    }

    int rows() {
        return rows;
    }

    int cols() {
        return cols;
    }

    /** Real parts of line ky of coil c, or null if the line was not acquired; shared, do not modify. */
    float[] re(int c, int ky) {
        return re[c][ky];
    }

    /** Imaginary parts of line ky of coil c, or null if the line was not acquired; shared, do not modify. */
    float[] im(int c, int ky) {
        return im[c][ky];
    }
}
