package org.mrirecon.numerics.sens;

import java.util.SplittableRandom;

import org.mrirecon.api.KSpace;
import org.mrirecon.numerics.fft.Fft2c;
import org.mrirecon.numerics.op.Sensitivity;

/** An analytic multi-coil test object: smooth complex coil maps around a textured ellipse. */
final class SyntheticCoils {

    final int rows;
    final int cols;
    final int coils;
    /** {@code [coils, rows, cols]}. */
    final float[] maps;
    final float[] object;
    final boolean[] inside;

    SyntheticCoils(int rows, int cols, int coils) {
        this.rows = rows;
        this.cols = cols;
        this.coils = coils;
        this.maps = new float[2 * coils * rows * cols];
        this.object = new float[2 * rows * cols];
        this.inside = new boolean[rows * cols];
        for (int c = 0; c < coils; c++) {
            double angle = 2 * Math.PI * c / coils;
            double cy = rows / 2.0 + rows * 0.55 * Math.sin(angle);
            double cx = cols / 2.0 + cols * 0.55 * Math.cos(angle);
            for (int y = 0; y < rows; y++) {
                for (int x = 0; x < cols; x++) {
                    double d2 = ((y - cy) * (y - cy) + (x - cx) * (x - cx)) / (rows * cols);
                    double mag = Math.exp(-2.5 * d2);
                    double phase = 2.0 * (x - cx) / cols - 1.5 * (y - cy) / rows + angle;
                    maps[2 * ((c * rows + y) * cols + x)] = (float) (mag * Math.cos(phase));
                    maps[2 * ((c * rows + y) * cols + x) + 1] = (float) (mag * Math.sin(phase));
                }
            }
        }
        for (int y = 0; y < rows; y++) {
            for (int x = 0; x < cols; x++) {
                double u = (y - rows / 2.0) / (0.38 * rows);
                double v = (x - cols / 2.0) / (0.30 * cols);
                double r2 = u * u + v * v;
                if (r2 < 1) {
                    int i = y * cols + x;
                    inside[i] = r2 < 0.8; // away from the edge, where maps are defined by the data
                    double value = 1 + 0.4 * Math.cos(9 * u) * Math.sin(7 * v) + (Math.abs(u - 0.3) < 0.1 ? 0.8 : 0);
                    double phase = 0.5 * u;
                    object[2 * i] = (float) (value * Math.cos(phase));
                    object[2 * i + 1] = (float) (value * Math.sin(phase));
                }
            }
        }
    }

    /** Fully sampled k-space of the coil images, with complex Gaussian noise of the given standard deviation. */
    KSpace kspace(double noise, long seed) {
        SplittableRandom rng = new SplittableRandom(seed);
        float[] k = Sensitivity.ofCoils(maps, coils, rows, cols).apply(object);
        Fft2c.forwardStack(k, coils, rows, cols);
        for (int i = 0; i < k.length; i++) {
            k[i] += (float) (noise * gaussian(rng));
        }
        return KSpace.of(coils, rows, cols, k);
    }

    private static double gaussian(SplittableRandom rng) {
        return Math.sqrt(-2 * Math.log(1 - rng.nextDouble())) * Math.cos(2 * Math.PI * rng.nextDouble());
    }
}
