package org.mrirecon.phantom.internal;

import java.util.SplittableRandom;
import java.util.stream.IntStream;

import org.mrirecon.numerics.fft.Fft2c;

/**
 * Intensity modulation fields (mean about 1) for one slice on one grid, made by band-pass filtering seeded white
 * noise in k-space:
 * <ul>
 * <li>marrow: the zero crossings of ~1.4 mm band-pass noise form a labyrinth of thin dark lines, which reads as
 * trabecular bone;</li>
 * <li>muscle: noise stretched along the limb axis gives fibre striation; its rare peaks become streaks of
 * intramuscular fat (bright on PD, dark with fat saturation);</li>
 * <li>fat: the zero crossings of coarser noise give the fine fibrous septa of subcutaneous and pad fat;</li>
 * <li>soft: a faint fine mottle for cartilage, tendons and skin, so no region is perfectly flat.</li>
 * </ul>
 */
public final class Textures {

    private final float[] marrow;
    private final float[] muscle;
    private final float[] fat;
    private final float[] soft;

    /**
     * @param seed  the phantom's seed; with the slice index it fixes the noise (one stream per row, so rows can be
     *              filled in parallel and the result still does not depend on scheduling)
     * @param scale multiplies all texture wavelengths (anatomy jitter varies it)
     */
    public Textures(Grid grid, long seed, int slice, TissueTable tissues, double scale) {
        int n = grid.size();
        int cols = grid.cols();
        float[] noise = new float[2 * n];
        IntStream.range(0, grid.rows()).parallel().forEach(r -> {
            SplittableRandom random = Seeds.stream(seed, Seeds.TEXTURE, slice, r);
            for (int i = 2 * r * cols; i < 2 * (r + 1) * cols; i++) {
                noise[i] = (float) random.nextGaussian();
            }
        });
        Fft2c.forward(noise, grid.rows(), grid.cols());
        double trabecular = 1 / (1.8 * scale);
        double septa = 1 / (4.0 * scale);
        Filter[] filters = {
            (fu, fv) -> ring(Math.sqrt(fu * fu + fv * fv), trabecular, 0.35 * trabecular),
            (fu, fv) -> fibres(fu, fv, scale),
            (fu, fv) -> ring(Math.sqrt(fu * fu + fv * fv), septa, 0.4 * septa),
        };
        float[][] bands = new float[filters.length][];
        IntStream.range(0, filters.length).parallel().forEach(b -> {
            bands[b] = filtered(noise, grid, filters[b]);
            Fft2c.inverse(bands[b], grid.rows(), grid.cols());
            normalise(bands[b]);
        });
        marrow = new float[n];
        muscle = new float[n];
        fat = new float[n];
        soft = new float[n];
        // Intramuscular fat contrast relative to muscle: positive on PD, negative with fat saturation.
        double fatContrast = tissues.intensity(Tissue.FAT) / tissues.intensity(Tissue.MUSCLE) - 1;
        IntStream.range(0, n).parallel().forEach(i -> {
            float t = bands[0][2 * i];
            float fine = bands[0][2 * i + 1];
            float fibre = bands[1][2 * i];
            float streak = bands[1][2 * i + 1];
            float s = bands[2][2 * i];
            float blotch = bands[2][2 * i + 1];
            marrow[i] = (float) ((1 - 0.22 * Math.exp(-t * t / 0.05)) * (1 + 0.03 * blotch));
            muscle[i] = (float) (1 + 0.09 * fibre + 0.6 * fatContrast * Math.max(0, streak - 2.2));
            fat[i] = (float) (1 - 0.15 * Math.exp(-s * s / 0.01) + 0.02 * blotch);
            soft[i] = 1 + 0.04f * fine;
        });
    }

    public float[] marrow() {
        return marrow;
    }

    public float[] muscle() {
        return muscle;
    }

    public float[] fat() {
        return fat;
    }

    public float[] soft() {
        return soft;
    }

    /** Gaussian ring in spatial frequency (cycles/mm) around f0. */
    private static double ring(double f, double f0, double width) {
        double x = (f - f0) / width;
        return Math.exp(-x * x);
    }

    /** Fine across the fibres (which run along the limb, v), long along them, no DC. */
    private static double fibres(double fu, double fv, double scale) {
        double across = 0.5 / scale;
        double along = 0.05 / scale;
        double f2 = fu * fu + fv * fv;
        return Math.exp(-fu * fu / (across * across) - fv * fv / (along * along)) * (1 - Math.exp(-f2 / 0.0004));
    }

    private interface Filter {
        double gain(double fu, double fv);
    }

    /** A copy of the noise spectrum times a real, even filter (so real and imaginary parts stay independent). */
    private static float[] filtered(float[] spectrum, Grid grid, Filter filter) {
        float[] out = new float[spectrum.length];
        int rows = grid.rows();
        int cols = grid.cols();
        for (int r = 0; r < rows; r++) {
            double fu = (r - rows / 2) / grid.fovU();
            for (int c = 0; c < cols; c++) {
                double fv = (c - cols / 2) / grid.fovV();
                float g = (float) filter.gain(fu, fv);
                int i = 2 * (r * cols + c);
                out[i] = spectrum[i] * g;
                out[i + 1] = spectrum[i + 1] * g;
            }
        }
        return out;
    }

    /** Scales to unit standard deviation (real and imaginary parts separately). */
    private static void normalise(float[] band) {
        for (int part = 0; part < 2; part++) {
            double sum = 0;
            for (int i = part; i < band.length; i += 2) {
                sum += (double) band[i] * band[i];
            }
            float inv = (float) (1 / Math.sqrt(Math.max(sum / (band.length / 2), 1e-30)));
            for (int i = part; i < band.length; i += 2) {
                band[i] *= inv;
            }
        }
    }
}
