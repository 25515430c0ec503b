package org.mrirecon.grappa;

import java.util.Arrays;

import org.mrirecon.api.ReconstructionException;
import org.mrirecon.api.SamplingPattern;

/**
 * The regular undersampling GRAPPA needs, read from a sampling pattern: outside the calibration block every R-th
 * phase-encode line is acquired (a grid with spacing R and some offset) and no other line. Lines on the grid are
 * the kernel's sources; every encoded line that was not acquired is synthesised from the grid lines around it. Lines
 * outside the pattern's encoded range are zero padding (fastMRI's padding_left/right): the scan never encodes them,
 * so they neither break the grid nor get synthesised. Immutable.
 */
final class SamplingGrid {

    /** The largest acceleration accepted; 1-D GRAPPA beyond it is of no diagnostic use with knee coils. */
    static final int MAX_ACCELERATION = 8;

    private final int acceleration;
    private final int offset;
    private final int calibrationStart;
    private final int calibrationEnd;
    private final int[] missing;

    private SamplingGrid(SamplingPattern p, int acceleration, int offset) {
        this.acceleration = acceleration;
        this.offset = offset;
        this.calibrationStart = p.calibrationStart();
        this.calibrationEnd = p.calibrationEnd();
        int[] lines = new int[p.encodedLines() - p.acquiredLines()];
        int n = 0;
        for (int ky = p.encodedStart(); ky < p.encodedEnd(); ky++) {
            if (!p.isAcquired(ky)) {
                lines[n++] = ky;
            }
        }
        this.missing = lines;
    }

    /**
     * Reads the grid from a pattern.
     *
     * @param coils the receive coils, which bound the acceleration GRAPPA can unfold
     * @throws ReconstructionException if the lines outside the calibration block are not regularly spaced, or the
     *                                 acceleration is above {@value #MAX_ACCELERATION} or the coil count
     */
    static SamplingGrid of(SamplingPattern p, int coils) throws ReconstructionException {
        if (p.acquiredLines() == p.encodedLines()) {
            return new SamplingGrid(p, 1, 0);
        }
        int[] outer = outerLines(p);
        if (outer.length == 0) {
            throw new ReconstructionException("only the calibration block [" + p.calibrationStart() + ", "
                    + p.calibrationEnd() + ") is acquired: GRAPPA needs regularly undersampled lines outside it");
        }
        int minGap = Integer.MAX_VALUE;
        int maxGap = 0;
        for (int i = 1; i < outer.length; i++) {
            boolean sameSide = outer[i] < p.calibrationStart() || outer[i - 1] >= p.calibrationEnd();
            if (sameSide) {
                minGap = Math.min(minGap, outer[i] - outer[i - 1]);
                maxGap = Math.max(maxGap, outer[i] - outer[i - 1]);
            }
        }
        if (maxGap == 0) {
            throw new ReconstructionException("only " + outer.length + " line(s) outside the calibration block: "
                    + "too few to tell the acceleration; GRAPPA needs every R-th line acquired");
        }
        int r = minGap;
        int offset = Math.floorMod(outer[0], r);
        for (int ky = p.encodedStart(); ky < p.encodedEnd(); ky++) {
            boolean onGrid = Math.floorMod(ky - offset, r) == 0;
            if (!p.isCalibration(ky) && onGrid != p.isAcquired(ky)) {
                throw new ReconstructionException("the acquired phase-encode lines outside the calibration block "
                        + "are not equally spaced (gaps of " + minGap + " to " + maxGap + " lines, line " + ky
                        + " breaks the R=" + r + " grid): GRAPPA needs regular undersampling (every R-th line); "
                        + "use an equispaced mask or a method made for random sampling");
            }
        }
        if (r > MAX_ACCELERATION) {
            throw new ReconstructionException("acceleration R=" + r + " is above the largest GRAPPA supports ("
                    + MAX_ACCELERATION + "): acquire every " + MAX_ACCELERATION + "th line or more");
        }
        if (r > coils) {
            throw new ReconstructionException("acceleration R=" + r + " exceeds the " + coils + " coils: GRAPPA "
                    + "cannot unfold more aliased copies than there are coils; lower the acceleration");
        }
        return new SamplingGrid(p, r, offset);
    }

    private static int[] outerLines(SamplingPattern p) {
        int[] lines = new int[p.acquiredLines()];
        int n = 0;
        for (int ky = 0; ky < p.phaseEncodes(); ky++) {
            if (p.isAcquired(ky) && !p.isCalibration(ky)) {
                lines[n++] = ky;
            }
        }
        return Arrays.copyOf(lines, n);
    }

    /** R: the spacing of the acquired lines outside the calibration block (1 if fully sampled). */
    int acceleration() {
        return acceleration;
    }

    int calibrationStart() {
        return calibrationStart;
    }

    int calibrationEnd() {
        return calibrationEnd;
    }

    int calibrationLines() {
        return calibrationEnd - calibrationStart;
    }

    /** The grid line at or below {@code ky} (may be negative near the lower edge: outside the matrix). */
    int gridLineBelow(int ky) {
        return ky - Math.floorMod(ky - offset, acceleration);
    }

    /** Number of lines to synthesise (not acquired). */
    int missingCount() {
        return missing.length;
    }

    /** The i-th line to synthesise, ascending. */
    int missingLine(int i) {
        return missing[i];
    }
}
