package org.mrirecon.api;

import java.util.Arrays;

import org.osgi.annotation.versioning.ProviderType;

/**
 * A 1-D Cartesian sampling pattern along phase-encode: which ky lines were acquired, which contiguous block of them
 * forms the calibration (ACS, autocalibration signal) region, and which lines the scan encodes at all. Every readout
 * sample of an acquired line is acquired. Immutable.
 *
 * <p>The <em>encoded range</em> {@code [encodedStart, encodedEnd)} holds the lines the scan could have acquired;
 * lines outside it are zero padding of the matrix (fastMRI's {@code padding_left/right}, ISMRMRD's encoding limits
 * narrower than the encoded matrix) and are never acquired. Regular-undersampling checks and the effective
 * acceleration look at the encoded range only. By default it is the whole matrix.
 */
@ProviderType
public final class SamplingPattern {

    private final boolean[] acquired;
    private final int calibrationStart;
    private final int calibrationEnd;
    private final int encodedStart;
    private final int encodedEnd;
    private final int acquiredCount;

    private SamplingPattern(boolean[] acquired, int calibrationStart, int calibrationEnd, int encodedStart,
            int encodedEnd) {
        this.acquired = acquired;
        this.calibrationStart = calibrationStart;
        this.calibrationEnd = calibrationEnd;
        this.encodedStart = encodedStart;
        this.encodedEnd = encodedEnd;
        int n = 0;
        for (boolean a : acquired) {
            if (a) {
                n++;
            }
        }
        this.acquiredCount = n;
    }

    /**
     * Creates a pattern.
     *
     * @param acquired         per phase-encode line, whether it was acquired (copied)
     * @param calibrationStart first ACS line (inclusive)
     * @param calibrationEnd   end of the ACS block (exclusive); equal to start when there is no ACS region
     * @throws IllegalArgumentException if no line is acquired, the ACS block is out of range, or an ACS line is not
     *                                  marked acquired
     */
    public static SamplingPattern of(boolean[] acquired, int calibrationStart, int calibrationEnd) {
        if (acquired == null || acquired.length == 0) {
            throw new IllegalArgumentException("sampling pattern has no phase-encode lines");
        }
        return of(acquired, calibrationStart, calibrationEnd, 0, acquired.length);
    }

    /**
     * Creates a pattern whose scan encodes only the lines {@code [encodedStart, encodedEnd)}; the others are zero
     * padding.
     *
     * @throws IllegalArgumentException as {@link #of(boolean[], int, int)}, or if the encoded range is out of bounds,
     *                                  or a line outside it is marked acquired
     */
    public static SamplingPattern of(boolean[] acquired, int calibrationStart, int calibrationEnd, int encodedStart,
            int encodedEnd) {
        if (acquired == null || acquired.length == 0) {
            throw new IllegalArgumentException("sampling pattern has no phase-encode lines");
        }
        boolean[] copy = acquired.clone();
        if (encodedStart < 0 || encodedEnd > copy.length || encodedStart >= encodedEnd) {
            throw new IllegalArgumentException("encoded lines [" + encodedStart + ", " + encodedEnd
                    + ") lie outside the " + copy.length + " phase-encode lines");
        }
        for (int ky = 0; ky < copy.length; ky++) {
            if (copy[ky] && (ky < encodedStart || ky >= encodedEnd)) {
                throw new IllegalArgumentException("line " + ky + " is marked acquired but lies in the zero padding "
                        + "outside the encoded lines [" + encodedStart + ", " + encodedEnd + ")");
            }
        }
        if (calibrationStart < 0 || calibrationEnd > copy.length || calibrationStart > calibrationEnd) {
            throw new IllegalArgumentException("calibration region [" + calibrationStart + ", " + calibrationEnd
                    + ") lies outside the " + copy.length + " phase-encode lines");
        }
        for (int ky = calibrationStart; ky < calibrationEnd; ky++) {
            if (!copy[ky]) {
                throw new IllegalArgumentException("calibration line " + ky + " is not marked as acquired: "
                        + "the ACS region must be fully sampled");
            }
        }
        SamplingPattern p = new SamplingPattern(copy, calibrationStart, calibrationEnd, encodedStart, encodedEnd);
        if (p.acquiredCount == 0) {
            throw new IllegalArgumentException("sampling pattern acquires no phase-encode line: nothing to reconstruct");
        }
        return p;
    }

