package org.mrirecon.mrd.internal;

import java.util.Arrays;

import org.mrirecon.numerics.op.ReadoutOversampling;

/**
 * The lines of one image as they arrive, accumulated by the rules of recon.io's ISMRMRD reader so that a streamed
 * slice is the k-space the file reader makes of the same acquisitions: imaging lines and calibration-only lines in
 * separate buffers, repeated lines (averages) summed and averaged at the end, readouts placed by
 * {@code center_sample}, {@code discard_pre/post} honoured and reversed readouts flipped. Readout oversampling is
 * removed from each readout as it arrives (the transform is linear, so summing afterwards gives what the file reader
 * gets), which keeps that work off the time between a slice's last line and its image.
 */
final class Frame {

    final FrameKey key;
    final float[][] data;
    float[][] calibrationData;
    final int[] count;
    int[] calibrationCount;
    final boolean[] calibration;
    boolean[] acquired;
    /** The line nearest the k-space centre: its geometry and time stamps go into the image header. */
    AcquisitionHeader reference;
    private int referenceDistance = Integer.MAX_VALUE;
    long reservedBytes;
    /** Readout samples stored per line: the encoded ones, or fewer after oversampling removal. */
    private final int outX;
    private final ReadoutOversampling oversampling;
    private final float[] encodedLine;
    private final float[] reducedLine;

    /** A frame of {@code ny} lines of {@code nx} encoded samples, stored as {@code outX <= nx} samples per line. */
    Frame(FrameKey key, int coils, int ny, int nx, int outX) {
        this.key = key;
        this.outX = outX;
        this.data = new float[coils][2 * ny * outX];
        this.count = new int[ny];
        this.calibration = new boolean[ny];
        this.oversampling = outX < nx ? new ReadoutOversampling(nx, outX) : null;
        this.encodedLine = oversampling == null ? null : new float[2 * nx];
        this.reducedLine = oversampling == null ? null : new float[2 * outX];
    }

    /** An empty buffer for calibration-only lines, laid out as {@link #data}. */
    void openCalibration() {
        calibrationData = new float[data.length][data[0].length];
        calibrationCount = new int[count.length];
    }

    static long bytes(int coils, int ny, int nx) {
        return 8L * coils * ny * nx;
    }

    /**
     * Adds one readout ({@code samples} interleaved complex values per channel, channel-major) into row ky.
     *
     * @throws StreamException if the readout does not fit the encoded matrix or holds NaN or infinity
     */
    void add(AcquisitionHeader h, float[] samples, int ky, int nx, boolean calibrationOnly, boolean isCalibration)
            throws StreamException {
        int ns = h.samples();
        int offset = nx / 2 - h.centerSample();
        int first = h.discardPre();
        int end = ns - h.discardPost();
        if (first + offset < 0 || end - 1 + offset >= nx || first >= end) {
            throw new StreamException(h + ": samples [" + first + ", " + end + ") centred at sample "
                    + h.centerSample() + " do not fit the " + nx + " encoded readout samples; check center_sample, "
                    + "discard_pre/post and encodedSpace x");
        }
        boolean reverse = h.flag(Mrd.IS_REVERSE);
        float[][] target = calibrationOnly ? calibrationData : data;
        for (int c = 0; c < target.length; c++) {
            float[] row = oversampling == null ? target[c] : encodedLine;
            int line = oversampling == null ? 2 * ky * nx : 0;
            if (oversampling != null) {
                Arrays.fill(encodedLine, 0f);
            }
            for (int s = first; s < end; s++) {
                int src = 2 * (c * ns + (reverse ? ns - 1 - s : s));
                float re = samples[src];
                float im = samples[src + 1];
                if (!Float.isFinite(re) || !Float.isFinite(im)) {
                    throw new StreamException(h + ": sample " + s + " of channel " + c + " is "
                            + (Float.isFinite(re) ? im : re) + "; NaN or infinite samples cannot be reconstructed");
                }
                int dst = line + 2 * (s + offset);
                row[dst] += re;
                row[dst + 1] += im;
            }
            if (oversampling != null) {
                oversampling.reduce(encodedLine, 0, reducedLine, 0);
                float[] out = target[c];
                for (int j = 0, o = 2 * ky * outX; j < reducedLine.length; j++, o++) {
                    out[o] += reducedLine[j];
                }
            }
        }
        (calibrationOnly ? calibrationCount : count)[ky]++;
        calibration[ky] |= isCalibration;
        if (!calibrationOnly && Math.abs(ky - count.length / 2) < referenceDistance) {
            reference = h;
            referenceDistance = Math.abs(ky - count.length / 2);
        } else if (reference == null) {
            reference = h; // until an imaging line arrives
        }
    }

    /** Averages repeated lines, fills positions without an imaging line from calibration-only lines. */
    void finish() {
        int nx = outX;
        int ny = count.length;
        acquired = new boolean[ny];
        for (int ky = 0; ky < ny; ky++) {
            if (count[ky] > 0) {
                scale(ky, nx, 1f / count[ky]);
                acquired[ky] = true;
            } else if (calibrationCount != null && calibrationCount[ky] > 0) {
                for (int c = 0; c < data.length; c++) {
                    System.arraycopy(calibrationData[c], 2 * ky * nx, data[c], 2 * ky * nx, 2 * nx);
                }
                scale(ky, nx, 1f / calibrationCount[ky]);
                acquired[ky] = true;
            }
        }
        calibrationData = null;
    }

    boolean anyCalibration() {
        for (boolean b : calibration) {
            if (b) {
                return true;
            }
        }
        return false;
    }

    boolean anyLine() {
        for (boolean b : acquired) {
            if (b) {
                return true;
            }
        }
        return false;
    }

    private void scale(int ky, int nx, float s) { // nx: the stored samples per line
        if (s == 1f) {
            return;
        }
        for (float[] coil : data) {
            for (int j = 2 * ky * nx; j < 2 * (ky + 1) * nx; j++) {
                coil[j] *= s;
            }
        }
    }
}
