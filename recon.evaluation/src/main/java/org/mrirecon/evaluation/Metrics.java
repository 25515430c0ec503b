package org.mrirecon.evaluation;

import java.util.List;

import org.mrirecon.numerics.metrics.ImageMetrics;

/**
 * The metric registry: every consumer (tables, statistics, report, files) loops over {@link #ALL}, so a new metric
 * is one entry here. The three are fastMRI's: NMSE and PSNR over all pixels of the volume (or of the region), SSIM as
 * the mean over slices of scikit-image's SSIM (7x7 window, K1 0.01, K2 0.03), inside a region the mean of the local
 * SSIM over the region's pixels. Margins: SSIM 0.01, PSNR 0.5 dB, NMSE 0.0005.
 */
public final class Metrics {

    private Metrics() {
    }

    /** Normalised mean squared error {@code ||y - x||^2 / ||y||^2}; lower is better; NaN for an all-zero yardstick. */
    public static final Metric NMSE = new Definition("NMSE", "", false, 0.0005, (y, x, region, rows, cols, range) -> {
        double[] s = sums(y, x, region);
        return s[1] == 0 ? Double.NaN : s[0] / s[1];
    });

    /** Peak signal-to-noise ratio {@code 10 log10(range^2 / mse)} in dB; infinite for an exact image. */
    public static final Metric PSNR = new Definition("PSNR", "dB", true, 0.5, (y, x, region, rows, cols, range) -> {
        double[] s = sums(y, x, region);
        return s[2] == 0 ? Double.NaN : 10 * Math.log10(range * range / (s[0] / s[2]));
    });

    /** Structural similarity (scikit-image's defaults); higher is better, 1 for an exact image. */
    public static final Metric SSIM = new Metric() {
        @Override
        public String name() {
            return "SSIM";
        }

        @Override
        public String unit() {
            return "";
        }

        @Override
        public boolean higherIsBetter() {
            return true;
        }

        @Override
        public double margin() {
            return 0.01;
        }

        @Override
        public double slice(float[] y, float[] x, boolean[] region, int rows, int cols, double range) {
            double[] map = ImageMetrics.ssimMap(y, x, rows, cols, range);
            // the map covers the interior: map pixel (r, c) is image pixel (r + h, c + h)
            int h = ImageMetrics.SSIM_WINDOW / 2;
            int mw = cols - 2 * h;
            double sum = 0;
            long n = 0;
            for (int i = 0; i < map.length; i++) {
                if (region == null || region[(i / mw + h) * cols + i % mw + h]) {
                    sum += map[i];
                    n++;
                }
            }
            return n == 0 ? Double.NaN : sum / n;
        }

        @Override
        public double volume(float[][] y, float[][] x, boolean[][] region, int rows, int cols, double range) {
            double[] perSlice = new double[y.length];
            for (int s = 0; s < y.length; s++) {
                perSlice[s] = slice(y[s], x[s], region == null ? null : region[s], rows, cols, range);
            }
            return volumeOfSlices(perSlice).getAsDouble();
        }

        @Override
        public java.util.OptionalDouble volumeOfSlices(double[] perSlice) {
            double sum = 0;
            for (double v : perSlice) {
                sum += v;
            }
            return java.util.OptionalDouble.of(sum / perSlice.length);
        }
    };

    /** Every metric, in display order. */
    public static final List<Metric> ALL = List.of(NMSE, PSNR, SSIM);

    /** The metric with that name (case-insensitive). */
    public static Metric named(String name) {
        for (Metric m : ALL) {
            if (m.name().equalsIgnoreCase(name)) {
                return m;
            }
        }
        throw new IllegalArgumentException("no metric '" + name + "'; known: NMSE, PSNR, SSIM");
    }

    /** {squared error, squared yardstick, pixels} over the region of a volume, in double precision. */
    private static double[] sums(float[][] y, float[][] x, boolean[][] region) {
        double err = 0;
        double ref = 0;
        long n = 0;
        for (int s = 0; s < y.length; s++) {
            for (int i = 0; i < y[s].length; i++) {
                if (region == null || region[s][i]) {
                    double d = (double) y[s][i] - x[s][i];
                    err += d * d;
                    ref += (double) y[s][i] * y[s][i];
                    n++;
                }
            }
        }
        return new double[] {err, ref, n};
    }

    /** A metric computed over all pixels of the volume (or region) at once; a slice is a volume of one. */
    private record Definition(String name, String unit, boolean higherIsBetter, double margin, VolumeFunction f)
            implements Metric {

        @Override
        public double slice(float[] y, float[] x, boolean[] region, int rows, int cols, double range) {
            return f.apply(new float[][] {y}, new float[][] {x}, region == null ? null : new boolean[][] {region},
                    rows, cols, range);
        }

        @Override
        public double volume(float[][] y, float[][] x, boolean[][] region, int rows, int cols, double range) {
            return f.apply(y, x, region, rows, cols, range);
        }
    }

    @FunctionalInterface
    private interface VolumeFunction {
        double apply(float[][] y, float[][] x, boolean[][] region, int rows, int cols, double range);
    }
}
