package org.mrirecon.numerics.metrics;

/**
 * NMSE, PSNR and SSIM of magnitude images, as fastMRI's {@code evaluate.py}:
 * <ul>
 * <li>{@code nmse = ||gt - pred||^2 / ||gt||^2} over the whole volume;</li>
 * <li>{@code psnr = 10 log10(maxval^2 / mse)}, mse over the whole volume, {@code maxval = max(gt)} of the volume
 * (scikit-image's {@code peak_signal_noise_ratio} with {@code data_range=maxval});</li>
 * <li>{@code ssim} = mean over slices of scikit-image's {@code structural_similarity(gt[i], pred[i],
 * data_range=maxval)} with its defaults: 7x7 uniform window, K1 = 0.01, K2 = 0.03, sample covariance
 * (normalised by N - 1), and the mean taken over the image without its 3-pixel border.</li>
 * </ul>
 * Volumes are given as {@code float[slice][y * width + x]}. All sums are in double precision. Thread-safe.
 */
public final class ImageMetrics {

    /** Side of scikit-image's default SSIM window. */
    public static final int SSIM_WINDOW = 7;
    private static final double K1 = 0.01;
    private static final double K2 = 0.03;

    private ImageMetrics() {
    }

    /** The largest value in the volume: fastMRI's default {@code maxval}. */
    public static double max(float[][] volume) {
        double m = Double.NEGATIVE_INFINITY;
        for (float[] s : volume) {
            for (float v : s) {
                m = Math.max(m, v);
            }
        }
        return m;
    }

    /** Normalised mean squared error of a volume (or one slice: pass {@code new float[][]{slice}}). */
    public static double nmse(float[][] gt, float[][] pred) {
        checkShapes(gt, pred);
        double err = 0;
        double ref = 0;
        for (int s = 0; s < gt.length; s++) {
            for (int i = 0; i < gt[s].length; i++) {
                double g = gt[s][i];
                double d = g - pred[s][i];
                err += d * d;
                ref += g * g;
            }
        }
        if (ref == 0) {
            throw new IllegalArgumentException("NMSE is undefined: the reference is all zero");
        }
        return err / ref;
    }

    /** PSNR in dB of a volume with {@code data_range = max(gt)}. */
    public static double psnr(float[][] gt, float[][] pred) {
        return psnr(gt, pred, max(gt));
    }

    /** PSNR in dB with an explicit data range (use the volume's maximum when scoring single slices of a volume). */
    public static double psnr(float[][] gt, float[][] pred, double dataRange) {
        checkShapes(gt, pred);
        double err = 0;
        long n = 0;
        for (int s = 0; s < gt.length; s++) {
            for (int i = 0; i < gt[s].length; i++) {
                double d = (double) gt[s][i] - pred[s][i];
                err += d * d;
            }
            n += gt[s].length;
        }
        double mse = err / n;
        return 10 * Math.log10(dataRange * dataRange / mse);
    }

    /** Mean SSIM over the slices of a volume with {@code data_range = max(gt)} of the volume. */
    public static double ssim(float[][] gt, float[][] pred, int height, int width) {
        checkShapes(gt, pred);
        double maxval = max(gt);
        double sum = 0;
        for (int s = 0; s < gt.length; s++) {
            sum += ssim(gt[s], pred[s], height, width, maxval);
        }
        return sum / gt.length;
    }

    /**
     * SSIM of one slice, scikit-image's {@code structural_similarity(gt, pred, data_range=dataRange)}.
     *
     * @throws IllegalArgumentException if the image is smaller than the 7x7 window
     */
    public static double ssim(float[] gt, float[] pred, int height, int width, double dataRange) {
        double[] map = ssimMap(gt, pred, height, width, dataRange);
        double sum = 0;
        for (double v : map) {
            sum += v;
        }
        return sum / map.length;
    }

