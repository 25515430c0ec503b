package org.mrirecon.io.ismrmrd;

import org.mrirecon.api.SamplingPattern;

/**
 * The calibration (ACS) block among a slice's acquired phase-encode lines, found the same way by the file readers and
 * the MRD server: from ISMRMRD's calibration flags where lines carry them, else the run of acquired lines about the
 * centre.
 */
public final class CalibrationBlock {

    private CalibrationBlock() {
    }

    /**
     * The longest run of consecutive lines flagged as calibration lines (ACQ_IS_PARALLEL_CALIBRATION or
     * _AND_IMAGING); of runs of equal length the one that holds the centre line {@code n / 2} wins. No block when no
     * line is flagged.
     */
    public static SamplingPattern fromFlags(boolean[] acquired, boolean[] calibration) {
        int best0 = 0;
        int best1 = 0;
        int centre = acquired.length / 2;
        for (int start = 0; start < calibration.length;) {
            if (!calibration[start]) {
                start++;
                continue;
            }
            int end = start;
            while (end < calibration.length && calibration[end]) {
                end++;
            }
            if (end - start > best1 - best0 || (end - start == best1 - best0 && start <= centre && centre < end)) {
                best0 = start;
                best1 = end;
            }
            start = end;
        }
        return SamplingPattern.of(acquired, best0, best1);
    }

    /**
     * Without flags: the run of consecutive acquired lines about the centre line {@code n / 2}. A run of one line is
     * no calibration block: it is what a regular mask without ACS leaves.
     */
    public static SamplingPattern aroundCentre(boolean[] acquired) {
        int centre = acquired.length / 2;
        if (!acquired[centre]) {
            return SamplingPattern.of(acquired, 0, 0);
        }
        int start = centre;
        while (start > 0 && acquired[start - 1]) {
            start--;
        }
        int end = centre + 1;
        while (end < acquired.length && acquired[end]) {
            end++;
        }
        return end - start >= 2 ? SamplingPattern.of(acquired, start, end) : SamplingPattern.of(acquired, 0, 0);
    }
}
