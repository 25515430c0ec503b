package org.mrirecon.mrd.internal;

/**
 * The lines of one image as they arrive, accumulated by the rules of recon.io's ISMRMRD reader so that a streamed
 * slice is the k-space the file reader makes of the same acquisitions: imaging lines and calibration-only lines in
 * separate buffers, repeated lines (averages) summed and averaged at the end, readouts placed by
 * {@code center_sample}, {@code discard_pre/post} honoured and reversed readouts flipped.
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

    Frame(FrameKey key, int coils, int ny, int nx) {
        this.key = key;
        this.data = new float[coils][2 * ny * nx];
        this.count = new int[ny];
        this.calibration = new boolean[ny];
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
            float[] row = target[c];
            for (int s = first; s < end; s++) {
                int src = 2 * (c * ns + (reverse ? ns - 1 - s : s));
                float re = samples[src];
                float im = samples[src + 1];
                if (!Float.isFinite(re) || !Float.isFinite(im)) {
                    throw new StreamException(h + ": sample " + s + " of channel " + c + " is "
                            + (Float.isFinite(re) ? im : re) + "; NaN or infinite samples cannot be reconstructed");
                }
                int dst = 2 * (ky * nx + s + offset);
                row[dst] += re;
                row[dst + 1] += im;
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
    void finish(int nx) {
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

    private void scale(int ky, int nx, float s) {
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
