package org.mrirecon.cs;

import org.mrirecon.numerics.op.LinearOperator;
import org.mrirecon.numerics.op.Vectors;

/**
 * The largest eigenvalue of a Hermitian positive semi-definite operator by power iteration: FISTA's Lipschitz
 * constant {@code L = ||A^H A||}. Started from {@code A^H y}, which is already close to the dominant eigenvector for
 * MR data (the energy sits in the fully sampled k-space centre), so it converges in a few steps.
 */
final class PowerIteration {

    /** Relative change of the estimate at which to stop. */
    private static final double TOLERANCE = 1e-3;

    private PowerIteration() {
    }

    /**
     * @param start a non-zero start vector (not modified)
     * @return the estimate after convergence or {@code maxIterations}
     */
    static double largestEigenvalue(LinearOperator op, float[] start, int maxIterations) {
        float[] v = start.clone();
        float[] w = new float[v.length];
        double norm = Vectors.norm(v);
        if (norm == 0) {
            throw new IllegalArgumentException("power iteration needs a non-zero start vector");
        }
        scale(v, 1 / norm);
        double estimate = 0;
        for (int it = 0; it < maxIterations; it++) {
            op.apply(v, w);
            double next = Vectors.norm(w);
            if (next == 0) {
                return 0;
            }
            scale(w, 1 / next);
            float[] swap = v;
            v = w;
            w = swap;
            boolean converged = Math.abs(next - estimate) <= TOLERANCE * next;
            estimate = next;
            if (converged) {
                break;
            }
        }
        return estimate;
    }

    private static void scale(float[] v, double s) {
        float f = (float) s;
        for (int i = 0; i < v.length; i++) {
            v[i] *= f;
        }
    }
}
