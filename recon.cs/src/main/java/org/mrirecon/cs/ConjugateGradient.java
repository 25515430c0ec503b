package org.mrirecon.cs;

import org.mrirecon.numerics.op.LinearOperator;

/**
 * Conjugate gradients for {@code (N + shift I) x = b} with a Hermitian positive semi-definite {@code N} and
 * {@code shift > 0}, on interleaved complex vectors; the inner products of a Hermitian system are real. Owns its
 * work vectors, so one instance serves many solves without allocating.
 */
final class ConjugateGradient {

    private final LinearOperator normal;
    private final float shift;
    private final float[] r;
    private final float[] p;
    private final float[] q;

    ConjugateGradient(LinearOperator normal, float shift, int floats) {
        this.normal = normal;
        this.shift = shift;
        this.r = new float[floats];
        this.p = new float[floats];
        this.q = new float[floats];
    }

    /** Runs {@code steps} CG iterations from the current {@code x} (warm start), updating it in place. */
    void solve(float[] b, float[] x, int steps) {
        apply(x, q);
        for (int i = 0; i < r.length; i++) {
            r[i] = b[i] - q[i];
            p[i] = r[i];
        }
        double rr = dot(r, r);
        for (int s = 0; s < steps && rr > 0; s++) {
            apply(p, q);
            float alpha = (float) (rr / dot(p, q));
            for (int i = 0; i < r.length; i++) {
                x[i] += alpha * p[i];
                r[i] -= alpha * q[i];
            }
            double rrNext = dot(r, r);
            float beta = (float) (rrNext / rr);
            for (int i = 0; i < r.length; i++) {
                p[i] = r[i] + beta * p[i];
            }
            rr = rrNext;
        }
    }

    private void apply(float[] in, float[] out) {
        normal.apply(in, out);
        for (int i = 0; i < out.length; i++) {
            out[i] += shift * in[i];
        }
    }

    /** Real part of {@code <a, b>}, which is all CG needs for a Hermitian operator. */
    private static double dot(float[] a, float[] b) {
        double s = 0;
        for (int i = 0; i < a.length; i++) {
            s += (double) a[i] * b[i];
        }
        return s;
    }
}
