package org.mrirecon.numerics;

import java.util.SplittableRandom;

/** Random and smooth test arrays, and their comparison. */
public final class TestData {

    private TestData() {
    }

    /** {@code n} floats uniform in [-1, 1), seeded. */
    public static float[] random(int n, long seed) {
        SplittableRandom r = new SplittableRandom(seed);
        float[] v = new float[n];
        for (int i = 0; i < n; i++) {
            v[i] = (float) (r.nextDouble() * 2 - 1);
        }
        return v;
    }

    /** {@code ||a - b|| / ||b||}, in double precision. */
    public static double relativeError(float[] a, float[] b) {
        if (a.length != b.length) {
            throw new IllegalArgumentException(a.length + " vs " + b.length + " floats");
        }
        double d = 0;
        double n = 0;
        for (int i = 0; i < a.length; i++) {
            double e = (double) a[i] - b[i];
            d += e * e;
            n += (double) b[i] * b[i];
        }
        return Math.sqrt(d / n);
    }

    /**
     * Smooth complex coil maps {@code [coils, rows, cols]} around the image, normalised to {@code sum |S|^2 = 1} as
     * ESPIRiT's; the phase winds with {@code twist}, so different twists give different sets.
     */
    public static float[] smoothMaps(int coils, int rows, int cols, double twist) {
        float[] m = new float[2 * coils * rows * cols];
        int pixels = rows * cols;
        for (int i = 0; i < pixels; i++) {
            int y = i / cols;
            int x = i % cols;
            double norm = 0;
            for (int c = 0; c < coils; c++) {
                double a = 2 * Math.PI * c / coils;
                double mag = Math.exp(-3 * (Math.pow(y / (double) rows - 0.5 - 0.5 * Math.sin(a), 2)
                        + Math.pow(x / (double) cols - 0.5 - 0.5 * Math.cos(a), 2)));
                double ph = a + twist * (3.0 * x / cols - 2.0 * y / rows);
                m[2 * (c * pixels + i)] = (float) (mag * Math.cos(ph));
                m[2 * (c * pixels + i) + 1] = (float) (mag * Math.sin(ph));
                norm += mag * mag;
            }
            for (int c = 0; c < coils; c++) {
                m[2 * (c * pixels + i)] /= (float) Math.sqrt(norm);
                m[2 * (c * pixels + i) + 1] /= (float) Math.sqrt(norm);
            }
        }
        return m;
    }

    /**
     * Two sets of maps {@code [2, coils, rows, cols]} as ESPIRiT gives them where the object folds in: the second set
     * other smooth maps, zero in the top half of the image (so {@link org.mrirecon.numerics.op.Sense}'s normal
     * operator skips it there).
     */
    public static float[] twoSets(int coils, int rows, int cols) {
        float[] first = smoothMaps(coils, rows, cols, 1);
        float[] second = smoothMaps(coils, rows, cols, -0.5);
        for (int i = 0; i < second.length; i += 2) {
            int pixel = (i / 2) % (rows * cols);
            if (pixel < rows * cols / 2) {
                second[i] = 0;
                second[i + 1] = 0;
            } else {
                second[i] *= 0.5f;
                second[i + 1] *= 0.5f;
            }
        }
        float[] both = new float[2 * first.length];
        System.arraycopy(first, 0, both, 0, first.length);
        System.arraycopy(second, 0, both, first.length, second.length);
        return both;
    }
}
