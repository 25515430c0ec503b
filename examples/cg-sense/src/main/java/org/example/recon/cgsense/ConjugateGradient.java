package org.example.recon.cgsense;

import java.util.function.IntConsumer;

import org.mrirecon.numerics.op.LinearOperator;
import org.mrirecon.numerics.op.Vectors;

/**
 * Conjugate gradient for {@code (A^H A + lambda I) x = b} with a Hermitian positive (semi-)definite normal operator
 * (Hestenes-Stiefel; Pruessmann et al. 2001 use it for SENSE with arbitrary sampling). Starts from x = 0.
 */
final class ConjugateGradient {

    private ConjugateGradient() {
    }

    /** The solution and how it was reached. */
    record Result(float[] x, int iterations, double relativeResidual) {
    }

    /**
     * @param normal      {@code A^H A}
     * @param b           right-hand side {@code A^H y}
     * @param lambda      Tikhonov weight (0 for plain CG-SENSE)
     * @param maxIter     iteration limit
     * @param tolerance   stop when {@code ||r|| / ||b||} falls below it
     * @param onIteration called with the iteration number after each step (progress, cancellation)
     */
    static Result solve(LinearOperator normal, float[] b, double lambda, int maxIter, double tolerance,
            IntConsumer onIteration) {
        int n = b.length;
        float[] x = new float[n];
        float[] r = b.clone();
        float[] p = b.clone();
        float[] ap = new float[n];
        double bNorm = Vectors.norm(b);
        if (bNorm == 0) {
            return new Result(x, 0, 0);
        }
        double rr = Vectors.dot(r, r)[0];
        int it = 0;
        while (it < maxIter && Math.sqrt(rr) / bNorm > tolerance) {
            normal.apply(p, ap);
            if (lambda != 0) {
                for (int i = 0; i < n; i++) {
                    ap[i] += (float) (lambda * p[i]);
                }
            }
            // <p, A p> is real for a Hermitian operator; the imaginary part is rounding
            double alpha = rr / Vectors.dot(p, ap)[0];
            for (int i = 0; i < n; i++) {
                x[i] += (float) (alpha * p[i]);
                r[i] -= (float) (alpha * ap[i]);
            }
            double rrNew = Vectors.dot(r, r)[0];
            double beta = rrNew / rr;
            for (int i = 0; i < n; i++) {
                p[i] = (float) (r[i] + beta * p[i]);
            }
            rr = rrNew;
            it++;
            onIteration.accept(it);
        }
        return new Result(x, it, Math.sqrt(rr) / bNorm);
    }
}
