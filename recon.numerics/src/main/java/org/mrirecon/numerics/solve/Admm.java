package org.mrirecon.numerics.solve;

import org.mrirecon.numerics.op.LinearOperator;
import org.mrirecon.numerics.op.Operators;

/**
 * ADMM for {@code min 1/2 ||A x - y||^2 + g(x)} with the splitting {@code x = z} (scaled dual {@code u}):
 * <pre>
 *   x = argmin 1/2 ||A x - y||^2 + rho/2 ||x - z + u||^2   (a few warm-started CG steps on A^H A + rho I)
 *   z = prox_{g/rho}(x + u)
 *   u = u + x - z
 * </pre>
 * Returns {@code z}, the estimate that carries the prior.
 */
public final class Admm {

    private Admm() {
    }

    /**
     * @param rho     the penalty parameter, on the scale of the eigenvalues of {@code A^H A}
     * @param cgSteps CG steps per x-update; warm-started, so a few suffice
     */
    public static float[] solve(LinearOperator normal, float[] aty, ProximalOperator g, double rho, int iterations,
            int cgSteps, IterationMonitor monitor) {
        normal.domain().require(aty, "A^H y of ADMM on " + normal);
        LinearOperator lhs = Operators.sum(normal, Operators.scaledIdentity(normal.domain(), (float) rho));
        int n = aty.length;
        float[] x = new float[n];
        float[] z = new float[n];
        float[] u = new float[n];
        float[] b = new float[n];
        for (int k = 0; k < iterations; k++) {
            for (int i = 0; i < n; i++) {
                b[i] = aty[i] + (float) rho * (z[i] - u[i]);
            }
            ConjugateGradient.solve(lhs, b, x, cgSteps, 0, IterationMonitor.none());
            for (int i = 0; i < n; i++) {
                b[i] = x[i] + u[i];
            }
            g.apply(b, z, 1 / rho);
            for (int i = 0; i < n; i++) {
                u[i] += x[i] - z[i];
            }
            monitor.iterationDone(k + 1, iterations);
        }
        return z;
    }
}
