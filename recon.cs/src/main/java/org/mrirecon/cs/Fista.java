package org.mrirecon.cs;

import org.mrirecon.numerics.op.LinearOperator;

/**
 * FISTA (Beck and Teboulle 2009) for {@code min 1/2 ||A x - y||^2 + lambda ||W x||_1}, given the normal operator
 * {@code A^H A} and {@code A^H y}: a gradient step of length {@code 1/L} from the extrapolated point, the wavelet
 * shrinkage, and Nesterov's momentum. Starts from zero, as BART does. All buffers are allocated once per solve.
 */
final class Fista {

    private Fista() {
    }

    /**
     * @param lipschitz an upper bound of the largest eigenvalue of {@code A^H A}
     * @return the estimate after {@code iterations} steps
     */
    static float[] solve(LinearOperator normal, float[] aty, WaveletShrinkage prox, double lambda, double lipschitz,
            int iterations, IterationListener listener) {
        int n = aty.length;
        float[] x = new float[n];
        float[] next = new float[n];
        float[] z = new float[n];
        float[] g = new float[n];
        float step = (float) (1 / lipschitz);
        double t = 1;
        for (int k = 0; k < iterations; k++) {
            normal.apply(z, g);
            for (int i = 0; i < n; i++) {
                g[i] = z[i] - step * (g[i] - aty[i]);
            }
            prox.apply(g, next, lambda * step);
            double tNext = (1 + Math.sqrt(1 + 4 * t * t)) / 2;
            float beta = (float) ((t - 1) / tNext);
            for (int i = 0; i < n; i++) {
                z[i] = next[i] + beta * (next[i] - x[i]);
            }
            float[] swap = x;
            x = next;
            next = swap;
            t = tNext;
            listener.iterationDone(k + 1, iterations);
        }
        return x;
    }
}
