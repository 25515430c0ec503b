package org.mrirecon.numerics.solve;

import org.mrirecon.numerics.op.LinearOperator;
import org.mrirecon.numerics.op.Vectors;

/**
 * The largest eigenvalue of a Hermitian positive semi-definite operator by power iteration: FISTA's Lipschitz
 * constant {@code L = ||A^H A||}. Started from {@code A^H y}, which for MR data is already close to the dominant
 * eigenvector (the energy sits in the fully sampled k-space centre), it converges in a few steps. The estimate
 * approaches the eigenvalue from below: add a margin before using it as a step bound.
 */
public final class PowerIteration {

    private PowerIteration() {
    }

    /**
     * @param start     a non-zero start vector (not modified)
     * @param tolerance relative change of the estimate at which to stop
     * @return the estimate after convergence or {@code maxIterations}
     */
    public static double largestEigenvalue(LinearOperator op, float[] start, int maxIterations, double tolerance) {
        op.domain().require(start, "start vector of the power iteration on " + op);
        float[] v = start.clone();
        float[] w = new float[v.length];
        double norm = Vectors.norm(v);
        if (norm == 0) {
            throw new IllegalArgumentException("power iteration needs a non-zero start vector");
        }
        Vectors.scale(v, (float) (1 / norm));
        double estimate = 0;
        for (int it = 0; it < maxIterations; it++) {
            op.apply(v, w);
            double next = Vectors.norm(w);
            if (next == 0) {
                return 0;
            }
            Vectors.scale(w, (float) (1 / next));
            float[] swap = v;
            v = w;
            w = swap;
            boolean converged = Math.abs(next - estimate) <= tolerance * next;
            estimate = next;
            if (converged) {
                break;
            }
        }
        return estimate;
    }
}
