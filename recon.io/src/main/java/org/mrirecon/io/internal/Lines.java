package org.mrirecon.io.internal;

import org.mrirecon.api.SamplingPattern;

/** Finds the acquired phase-encode lines of stored k-space and the calibration (ACS) block among them. */
public final class Lines {

    private Lines() {
    }

    /** Lines (rows) of one slice where any coil holds a non-zero sample. */
    public static boolean[] nonZero(float[][] coils, int phaseEncodes, int readouts) {
        boolean[] acquired = new boolean[phaseEncodes];
        for (float[] coil : coils) {
            for (int ky = 0; ky < phaseEncodes; ky++) {
                if (acquired[ky]) {
                    continue;
                }
                for (int i = 2 * ky * readouts, end = 2 * (ky + 1) * readouts; i < end; i++) {
                    if (coil[i] != 0f) {
                        acquired[ky] = true;
                        break;
                    }
                }
            }
        }
        return acquired;
    }

    /**
     * A pattern whose calibration block is the run of consecutive acquired lines around the centre line
     * {@code n / 2}. A run of one line is no calibration block: it is what a regular mask without ACS leaves.
     */
    public static SamplingPattern pattern(boolean[] acquired) {
        int[] run = centreRun(acquired);
        return run[1] - run[0] >= 2 ? SamplingPattern.of(acquired, run[0], run[1])
                : SamplingPattern.of(acquired, 0, 0);
    }

    /**
     * A pattern whose calibration block is the longest run of consecutive lines flagged as calibration lines (those
     * around the centre win a tie); none when no line is flagged.
     */
    public static SamplingPattern pattern(boolean[] acquired, boolean[] calibration) {
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
            boolean better = end - start > best1 - best0
                    || (end - start == best1 - best0 && start <= centre && centre < end);
            if (better) {
                best0 = start;
                best1 = end;
            }
            start = end;
        }
        return SamplingPattern.of(acquired, best0, best1);
    }

    /** Number of acquired lines. */
    public static int count(boolean[] acquired) {
        int n = 0;
        for (boolean a : acquired) {
            if (a) {
                n++;
            }
        }
        return n;
    }

    private static int[] centreRun(boolean[] acquired) {
        int centre = acquired.length / 2;
        if (!acquired[centre]) {
            return new int[] {centre, centre};
        }
        int start = centre;
        while (start > 0 && acquired[start - 1]) {
            start--;
        }
        int end = centre + 1;
        while (end < acquired.length && acquired[end]) {
            end++;
        }
        return new int[] {start, end};
    }
}
