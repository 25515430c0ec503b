package org.mrirecon.io.internal;

import java.nio.file.Path;
import java.util.Arrays;
import java.util.Locale;

import org.mrirecon.io.DataFormatException;
import org.mrirecon.numerics.fft.Fft2c;

/**
 * Checks that turn silent garbage into a clear error: a data array whose axes are in an implausible order, a mask
 * that marks lines holding nothing, and a reference image that is not the image of the k-space it comes with.
 */
public final class Consistency {

    /** The fewest lines a readout or phase-encode axis of an image has; a smaller last axis is a coil axis. */
    static final int PLAUSIBLE_AXIS = 32;
    /** Below this correlation a reference is not the image of the fully sampled k-space. */
    static final double MIN_CORRELATION = 0.9;
    /** Outside [1 / this, this] the reference's scale differs from the k-space's image. */
    static final double MAX_SCALE = 2.0;

    private Consistency() {
    }

    /**
     * Fails when a multicoil array reads with fewer entries along its last axis than coils, and that axis is shorter
     * than any image axis: the coil axis was saved last.
     *
     * @param shape the array's shape as stored
     * @param coils the coil count it reads with
     * @param last  the length of its last axis
     * @param fix   how to move the coil axis into place
     */
    static void coilAxisNotLast(Path file, String name, int[] shape, int coils, int last, String expected,
            String fix) throws DataFormatException {
        if (last < coils && last <= PLAUSIBLE_AXIS) {
            throw new DataFormatException(file, name + " has shape " + Arrays.toString(shape) + ": read as "
                    + expected + " it would hold " + coils + " coils of only " + last + " samples along its last "
                    + "axis, which looks like a coil axis saved last", fix);
        }
    }

    /**
     * Fails when lines marked acquired hold only zeros in every coil: the mask does not describe this k-space.
     *
     * @param marked the lines the mask marks within the encoded range
     * @param holding the lines where any coil holds a non-zero sample
     */
    static void markedLinesHoldData(Path file, String what, boolean[] marked, boolean[] holding, int slice,
            String fix) throws DataFormatException {
        int empty = 0;
        StringBuilder first = new StringBuilder();
        for (int ky = 0; ky < marked.length; ky++) {
            if (marked[ky] && !holding[ky]) {
                if (empty < 5) {
                    first.append(empty == 0 ? "" : ", ").append(ky);
                }
                empty++;
            }
        }
        if (empty > 0) {
            throw new DataFormatException(file, what + " marks " + empty + " of its " + Lines.count(marked)
                    + " line(s) as acquired that hold only zeros in slice " + slice + " (line" + (empty > 1 ? "s " : " ")
                    + first + (empty > 5 ? ", ..." : "") + ")", fix);
        }
    }

    /**
     * Zeroes the lines that hold data but are not acquired, so that no method sees data its pattern does not
     * declare; returns how many lines were zeroed.
     */
    static int zeroUnacquired(float[][] coils, boolean[] acquired, boolean[] holding, int readouts) {
        int zeroed = 0;
        for (int ky = 0; ky < acquired.length; ky++) {
            if (holding[ky] && !acquired[ky]) {
                for (float[] coil : coils) {
                    Arrays.fill(coil, 2 * ky * readouts, 2 * (ky + 1) * readouts, 0f);
                }
                zeroed++;
            }
        }
        return zeroed;
    }

    /**
     * Fails unless a reference image is the root-sum-of-squares image of the fully sampled k-space, centre-cropped
     * to the reference's size (fastMRI's center_crop): correlated at least {@link #MIN_CORRELATION} and on the same
     * scale within a factor {@link #MAX_SCALE}. A reference that does not match is of another file, size, crop or
     * orientation, and every score against it would be wrong.
     *
     * @param coils  the k-space per coil, [rows][cols] interleaved complex (not modified)
     * @param image  the reference, [refRows][refCols]
     * @return the correlation found
     */
    static double referenceMatchesKSpace(Path file, String name, int slice, float[][] coils, int rows, int cols,
            float[] image, int refRows, int refCols, String fix) throws DataFormatException {
        int plane = 2 * rows * cols;
        float[] work = new float[coils.length * plane];
        for (int c = 0; c < coils.length; c++) {
            System.arraycopy(coils[c], 0, work, c * plane, plane);
        }
        Fft2c.inverseStack(work, coils.length, rows, cols);
        int r0 = (rows - refRows) / 2;
        int c0 = (cols - refCols) / 2;
        double sx = 0;
        double sy = 0;
        double sxx = 0;
        double syy = 0;
        double sxy = 0;
        int n = refRows * refCols;
        for (int r = 0; r < refRows; r++) {
            for (int col = 0; col < refCols; col++) {
                int j = 2 * ((r0 + r) * cols + c0 + col);
                double ss = 0;
                for (int k = j; k < work.length; k += plane) {
                    ss += (double) work[k] * work[k] + (double) work[k + 1] * work[k + 1];
                }
                double x = Math.sqrt(ss);
                double y = image[r * refCols + col];
                sx += x;
                sy += y;
                sxx += x * x;
                syy += y * y;
                sxy += x * y;
            }
        }
        double cov = sxy - sx * sy / n;
        double vx = sxx - sx * sx / n;
        double vy = syy - sy * sy / n;
        double corr = vx > 0 && vy > 0 ? cov / Math.sqrt(vx * vy) : 0;
        double gain = sxx > 0 ? sxy / sxx : 0;
        if (corr < MIN_CORRELATION) {
            throw new DataFormatException(file, name + " (" + refRows + "x" + refCols + ") is not the image of the "
                    + "fully sampled k-space: slice " + slice + " correlates " + String.format(Locale.ROOT, "%.2f",
                            corr) + " with the k-space's root-sum-of-squares centre-cropped to that size", fix);
        }
        if (gain > MAX_SCALE || gain < 1 / MAX_SCALE) {
            throw new DataFormatException(file, name + " is " + String.format(Locale.ROOT, "%.3g", gain)
                    + " times the root-sum-of-squares image of the fully sampled k-space (slice " + slice + "): "
                    + "every error score against it would measure the scale", "store the reference on the k-space's "
                            + "scale (normalise both or neither)");
        }
        return corr;
    }
}
