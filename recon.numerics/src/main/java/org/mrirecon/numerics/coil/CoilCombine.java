package org.mrirecon.numerics.coil;

/**
 * Combines coil images (interleaved complex, one array per coil, all of the same length) into one image.
 * Thread-safe (stateless).
 */
public final class CoilCombine {

    private CoilCombine() {
    }

    /**
     * Root-sum-of-squares magnitude of a flat coil-major stack of complex images {@code [coils][pixels]}:
     * {@code sqrt(sum_c |x_c|^2)} per pixel, as fastMRI's {@code rss}.
     */
    public static float[] rss(float[] stack, int coils) {
        if (coils < 1 || stack.length % (2 * coils) != 0) {
            throw new IllegalArgumentException("a stack of " + stack.length + " floats does not hold " + coils
                    + " complex images of one size");
        }
        int n = stack.length / (2 * coils);
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

    /** Root-sum-of-squares magnitude: {@code sqrt(sum_c |x_c|^2)} per pixel, as fastMRI's {@code rss}. */
    public static float[] rss(float[][] coilImages) {
        int n = pixels(coilImages);
        double[] acc = new double[n];
        for (float[] img : coilImages) {
            for (int i = 0; i < n; i++) {
                double re = img[2 * i];
                double im = img[2 * i + 1];
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
     * Sensitivity-weighted combination {@code x = sum_c conj(S_c) x_c / sum_c |S_c|^2}, the least-squares estimate of
     * the object from fully sampled coil images. Pixels where the maps vanish ({@code sum |S|^2 <= 1e-12}) are 0.
     *
     * @param maps complex coil sensitivities, same layout as the images
     * @return complex image, interleaved
     */
    public static float[] sensitivityWeighted(float[][] coilImages, float[][] maps) {
        int n = pixels(coilImages);
        if (maps.length != coilImages.length) {
            throw new IllegalArgumentException(
                    maps.length + " sensitivity maps given for " + coilImages.length + " coil images");
        }
        double[] num = new double[2 * n];
        double[] den = new double[n];
        for (int c = 0; c < coilImages.length; c++) {
            float[] x = coilImages[c];
            float[] s = maps[c];
            if (s.length != x.length) {
                throw new IllegalArgumentException("sensitivity map " + c + " holds " + s.length
                        + " floats, the coil image " + x.length);
            }
            for (int i = 0; i < n; i++) {
                double sr = s[2 * i];
                double si = s[2 * i + 1];
                double xr = x[2 * i];
                double xi = x[2 * i + 1];
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

    private static int pixels(float[][] coilImages) {
        if (coilImages == null || coilImages.length == 0) {
            throw new IllegalArgumentException("no coil images to combine");
        }
        int len = coilImages[0].length;
        if (len % 2 != 0) {
            throw new IllegalArgumentException("complex coil image has an odd number of floats: " + len);
        }
        for (int c = 1; c < coilImages.length; c++) {
            if (coilImages[c].length != len) {
                throw new IllegalArgumentException("coil image " + c + " holds " + coilImages[c].length
                        + " floats, coil 0 holds " + len);
            }
        }
        return len / 2;
    }
}