    /**
     * Creates a pattern from a line mask and takes as calibration region the longest run of consecutive acquired
     * lines that contains the centre line {@code n / 2} (none if the centre line is missing).
     */
    public static SamplingPattern fromMask(boolean[] acquired) {
        if (acquired == null || acquired.length == 0) {
            throw new IllegalArgumentException("sampling pattern has no phase-encode lines");
        }
        int centre = acquired.length / 2;
        int start = centre;
        int end = centre;
        if (acquired[centre]) {
            while (start > 0 && acquired[start - 1]) {
                start--;
            }
            end = centre + 1;
            while (end < acquired.length && acquired[end]) {
                end++;
            }
        }
        return of(acquired, start, end);
    }

    /** This pattern with the encoded range {@code [start, end)}; see {@link #of(boolean[], int, int, int, int)}. */
    public SamplingPattern withEncodedRange(int start, int end) {
        return of(acquired, calibrationStart, calibrationEnd, start, end);
    }

    /** A pattern in which every line is acquired (and all of them count as calibration lines). */
    public static SamplingPattern fullySampled(int phaseEncodes) {
        boolean[] all = new boolean[phaseEncodes];
        Arrays.fill(all, true);
        return of(all, 0, phaseEncodes);
    }

    public int phaseEncodes() {
        return acquired.length;
    }

    public boolean isAcquired(int ky) {
        return acquired[ky];
    }

    public boolean isCalibration(int ky) {
        return ky >= calibrationStart && ky < calibrationEnd;
    }

    /** First line of the calibration block (inclusive). */
    public int calibrationStart() {
        return calibrationStart;
    }

    /** End of the calibration block (exclusive). */
    public int calibrationEnd() {
        return calibrationEnd;
    }

    /** Number of calibration (ACS) lines. */
    public int calibrationLines() {
        return calibrationEnd - calibrationStart;
    }

    /** Number of acquired lines, calibration lines included. */
    public int acquiredLines() {
        return acquiredCount;
    }

    /** First line the scan encodes (inclusive); lines before it are zero padding. */
    public int encodedStart() {
        return encodedStart;
    }

    /** End of the encoded lines (exclusive); lines from it on are zero padding. */
    public int encodedEnd() {
        return encodedEnd;
    }

    /** Number of lines the scan encodes (the matrix less its zero padding). */
    public int encodedLines() {
        return encodedEnd - encodedStart;
    }

    /** Whether the scan could have acquired line {@code ky} (it is not zero padding). */
    public boolean isEncoded(int ky) {
        return ky >= encodedStart && ky < encodedEnd;
    }

    /** Encoded lines divided by lines acquired: the acceleration that scan time sees. */
    public double effectiveAcceleration() {
        return (double) encodedLines() / acquiredCount;
    }

    /** A copy of the per-line mask. */
    public boolean[] mask() {
        return acquired.clone();
    }

    @Override
    public boolean equals(Object o) {
        if (this == o) {
            return true;
        }
        if (!(o instanceof SamplingPattern)) {
            return false;
        }
        SamplingPattern other = (SamplingPattern) o;
        return calibrationStart == other.calibrationStart && calibrationEnd == other.calibrationEnd
                && encodedStart == other.encodedStart && encodedEnd == other.encodedEnd
                && Arrays.equals(acquired, other.acquired);
    }

    @Override
    public int hashCode() {
        return 31 * Arrays.hashCode(acquired) + calibrationStart * 7 + calibrationEnd;
    }

    @Override
    public String toString() {
        return String.format("SamplingPattern[%d/%d lines%s, R_eff=%.2f, ACS %d lines [%d,%d)]", acquiredCount,
                acquired.length, encodedLines() == acquired.length ? ""
                        : " (encoded [" + encodedStart + "," + encodedEnd + "))",
                effectiveAcceleration(), calibrationLines(), calibrationStart, calibrationEnd);
    }
}
