package org.mrirecon.cs.bench;

import java.util.Arrays;

import org.mrirecon.numerics.sens.SensitivityMaps;

/** Agreement of two sets of coil maps inside a mask, for the benchmark report. */
public final class MapAgreement {

    private MapAgreement() {
    }

    /** Pixels where any coil of the set has a non-zero map. */
    public static boolean[] kept(float[][] set) {
        boolean[] out = new boolean[set[0].length / 2];
        for (float[] m : set) {
            for (int i = 0; i < out.length; i++) {
                out[i] |= m[2 * i] != 0 || m[2 * i + 1] != 0;
            }
        }
        return out;
    }

    /**
     * Root-mean-square over the mask of {@code ||P_a - P_b||_F / sqrt 2}, where {@code P} is the per-pixel projector
     * onto the span of the sets' coil vectors: where two sets are kept the individual eigenvectors are not unique,
     * only the subspace they span is.
     */
    public static double projectorDistance(float[][][] a, float[][][] b, boolean[] mask) {
        int coils = a[0].length;
        double sum = 0;
        int n = 0;
        double[] p = new double[2 * coils * coils];
        for (int i = 0; i < mask.length; i++) {
            if (!mask[i]) {
                continue;
            }
            Arrays.fill(p, 0);
            accumulate(p, a, i, 1);
            accumulate(p, b, i, -1);
            double f = 0;
            for (double v : p) {
                f += v * v;
            }
            sum += f / 2;
            n++;
        }
        return Math.sqrt(sum / n);
    }

    private static void accumulate(double[] p, float[][][] sets, int i, double sign) {
        int coils = sets[0].length;
        for (float[][] set : sets) {
            for (int c = 0; c < coils; c++) {
                for (int d = 0; d < coils; d++) {
                    double ar = set[c][2 * i];
                    double ai = set[c][2 * i + 1];
                    double br = set[d][2 * i];
                    double bi = set[d][2 * i + 1];
                    p[2 * (c * coils + d)] += sign * (ar * br + ai * bi);
                    p[2 * (c * coils + d) + 1] += sign * (ai * br - ar * bi);
                }
            }
        }
    }

    /**
     * Root-mean-square over the mask of {@code sqrt(1 - ||P t||^2)} for the unit-norm true coil vector {@code t} and
     * the projector onto the span of the sets: how much of the true sensitivity the sets cannot represent.
     */
    public static double outsideSpan(float[][][] sets, float[][] truth, boolean[] mask) {
        double sum = 0;
        int n = 0;
        for (int i = 0; i < mask.length; i++) {
            if (!mask[i]) {
                continue;
            }
            double tn = 0;
            for (float[] t : truth) {
                tn += t[2 * i] * t[2 * i] + t[2 * i + 1] * t[2 * i + 1];
            }
            double inside = 0;
            for (float[][] set : sets) {
                double dr = 0;
                double di = 0;
                for (int c = 0; c < truth.length; c++) {
                    double sr = set[c][2 * i];
                    double si = set[c][2 * i + 1];
                    double tr = truth[c][2 * i];
                    double ti = truth[c][2 * i + 1];
                    dr += sr * tr + si * ti;
                    di += sr * ti - si * tr;
                }
                inside += (dr * dr + di * di) / tn;
            }
            sum += Math.max(0, 1 - inside);
            n++;
        }
        return Math.sqrt(sum / n);
    }

    /**
     * {@code ||S - e^{i phi} R|| / ||R||} over the mask, where {@code R} is the other map normalised to unit
     * root-sum-of-squares and rotated into the estimate's phase convention (its virtual-coil projection made real),
     * and {@code phi} is the best common phase.
     */
    public static double commonPhase(SensitivityMaps est, float[][] other, boolean[] mask) {
        return commonPhase(set(est, 0), est.phaseReference(), other, mask);
    }

    /** One set of the estimated maps, one array per coil (the phantom's layout for its true maps). */
    public static float[][] set(SensitivityMaps est, int set) {
        float[] flat = est.maps(set);
        int per = flat.length / est.coils();
        float[][] out = new float[est.coils()][];
        for (int c = 0; c < out.length; c++) {
            out[c] = Arrays.copyOfRange(flat, c * per, (c + 1) * per);
        }
        return out;
    }

    /** As {@link #commonPhase(SensitivityMaps, float[][], boolean[])} for maps {@code s} with phase reference u. */
    public static double commonPhase(float[][] s, double[] u, float[][] other, boolean[] mask) {
        int coils = s.length;
        double[][] r = new double[coils][2 * mask.length];
        for (int i = 0; i < mask.length; i++) {
            double norm = 0;
            double zr = 0;
            double zi = 0;
            for (int c = 0; c < coils; c++) {
                double a = other[c][2 * i];
                double b = other[c][2 * i + 1];
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
                double a = other[c][2 * i];
                double b = other[c][2 * i + 1];
                r[c][2 * i] = scale * (a * pr - b * pi);
                r[c][2 * i + 1] = scale * (a * pi + b * pr);
            }
        }
        double dr = 0;
        double di = 0;
        for (int c = 0; c < coils; c++) {
            for (int i = 0; i < mask.length; i++) {
                if (mask[i]) {
                    dr += r[c][2 * i] * s[c][2 * i] + r[c][2 * i + 1] * s[c][2 * i + 1];
                    di += r[c][2 * i] * s[c][2 * i + 1] - r[c][2 * i + 1] * s[c][2 * i];
                }
            }
        }
        double m = Math.hypot(dr, di);
        double pr = dr / m;
        double pi = di / m;
        double err = 0;
        double ref = 0;
        for (int c = 0; c < coils; c++) {
            for (int i = 0; i < mask.length; i++) {
                if (mask[i]) {
                    double a = r[c][2 * i] * pr - r[c][2 * i + 1] * pi;
                    double b = r[c][2 * i] * pi + r[c][2 * i + 1] * pr;
                    double er = s[c][2 * i] - a;
                    double ei = s[c][2 * i + 1] - b;
                    err += er * er + ei * ei;
                    ref += a * a + b * b;
                }
            }
        }
        return Math.sqrt(err / ref);
    }

    /** Fraction of true entries. */
    public static double fraction(boolean[] mask) {
        int k = 0;
        for (boolean b : mask) {
            k += b ? 1 : 0;
        }
        return (double) k / mask.length;
    }
}