    /**
     * The local SSIM values over the interior {@code (height - 6) x (width - 6)} of the image (the part scikit-image
     * averages), row-major; pixel (y, x) of the map belongs to image pixel (y + 3, x + 3).
     */
    public static double[] ssimMap(float[] gt, float[] pred, int height, int width, double dataRange) {
        if (height < SSIM_WINDOW || width < SSIM_WINDOW) {
            throw new IllegalArgumentException("SSIM needs images of at least " + SSIM_WINDOW + "x" + SSIM_WINDOW
                    + ", got " + height + "x" + width);
        }
        if (gt.length != height * width || pred.length != height * width) {
            throw new IllegalArgumentException("images hold " + gt.length + " and " + pred.length
                    + " pixels, expected " + height * width);
        }
        // Summed-area tables of x, y, x^2, y^2, xy give every 7x7 window sum in O(1). The windows of the interior
        // never reach past the border, so scipy's boundary mode does not matter for the cropped mean.
        int w1 = width + 1;
        double[] sx = new double[(height + 1) * w1];
        double[] sy = new double[sx.length];
        double[] sxx = new double[sx.length];
        double[] syy = new double[sx.length];
        double[] sxy = new double[sx.length];
        for (int y = 0; y < height; y++) {
            double rx = 0, ry = 0, rxx = 0, ryy = 0, rxy = 0;
            for (int x = 0; x < width; x++) {
                double a = gt[y * width + x];
                double b = pred[y * width + x];
                rx += a;
                ry += b;
                rxx += a * a;
                ryy += b * b;
                rxy += a * b;
                int i = (y + 1) * w1 + x + 1;
                int up = y * w1 + x + 1;
                sx[i] = sx[up] + rx;
                sy[i] = sy[up] + ry;
                sxx[i] = sxx[up] + rxx;
                syy[i] = syy[up] + ryy;
                sxy[i] = sxy[up] + rxy;
            }
        }
        int r = SSIM_WINDOW / 2;
        int np = SSIM_WINDOW * SSIM_WINDOW;
        double covNorm = np / (np - 1.0);
        double c1 = (K1 * dataRange) * (K1 * dataRange);
        double c2 = (K2 * dataRange) * (K2 * dataRange);
        int mh = height - 2 * r;
        int mw = width - 2 * r;
        double[] map = new double[mh * mw];
        for (int y = r; y < height - r; y++) {
            int top = (y - r) * w1;
            int bottom = (y + r + 1) * w1;
            for (int x = r; x < width - r; x++) {
                int left = x - r;
                int right = x + r + 1;
                double ux = box(sx, top, bottom, left, right) / np;
                double uy = box(sy, top, bottom, left, right) / np;
                double uxx = box(sxx, top, bottom, left, right) / np;
                double uyy = box(syy, top, bottom, left, right) / np;
                double uxy = box(sxy, top, bottom, left, right) / np;
                double vx = covNorm * (uxx - ux * ux);
                double vy = covNorm * (uyy - uy * uy);
                double vxy = covNorm * (uxy - ux * uy);
                double num = (2 * ux * uy + c1) * (2 * vxy + c2);
                double den = (ux * ux + uy * uy + c1) * (vx + vy + c2);
                map[(y - r) * mw + (x - r)] = num / den;
            }
        }
        return map;
    }

    private static double box(double[] table, int top, int bottom, int left, int right) {
        return table[bottom + right] - table[top + right] - table[bottom + left] + table[top + left];
    }

    private static void checkShapes(float[][] gt, float[][] pred) {
        if (gt.length == 0 || gt.length != pred.length) {
            throw new IllegalArgumentException("reference has " + gt.length + " slices, prediction " + pred.length);
        }
        for (int s = 0; s < gt.length; s++) {
            if (gt[s].length != pred[s].length) {
                throw new IllegalArgumentException("slice " + s + ": reference has " + gt[s].length
                        + " pixels, prediction " + pred[s].length);
            }
        }
    }
}
