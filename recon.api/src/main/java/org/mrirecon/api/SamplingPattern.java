package org.mrirecon.api;

import java.util.Arrays;

import org.osgi.annotation.versioning.ProviderType;

/**
 * A 1-D Cartesian sampling pattern along phase-encode: which ky lines were acquired and which contiguous block of
 * them forms the calibration (ACS, autocalibration signal) region. Every readout sample of an acquired line is
 * acquired. Immutable.
 */
@ProviderType
public final class SamplingPattern {

    private final boolean[] acquired;
    private final int calibrationStart;
    private final int calibrationEnd;
    private final int acquiredCount;

    private SamplingPattern(boolean[] acquired, int calibrationStart, int calibrationEnd) {
        this.acquired = acquired;
        this.calibrationStart = calibrationStart;
        this.calibrationEnd = calibrationEnd;
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
        boolean[] copy = acquired.clone();
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
        SamplingPattern p = new SamplingPattern(copy, calibrationStart, calibrationEnd);
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

    /** Lines in the full matrix divided by lines acquired: the acceleration that scan time sees. */
    public double effectiveAcceleration() {
        return (double) acquired.length / acquiredCount;
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
                && Arrays.equals(acquired, other.acquired);
    }

    @Override
    public int hashCode() {
        return 31 * Arrays.hashCode(acquired) + calibrationStart * 7 + calibrationEnd;
    }

    @Override
    public String toString() {
        return String.format("SamplingPattern[%d/%d lines, R_eff=%.2f, ACS %d lines [%d,%d)]", acquiredCount,
                acquired.length, effectiveAcceleration(), calibrationLines(), calibrationStart, calibrationEnd);
    }
}
