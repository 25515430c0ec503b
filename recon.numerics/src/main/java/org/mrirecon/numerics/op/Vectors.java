package org.mrirecon.numerics.op;

/**
 * Loops over interleaved complex vectors: inner products and norms (accumulated in double precision) and the
 * element-wise kernels the operators are made of. The element-wise kernels take float offsets and a count of complex
 * elements, so they work on a part of a stack (one coil, one set) without copying.
 */
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

    /** {@code Re <a, b>}, all that the inner products of a Hermitian system need. */
    public static double realDot(float[] a, float[] b) {
        if (a.length != b.length) {
            throw new IllegalArgumentException("vectors hold " + a.length + " and " + b.length + " floats");
        }
        double s = 0;
        for (int i = 0; i < a.length; i++) {
            s += (double) a[i] * b[i];
        }
        return s;
    }

    /** Euclidean norm {@code ||a||_2}. */
    public static double norm(float[] a) {
        return Math.sqrt(realDot(a, a));
    }

    /** {@code max_i |a_i|}. */
    public static double maxMagnitude(float[] a) {
        double m = 0;
        for (int i = 0; i < a.length; i += 2) {
            m = Math.max(m, Math.hypot(a[i], a[i + 1]));
        }
        return m;
    }

    /** The magnitudes {@code |a_i|} of an interleaved complex vector, one float per element. */
    public static float[] magnitude(float[] a) {
        float[] m = new float[a.length / 2];
        for (int i = 0; i < m.length; i++) {
            m[i] = (float) Math.hypot(a[2 * i], a[2 * i + 1]);
        }
        return m;
    }

    /** {@code y += alpha x} for a real {@code alpha}. */
    public static void axpy(float alpha, float[] x, float[] y) {
        if (x.length != y.length) {
            throw new IllegalArgumentException("vectors hold " + x.length + " and " + y.length + " floats");
        }
        for (int i = 0; i < y.length; i++) {
            y[i] += alpha * x[i];
        }
    }

    /** {@code x *= alpha} for a real {@code alpha}. */
    public static void scale(float[] x, float alpha) {
        for (int i = 0; i < x.length; i++) {
            x[i] *= alpha;
        }
    }

    /** {@code out = a .* b} for n complex elements from the given float offsets. */
    public static void multiply(float[] a, int aOff, float[] b, int bOff, float[] out, int outOff, int n) {
        for (int i = 0; i < 2 * n; i += 2) {
            float ar = a[aOff + i];
            float ai = a[aOff + i + 1];
            float br = b[bOff + i];
            float bi = b[bOff + i + 1];
            out[outOff + i] = ar * br - ai * bi;
            out[outOff + i + 1] = ar * bi + ai * br;
        }
    }

    /** {@code out += a .* b} for n complex elements from the given float offsets. */
    public static void multiplyAdd(float[] a, int aOff, float[] b, int bOff, float[] out, int outOff, int n) {
        for (int i = 0; i < 2 * n; i += 2) {
            float ar = a[aOff + i];
            float ai = a[aOff + i + 1];
            float br = b[bOff + i];
            float bi = b[bOff + i + 1];
            out[outOff + i] += ar * br - ai * bi;
            out[outOff + i + 1] += ar * bi + ai * br;
        }
    }

    /** {@code out += conj(a) .* b} for n complex elements from the given float offsets. */
    public static void conjugateMultiplyAdd(float[] a, int aOff, float[] b, int bOff, float[] out, int outOff,
            int n) {
        for (int i = 0; i < 2 * n; i += 2) {
            float ar = a[aOff + i];
            float ai = a[aOff + i + 1];
            float br = b[bOff + i];
            float bi = b[bOff + i + 1];
            out[outOff + i] += ar * br + ai * bi;
            out[outOff + i + 1] += ar * bi - ai * br;
        }
    }
}
