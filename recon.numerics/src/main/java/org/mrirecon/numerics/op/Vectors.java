package org.mrirecon.numerics.op;

/** Inner products and norms of interleaved complex vectors, accumulated in double precision. */
public final class Vectors {

    private Vectors() {
    }

    /** {@code <a, b> = sum conj(a_i) b_i} as {re, im}. */
    public static double[] dot(float[] a, float[] b) {
        if (a.length != b.length) {
            throw new IllegalArgumentException("vectors hold " + a.length + " and " + b.length + " floats");
        }
        double re = 0;
        double im = 0;
        for (int i = 0; i < a.length; i += 2) {
            double ar = a[i];
            double ai = a[i + 1];
            double br = b[i];
            double bi = b[i + 1];
            re += ar * br + ai * bi;
            im += ar * bi - ai * br;
        }
        return new double[] {re, im};
    }

    /** Euclidean norm {@code ||a||_2}. */
    public static double norm(float[] a) {
        double s = 0;
        for (float v : a) {
            s += (double) v * v;
        }
        return Math.sqrt(s);
    }
}
