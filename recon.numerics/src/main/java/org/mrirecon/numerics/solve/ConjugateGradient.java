package org.mrirecon.numerics.solve;

import java.util.Arrays;

import org.mrirecon.numerics.op.LinearOperator;
import org.mrirecon.numerics.op.Vectors;

/**
 * Conjugate gradients (Hestenes-Stiefel) for {@code A x = b} with a Hermitian positive-definite {@code A}, such as a
 * normal operator {@code A^H A + lambda I}; the inner products of a Hermitian system are real.
 */
public final class ConjugateGradient {

    private ConjugateGradient() {
    }

    /** How the solve ended: iterations run and {@code ||b - A x|| / ||b||}. */
    public record Result(int iterations, double relativeResidual) {
    }

    /**
     * Improves {@code x} in place (a warm start; zeros for none) until the residual falls to {@code tolerance}
     * relative to {@code ||b||} or {@code maxIterations} are done.
     */
    public static Result solve(LinearOperator a, float[] b, float[] x, int maxIterations, double tolerance,
            IterationMonitor monitor) {
        a.domain().require(b, "right-hand side of CG on " + a);
        a.domain().require(x, "estimate of CG on " + a);
        double bNorm = Vectors.norm(b);
        if (bNorm == 0) {
            Arrays.fill(x, 0f);
            return new Result(0, 0);
        }
        float[] q = a.apply(x);
        float[] r = new float[b.length];
        for (int i = 0; i < r.length; i++) {
            r[i] = b[i] - q[i];
        }
        float[] p = r.clone();
        double rr = Vectors.realDot(r, r);
        int it = 0;
        while (it < maxIterations && Math.sqrt(rr) > tolerance * bNorm) {
            a.apply(p, q);
            float alpha = (float) (rr / Vectors.realDot(p, q));
            for (int i = 0; i < r.length; i++) {
                x[i] += alpha * p[i];
                r[i] -= alpha * q[i];
            }
            double next = Vectors.realDot(r, r);
            float beta = (float) (next / rr);
            for (int i = 0; i < r.length; i++) {
                p[i] = r[i] + beta * p[i];
            }
            rr = next;
            it++;
            monitor.iterationDone(it, maxIterations);
        }
        return new Result(it, Math.sqrt(rr) / bNorm);
    }
}
