package org.mrirecon.numerics.op;

import java.util.SplittableRandom;

/**
 * Dot-product test of an operator's adjoint: for random x and y, {@code <A x, y>} must equal {@code <x, A^H y>}.
 * Use it in the tests of every operator, including a third party's.
 */
public final class AdjointTest {

    private AdjointTest() {
    }

    /**
     * {@code |<A x, y> - <x, A^H y>| / (||A x|| ||y||)} for standard complex Gaussian x and y drawn with the seed.
     * A correct adjoint gives a value at float rounding level (about 1e-7).
     */
    public static double relativeError(LinearOperator a, long seed) {
        SplittableRandom rng = new SplittableRandom(seed);
        float[] x = gaussian(a.domain().floats(), rng);
        float[] y = gaussian(a.range().floats(), rng);
        float[] ax = a.apply(x);
        float[] ahy = a.applyAdjoint(y);
        double[] lhs = Vectors.dot(ax, y);
        double[] rhs = Vectors.dot(x, ahy);
        double diff = Math.hypot(lhs[0] - rhs[0], lhs[1] - rhs[1]);
        return diff / (Vectors.norm(ax) * Vectors.norm(y));
    }

    private static float[] gaussian(int n, SplittableRandom rng) {
        float[] v = new float[n];
        for (int i = 0; i < n; i += 2) {
            // Box-Muller: two independent normals per complex sample
            double u1 = 1 - rng.nextDouble();
            double u2 = rng.nextDouble();
            double r = Math.sqrt(-2 * Math.log(u1));
            v[i] = (float) (r * Math.cos(2 * Math.PI * u2));
            if (i + 1 < n) {
                v[i + 1] = (float) (r * Math.sin(2 * Math.PI * u2));
            }
        }
        return v;
    }
}
