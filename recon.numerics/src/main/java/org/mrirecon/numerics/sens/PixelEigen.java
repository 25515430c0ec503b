package org.mrirecon.numerics.sens;

import java.util.Arrays;

/**
 * The leading eigenpairs of ESPIRiT's per-pixel {@code coils x coils} matrix {@code G} by power iteration with
 * deflation, as BART's default ({@code orthiter}). The maps are smooth, so each pixel starts from its left
 * neighbour's eigenvectors and converges in a few steps; a row starts cold, from the column of {@code G} with the
 * largest diagonal entry, which is parallel to the eigenvector when {@code G} has rank one.
 *
 * <p>Eigenvalues of {@code G} lie in [0, 1] and only those above the crop threshold yield a map. For the second and
 * later eigenpairs the Frobenius bound {@code lambda_m^2 <= ||G||_F^2 - sum_{j<m} lambda_j^2} usually proves that
 * the eigenvalue is at or below the crop, and then the pair is not computed at all; the bound is reported instead of
 * the eigenvalue. One instance per thread: it owns its work buffers.
 */
final class PixelEigen {

    /** Stop when the unit eigenvector changes by less than this (its error is then of the same order). */
    private static final double TOLERANCE = 1e-5;
    private static final int MAX_ITERATIONS = 200;

    private final int n;
    private final int sets;
    private final double[] g;
    private final double[][] v;
    private final double[] w;
    private final double[] values;
    private final boolean[] solved;
    private final boolean[] warm;

    PixelEigen(int coils, int sets) {
        this.n = coils;
        this.sets = sets;
        this.g = new double[2 * coils * coils];
        this.v = new double[sets][2 * coils];
        this.w = new double[2 * coils];
        this.values = new double[sets];
        this.solved = new boolean[sets];
        this.warm = new boolean[sets];
    }

    /** Forget the previous pixel: the next {@link #solve} starts cold (e.g. at the start of a row). */
    void reset() {
        Arrays.fill(warm, false);
    }

    /**
     * Solves for one pixel.
     *
     * @param packed the upper triangle of {@code G}, pairs {@code c <= c'} in row order, interleaved complex
     * @param offset float index of the first pair in {@code packed}
     * @param crop   eigenpairs after the first are only computed if their eigenvalue may exceed this
     */
    void solve(double[] packed, int offset, double crop) {
        double frobenius = unpack(packed, offset);
        for (int m = 0; m < sets; m++) {
            if (m > 0 && !solved[m - 1]) {
                values[m] = values[m - 1]; // lambda_m <= lambda_{m-1}, already at or below the crop
                solved[m] = false;
                warm[m] = false;
                continue;
            }
            if (m > 0) {
                frobenius -= values[m - 1] * values[m - 1];
                double bound = Math.sqrt(Math.max(0, frobenius));
                if (bound <= crop) {
                    values[m] = bound;
                    solved[m] = false;
                    warm[m] = false;
                    continue;
                }
            }
            if (!warm[m]) {
                coldStart(m);
            }
            iterate(m);
            solved[m] = true;
            warm[m] = true;
        }
    }

    /** The m-th eigenvalue (Rayleigh quotient) of the last solve, or an upper bound if it was not computed. */
    double value(int m) {
        return values[m];
    }

    /** Whether the m-th eigenvector was computed in the last solve. */
    boolean solved(int m) {
        return solved[m];
    }

    /** The m-th unit eigenvector of the last solve, interleaved complex; live view, do not modify. */
    double[] vector(int m) {
        return v[m];
    }

    private void iterate(int m) {
        double[] x = v[m];
        values[m] = 0;
        for (int it = 0; it < MAX_ITERATIONS; it++) {
            multiply(m, x);
            double lambda = 0;
            double norm = 0;
            for (int i = 0; i < 2 * n; i += 2) {
                lambda += x[i] * w[i] + x[i + 1] * w[i + 1];
                norm += w[i] * w[i] + w[i + 1] * w[i + 1];
            }
            values[m] = lambda;
            if (norm == 0) {
                return;
            }
            double inv = 1 / Math.sqrt(norm);
            double change = 0;
            for (int i = 0; i < 2 * n; i++) {
                double next = w[i] * inv;
                double d = next - x[i];
                change += d * d;
                x[i] = next;
            }
            if (change < TOLERANCE * TOLERANCE) {
                return;
            }
        }
    }

    /** {@code w = (G - sum_{j<m} lambda_j v_j v_j^H) x}, then made orthogonal to the earlier eigenvectors. */
    private void multiply(int m, double[] x) {
        for (int a = 0; a < n; a++) {
            double re = 0;
            double im = 0;
            int row = 2 * a * n;
            for (int b = 0; b < n; b++) {
                double gr = g[row + 2 * b];
                double gi = g[row + 2 * b + 1];
                re += gr * x[2 * b] - gi * x[2 * b + 1];
                im += gr * x[2 * b + 1] + gi * x[2 * b];
            }
            w[2 * a] = re;
            w[2 * a + 1] = im;
        }
        for (int j = 0; j < m; j++) {
            project(v[j], w);
        }
    }

    /** {@code y -= u (u^H y)} for a unit vector u. */
    private void project(double[] u, double[] y) {
        double pr = 0;
        double pi = 0;
        for (int i = 0; i < 2 * n; i += 2) {
            pr += u[i] * y[i] + u[i + 1] * y[i + 1];
            pi += u[i] * y[i + 1] - u[i + 1] * y[i];
        }
        for (int i = 0; i < 2 * n; i += 2) {
            y[i] -= u[i] * pr - u[i + 1] * pi;
            y[i + 1] -= u[i] * pi + u[i + 1] * pr;
        }
    }

    /** Starts set m from the column of G with the largest diagonal, made orthogonal to the earlier sets. */
    private void coldStart(int m) {
        double[] x = v[m];
        double bestValue = Double.NEGATIVE_INFINITY;
        int best = 0;
        for (int a = 0; a < n; a++) {
            double d = g[2 * (a * n + a)];
            for (int j = 0; j < m; j++) {
                d -= values[j] * (v[j][2 * a] * v[j][2 * a] + v[j][2 * a + 1] * v[j][2 * a + 1]);
            }
            if (d > bestValue) {
                bestValue = d;
                best = a;
            }
        }
        for (int a = 0; a < n; a++) {
            x[2 * a] = g[2 * (a * n + best)];
            x[2 * a + 1] = g[2 * (a * n + best) + 1];
        }
        for (int j = 0; j < m; j++) {
            project(v[j], x);
        }
        double norm = 0;
        for (double e : x) {
            norm += e * e;
        }
        if (norm == 0) {
            Arrays.fill(x, 0);
            x[2 * best] = 1;
            for (int j = 0; j < m; j++) {
                project(v[j], x);
            }
            for (double e : x) {
                norm += e * e;
            }
        }
        double inv = 1 / Math.sqrt(norm);
        for (int i = 0; i < 2 * n; i++) {
            x[i] *= inv;
        }
    }

    /** Unpacks G into a full matrix and returns its squared Frobenius norm. */
    private double unpack(double[] packed, int offset) {
        int p = offset;
        double f = 0;
        for (int a = 0; a < n; a++) {
            for (int b = a; b < n; b++, p += 2) {
                double re = packed[p];
                double im = packed[p + 1];
                g[2 * (a * n + b)] = re;
                g[2 * (a * n + b) + 1] = im;
                g[2 * (b * n + a)] = re;
                g[2 * (b * n + a) + 1] = -im;
                f += (a == b ? 1 : 2) * (re * re + im * im);
            }
        }
        return f;
    }
}
