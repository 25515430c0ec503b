package org.mrirecon.cs;

import org.mrirecon.numerics.op.LinearOperator;

/**
 * ADMM for {@code min 1/2 ||A x - y||^2 + lambda ||W x||_1} with the splitting {@code x = z} (scaled dual {@code u}):
 * <pre>
 *   x = argmin 1/2 ||A x - y||^2 + rho/2 ||x - z + u||^2   (a few warm-started CG steps on A^H A + rho I)
 *   z = prox_{lambda/rho ||W .||_1}(x + u)                 (wavelet shrinkage, cycle spinning included)
 *   u = u + x - z
 * </pre>
 * Splitting in the image domain keeps the shrinkage identical to FISTA's, random shifts included. Returns {@code z},
 * the estimate that carries the prior. All buffers are allocated once per solve.
 */
final class Admm {

    /** CG steps per x-update; warm-started, so a few suffice. */
    private static final int CG_STEPS = 4;

    private Admm() {
    }

    /**
     * @param rho the penalty parameter, on the scale of the eigenvalues of {@code A^H A}
     */
    static float[] solve(LinearOperator normal, float[] aty, WaveletShrinkage prox, double lambda, double rho,
            int iterations, IterationListener listener) {
        int n = aty.length;
        float[] x = new float[n];
        float[] z = new float[n];
        float[] u = new float[n];
        float[] b = new float[n];
        ConjugateGradient cg = new ConjugateGradient(normal, (float) rho, n);
        for (int k = 0; k < iterations; k++) {
            for (int i = 0; i < n; i++) {
                b[i] = aty[i] + (float) rho * (z[i] - u[i]);
            }
            cg.solve(b, x, CG_STEPS);
            for (int i = 0; i < n; i++) {
                b[i] = x[i] + u[i];
            }
            prox.apply(b, z, lambda / rho);
            for (int i = 0; i < n; i++) {
                u[i] += x[i] - z[i];
            }
            listener.iterationDone(k + 1, iterations);
        }
        return z;
    }
}
