package org.mrirecon.io.internal;

import org.mrirecon.io.DataFormatException;

/** Accumulates the lines of one image: imaging lines and calibration-only lines apart, averages summed. */
final class IsmrmrdFrame {
    float[][] data;
    float[][] calibrationData;
    int[] count;
    int[] calibrationCount;
    boolean[] acquired;
    boolean[] calibration;

    void add(int i, IsmrmrdAcquisitions acq, int ky, boolean calibrationOnly, boolean isCalibration,
            boolean reverse, int coils, int ny, int nx) throws DataFormatException {
        if (data == null) {
            data = new float[coils][2 * ny * nx];
            count = new int[ny];
            calibration = new boolean[ny];
        }
        if (calibrationOnly && calibrationData == null) {
            calibrationData = new float[coils][2 * ny * nx];
            calibrationCount = new int[ny];
        }
        float[][] target = calibrationOnly ? calibrationData : data;
        (calibrationOnly ? calibrationCount : count)[ky]++;
        calibration[ky] |= isCalibration;
        acq.addLine(i, target, ky, nx, reverse);
    }

    /** Marks the lines this image will hold: imaging lines and positions a calibration-only line fills. */
    void finishLines(int ny) {
        acquired = new boolean[ny];
        for (int ky = 0; ky < ny; ky++) {
            acquired[ky] = count[ky] > 0 || calibrationCount != null && calibrationCount[ky] > 0;
        }
    }

    /** Averages repeated lines and fills empty positions from calibration-only lines; returns how many. */
    int finish(int coils, int ny, int nx) {
        acquired = new boolean[ny];
        int filled = 0;
        for (int ky = 0; ky < ny; ky++) {
            if (count[ky] > 0) {
                scale(data, ky, nx, 1f / count[ky]);
                acquired[ky] = true;
            } else if (calibrationCount != null && calibrationCount[ky] > 0) {
                for (int c = 0; c < coils; c++) {
                    System.arraycopy(calibrationData[c], 2 * ky * nx, data[c], 2 * ky * nx, 2 * nx);
                }
                scale(data, ky, nx, 1f / calibrationCount[ky]);
                acquired[ky] = true;
                filled++;
            }
        }
        calibrationData = null;
        return filled;
    }

    boolean anyCalibration() {
        for (boolean b : calibration) {
            if (b) {
                return true;
            }
        }
        return false;
    }

    private void scale(float[][] d, int ky, int nx, float s) {
        if (s == 1f) {
            return;
        }
        for (float[] coil : d) {
            for (int j = 2 * ky * nx; j < 2 * (ky + 1) * nx; j++) {
                coil[j] *= s;
            }
        }
    }
}
