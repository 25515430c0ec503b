package org.mrirecon.numerics.coil;

/**
 * Combines a flat stack of complex images {@code [n, rows, cols]} (coil images, or one image per set of maps) into
 * one image. Thread-safe (stateless).
 */
public final class CoilCombine {

    private CoilCombine() {
    }

    /**
     * Root-sum-of-squares magnitude over the leading axis of a stack of {@code coils} complex images:
     * {@code sqrt(sum_c |x_c|^2)} per pixel, as fastMRI's {@code rss}.
     */
    public static float[] rss(float[] stack, int coils) {
        int n = pixels(stack, coils);
        double[] acc = new double[n];
        for (int c = 0; c < coils; c++) {
            int off = 2 * c * n;
            for (int i = 0; i < n; i++) {
                double re = stack[off + 2 * i];
                double im = stack[off + 2 * i + 1];
                acc[i] += re * re + im * im;
            }
        }
        float[] out = new float[n];
        for (int i = 0; i < n; i++) {
            out[i] = (float) Math.sqrt(acc[i]);
        }
        return out;
    }

    /**
     * The images of several sets of maps (ESPIRiT's soft SENSE) as one complex image: magnitude the root-sum-of-squares
     * over the sets (as BART combines its multi-map output), phase that of the first set's image, of the second where
     * the first is zero (and so on).
     */
    public static float[] sets(float[] stack, int sets) {
        int n = pixels(stack, sets);
        if (sets == 1) {
            return stack.clone();
        }
        float[] out = new float[2 * n];
        float[] rss = rss(stack, sets);
        for (int i = 0; i < n; i++) {
            int m = 0;
            while (m < sets - 1 && stack[2 * (m * n + i)] == 0 && stack[2 * (m * n + i) + 1] == 0) {
                m++;
            }
            int from = 2 * (m * n + i);
            double mag = Math.hypot(stack[from], stack[from + 1]);
            if (mag > 0) {
                out[2 * i] = (float) (stack[from] * (rss[i] / mag));
                out[2 * i + 1] = (float) (stack[from + 1] * (rss[i] / mag));
            }
        }
        return out;
    }

    /**
     * Sensitivity-weighted combination {@code x = sum_c conj(S_c) x_c / sum_c |S_c|^2}, the least-squares estimate of
     * the object from fully sampled coil images. Pixels where the maps vanish ({@code sum |S|^2 <= 1e-12}) are 0.
     *
     * @param coilImages {@code [coils, rows, cols]}
     * @param maps       complex coil sensitivities, same layout as the images
     * @return complex image, interleaved
     */
    public static float[] sensitivityWeighted(float[] coilImages, float[] maps, int coils) {
        int n = pixels(coilImages, coils);
        if (maps.length != coilImages.length) {
            throw new IllegalArgumentException("sensitivity maps hold " + maps.length + " floats, the coil images "
                    + coilImages.length);
        }
        double[] num = new double[2 * n];
        double[] den = new double[n];
        for (int c = 0; c < coils; c++) {
            int off = 2 * c * n;
            for (int i = 0; i < n; i++) {
                double sr = maps[off + 2 * i];
                double si = maps[off + 2 * i + 1];
                double xr = coilImages[off + 2 * i];
                double xi = coilImages[off + 2 * i + 1];
                num[2 * i] += sr * xr + si * xi;
                num[2 * i + 1] += sr * xi - si * xr;
                den[i] += sr * sr + si * si;
            }
        }
        float[] out = new float[2 * n];
        for (int i = 0; i < n; i++) {
            if (den[i] > 1e-12) {
                out[2 * i] = (float) (num[2 * i] / den[i]);
                out[2 * i + 1] = (float) (num[2 * i + 1] / den[i]);
            }
        }
        return out;
    }

    private static int pixels(float[] stack, int images) {
        if (images < 1 || stack.length == 0 || stack.length % (2 * images) != 0) {
            throw new IllegalArgumentException("a stack of " + stack.length + " floats does not hold " + images
                    + " complex images of one size");
        }
        return stack.length / (2 * images);
    }
}
