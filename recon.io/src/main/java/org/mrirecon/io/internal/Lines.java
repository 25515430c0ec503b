package org.mrirecon.io.internal;

/**
 * Finds the acquired phase-encode lines of stored k-space; {@link org.mrirecon.io.ismrmrd.CalibrationBlock} finds the
 * calibration (ACS) block among them.
 */
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
}
