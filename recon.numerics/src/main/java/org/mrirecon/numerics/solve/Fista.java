package org.mrirecon.numerics.solve;

import org.mrirecon.numerics.op.LinearOperator;

/**
 * FISTA (Beck and Teboulle 2009) for {@code min 1/2 ||A x - y||^2 + g(x)}, given the normal operator {@code A^H A},
 * {@code A^H y} and the proximal operator of g: a gradient step of length {@code 1/L} from the extrapolated point,
 * the proximal step, and Nesterov's momentum. Starts from zero, as BART does.
 */
public final class Fista {

    private Fista() {
    }

    /**
     * @param lipschitz an upper bound of the largest eigenvalue of {@code A^H A}: for SENSE
     *                  {@link org.mrirecon.numerics.op.Sense#normalBound()}, else {@link PowerIteration} with a margin
     * @return the estimate after {@code iterations} steps
     */
    public static float[] solve(LinearOperator normal, float[] aty, ProximalOperator g, double lipschitz,
            int iterations, IterationMonitor monitor) {
        normal.domain().require(aty, "A^H y of FISTA on " + normal);
        int n = aty.length;
        float[] x = new float[n];
        float[] next = new float[n];
        float[] z = new float[n];
        float[] grad = new float[n];
        float step = (float) (1 / lipschitz);
        double t = 1;
        for (int k = 0; k < iterations; k++) {
            normal.apply(z, grad);
            for (int i = 0; i < n; i++) {
                grad[i] = z[i] - step * (grad[i] - aty[i]);
            }
            g.apply(grad, next, step);
            double tNext = (1 + Math.sqrt(1 + 4 * t * t)) / 2;
            float beta = (float) ((t - 1) / tNext);
            for (int i = 0; i < n; i++) {
                z[i] = next[i] + beta * (next[i] - x[i]);
            }
            float[] swap = x;
            x = next;
            next = swap;
            t = tNext;
            monitor.iterationDone(k + 1, iterations);
        }
        return x;
    }
}
