package org.mrirecon.numerics.sens;

/** Compares estimated maps with reference maps inside a mask. */
final class MapComparison {

    private MapComparison() {
    }

    /**
     * Relative error {@code ||S - e^{i phi} R|| / ||R||} over the masked pixels, where {@code R} is the reference
     * normalised to unit root-sum-of-squares and put in the estimate's phase convention (virtual coil), and
     * {@code phi} is the best common phase.
     */
    static double commonPhaseError(SensitivityMaps est, float[] reference, boolean[] mask) {
        float[] s = est.maps();
        double[] u = est.phaseReference();
        int coils = est.coils();
        int pixels = mask.length;
        double[][] r = new double[coils][2 * pixels];
        for (int i = 0; i < pixels; i++) {
            double norm = 0;
            double zr = 0;
            double zi = 0;
            for (int c = 0; c < coils; c++) {
                double a = reference[2 * (c * pixels + i)];
                double b = reference[2 * (c * pixels + i) + 1];
                norm += a * a + b * b;
                zr += u[2 * c] * a + u[2 * c + 1] * b;
                zi += u[2 * c] * b - u[2 * c + 1] * a;
            }
            double zm = Math.hypot(zr, zi);
            if (norm == 0 || zm == 0) {
                continue;
            }
            double scale = 1 / Math.sqrt(norm);
            double pr = zr / zm;
            double pi = -zi / zm;
            for (int c = 0; c < coils; c++) {
                double a = reference[2 * (c * pixels + i)];
                double b = reference[2 * (c * pixels + i) + 1];
                r[c][2 * i] = scale * (a * pr - b * pi);
                r[c][2 * i + 1] = scale * (a * pi + b * pr);
            }
        }
        // best common phase: phi = arg sum conj(R) S
        double dr = 0;
        double di = 0;
        for (int c = 0; c < coils; c++) {
            for (int i = 0; i < pixels; i++) {
                if (mask[i]) {
                    dr += r[c][2 * i] * s[2 * (c * pixels + i)] + r[c][2 * i + 1] * s[2 * (c * pixels + i) + 1];
                    di += r[c][2 * i] * s[2 * (c * pixels + i) + 1] - r[c][2 * i + 1] * s[2 * (c * pixels + i)];
                }
            }
        }
        double m = Math.hypot(dr, di);
        double pr = dr / m;
        double pi = di / m;
        double err = 0;
        double ref = 0;
        for (int c = 0; c < coils; c++) {
            for (int i = 0; i < pixels; i++) {
                if (mask[i]) {
                    double a = r[c][2 * i] * pr - r[c][2 * i + 1] * pi;
                    double b = r[c][2 * i] * pi + r[c][2 * i + 1] * pr;
                    double er = s[2 * (c * pixels + i)] - a;
                    double ei = s[2 * (c * pixels + i) + 1] - b;
                    err += er * er + ei * ei;
                    ref += a * a + b * b;
                }
            }
        }
        return Math.sqrt(err / ref);
    }
}
