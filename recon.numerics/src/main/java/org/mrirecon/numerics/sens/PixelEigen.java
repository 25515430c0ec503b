package org.mrirecon.numerics.sens;

import java.util.Arrays;

/**
 * The leading eigenpairs of ESPIRiT's per-pixel {@code coils x coils} matrix {@code G} by power iteration with
 * deflation, as BART's default ({@code orthiter}). The maps are smooth, so each pixel starts from its left
 * neighbour's eigenvectors and converges in a few steps; a row starts cold, from the column of {@code G} with the
 * largest diagonal entry, which is parallel to the eigenvector when {@code G} has rank one. Where the neighbour
 * needed two maps, the first two pairs are found together by subspace iteration ({@link #pair}).
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
    private final double[] ga;
    private final double[] gb;
    private long products;
    private final double[] values;
    private final boolean[] solved;
    private final boolean[] warm;

    PixelEigen(int coils, int sets) {
        this.n = coils;
        this.sets = sets;
        this.g = new double[2 * coils * coils];
        this.v = new double[sets][2 * coils];
        this.w = new double[2 * coils];
        this.ga = new double[2 * coils];
        this.gb = new double[2 * coils];
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
        int first = 0;
        if (sets >= 2 && warm[0] && warm[1]) {
            // The left neighbour needed two maps, so this pixel most likely does too. Where it does, the leading two
            // eigenvalues are often both near 1, and power iteration on the first, at the rate lambda_2 / lambda_1,
            // took up to 200 steps; the pair's subspace converges at lambda_3 / lambda_2.
            pair(frobenius, crop);
            frobenius -= values[0] * values[0]; // the loop takes off the second
            warm[1] = solved[1];
            first = 2;
        }
        for (int m = first; m < sets; m++) {
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

    /**
     * The first two eigenpairs together, by subspace iteration with Rayleigh-Ritz on the pair (BART's orthiter is
     * subspace iteration too), from the left neighbour's two eigenvectors. Stops when both Ritz pairs' residuals
     * {@code |G v - theta v|} are below the tolerance times theta, the power iteration's criterion in other words
     * (a unit vector's change in one step is its residual over the eigenvalue). As in {@link #solve}, the second
     * pair is dropped (with the Frobenius bound as its value) once the first has converged and the bound proves the
     * second eigenvalue at or below the crop: the first Ritz value is at most the eigenvalue, so the bound holds.
     */
    private void pair(double frobenius, double crop) {
        double[] a = v[0];
        double[] b = v[1];
        orthonormalise(a, b);
        for (int it = 0; it < MAX_ITERATIONS; it++) {
            times(a, b, ga, gb);
            // H = [a b]^H G [a b], Hermitian 2 x 2: its eigenpairs rotate the pair into Ritz vectors.
            double h11 = dot(a, ga, true);
            double h22 = dot(b, gb, true);
            double h12r = dot(a, gb, true);
            double h12i = dot(a, gb, false);
            double mean = (h11 + h22) / 2;
            double radius = Math.hypot((h11 - h22) / 2, Math.hypot(h12r, h12i));
            double theta1 = mean + radius;
            double theta2 = mean - radius;
            // u = (h12, theta1 - h11) or (theta1 - h22, conj h12), whichever is longer, normalised; the second Ritz
            // vector's coefficients are (-conj u2, conj u1).
            double u1r = 1;
            double u1i = 0;
            double u2r = 0;
            double u2i = 0;
            double p = theta1 - h11;
            double q = theta1 - h22;
            double off = h12r * h12r + h12i * h12i;
            if (off + Math.max(p * p, q * q) > 0) { // else H is a multiple of I and the pair is already Ritz
                if (p * p >= q * q) {
                    u1r = h12r;
                    u1i = h12i;
                    u2r = p;
                } else {
                    u1r = q;
                    u2r = h12r;
                    u2i = -h12i;
                }
            }
            double inv = 1 / Math.sqrt(u1r * u1r + u1i * u1i + u2r * u2r + u2i * u2i);
            u1r *= inv;
            u1i *= inv;
            u2r *= inv;
            u2i *= inv;
            rotate(a, b, u1r, u1i, u2r, u2i);
            rotate(ga, gb, u1r, u1i, u2r, u2i);
            values[0] = theta1;
            values[1] = theta2;
            solved[1] = true;
            if (residual(a, ga, theta1) <= TOLERANCE * theta1) {
                double bound = Math.sqrt(Math.max(0, frobenius - theta1 * theta1));
                if (bound <= crop) {
                    values[1] = bound;
                    solved[1] = false;
                    break;
                }
                if (residual(b, gb, theta2) <= TOLERANCE * theta2) {
                    break;
                }
            }
            // Next pair: G times the Ritz vectors, made orthonormal.
            if (!(dot(ga, ga, true) > 0)) {
                break; // G vanishes on the pair: nothing more to find
            }
            if (orthonormalise(ga, gb)) {
                System.arraycopy(ga, 0, a, 0, 2 * n);
                System.arraycopy(gb, 0, b, 0, 2 * n);
            } else {
                // G maps the pair onto one line (rank one here): a follows it, b stays orthogonal to a
                System.arraycopy(ga, 0, a, 0, 2 * n);
                if (!orthonormalise(a, b)) {
                    break;
                }
            }
        }
        solved[0] = true;
    }

    /** {@code [a b] <- [a b] U}, U the unitary 2 x 2 with first column (u1, u2) and second (-conj u2, conj u1). */
    private void rotate(double[] a, double[] b, double u1r, double u1i, double u2r, double u2i) {
        for (int i = 0; i < 2 * n; i += 2) {
            double ar = a[i];
            double ai = a[i + 1];
            double br = b[i];
            double bi = b[i + 1];
            a[i] = ar * u1r - ai * u1i + br * u2r - bi * u2i;
            a[i + 1] = ar * u1i + ai * u1r + br * u2i + bi * u2r;
            b[i] = -(ar * u2r + ai * u2i) + br * u1r + bi * u1i;
            b[i + 1] = -(ai * u2r - ar * u2i) + bi * u1r - br * u1i;
        }
    }

    /** Normalises a, then makes b orthogonal to a and normalises it; false (b unchanged) if b lies in a's span. */
    private boolean orthonormalise(double[] a, double[] b) {
        double na = Math.sqrt(dot(a, a, true));
        for (int i = 0; i < 2 * n; i++) {
            a[i] /= na;
        }
        System.arraycopy(b, 0, w, 0, 2 * n);
        project(a, w);
        double nb = Math.sqrt(dot(w, w, true));
        if (!(nb > 1e-12 * Math.sqrt(dot(b, b, true)))) {
            return false;
        }
        for (int i = 0; i < 2 * n; i++) {
            b[i] = w[i] / nb;
        }
        return true;
    }

    /** {@code |g - theta x|}. */
    private double residual(double[] x, double[] g, double theta) {
        double sum = 0;
        for (int i = 0; i < 2 * n; i++) {
            double d = g[i] - theta * x[i];
            sum += d * d;
        }
        return Math.sqrt(sum);
    }

    /** The real ({@code real}) or imaginary part of {@code x^H y}. */
    private double dot(double[] x, double[] y, boolean real) {
        double sum = 0;
        for (int i = 0; i < 2 * n; i += 2) {
            sum += real ? x[i] * y[i] + x[i + 1] * y[i + 1] : x[i] * y[i + 1] - x[i + 1] * y[i];
        }
        return sum;
    }

    /** How many products {@code G x} this instance has computed: the cost, for tests. */
    long products() {
        return products;
    }

    /**
     * {@code out = G x}. Two rows at a time: each row's sum is a chain of dependent additions, and four independent
     * chains keep the floating-point adder busy where two left it waiting (the sums and their order are unchanged).
     */
    private void times(double[] x, double[] out) {
        products++;
        int a = 0;
        for (; a + 1 < n; a += 2) {
            double re0 = 0;
            double im0 = 0;
            double re1 = 0;
            double im1 = 0;
            int row0 = 2 * a * n;
            int row1 = row0 + 2 * n;
            for (int b = 0; b < n; b++) {
                double xr = x[2 * b];
                double xi = x[2 * b + 1];
                double gr0 = g[row0 + 2 * b];
                double gi0 = g[row0 + 2 * b + 1];
                double gr1 = g[row1 + 2 * b];
                double gi1 = g[row1 + 2 * b + 1];
                re0 += gr0 * xr - gi0 * xi;
                im0 += gr0 * xi + gi0 * xr;
                re1 += gr1 * xr - gi1 * xi;
                im1 += gr1 * xi + gi1 * xr;
            }
            out[2 * a] = re0;
            out[2 * a + 1] = im0;
            out[2 * a + 2] = re1;
            out[2 * a + 3] = im1;
        }
        for (; a < n; a++) {
            double re = 0;
            double im = 0;
            int row = 2 * a * n;
            for (int b = 0; b < n; b++) {
                double gr = g[row + 2 * b];
                double gi = g[row + 2 * b + 1];
                re += gr * x[2 * b] - gi * x[2 * b + 1];
                im += gr * x[2 * b + 1] + gi * x[2 * b];
            }
            out[2 * a] = re;
            out[2 * a + 1] = im;
        }
    }

    /** {@code outX = G x} and {@code outY = G y} in one pass over G: each entry loaded once, four chains per row. */
    private void times(double[] x, double[] y, double[] outX, double[] outY) {
        products += 2;
        for (int a = 0; a < n; a++) {
            double xre = 0;
            double xim = 0;
            double yre = 0;
            double yim = 0;
            int row = 2 * a * n;
            for (int b = 0; b < n; b++) {
                double gr = g[row + 2 * b];
                double gi = g[row + 2 * b + 1];
                xre += gr * x[2 * b] - gi * x[2 * b + 1];
                xim += gr * x[2 * b + 1] + gi * x[2 * b];
                yre += gr * y[2 * b] - gi * y[2 * b + 1];
                yim += gr * y[2 * b + 1] + gi * y[2 * b];
            }
            outX[2 * a] = xre;
            outX[2 * a + 1] = xim;
            outY[2 * a] = yre;
            outY[2 * a + 1] = yim;
        }
    }

    /** {@code w = (G - sum_{j<m} lambda_j v_j v_j^H) x}, then made orthogonal to the earlier eigenvectors. */
    private void multiply(int m, double[] x) {
        times(x, w);
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
