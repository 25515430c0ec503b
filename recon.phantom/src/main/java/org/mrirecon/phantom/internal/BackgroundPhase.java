package org.mrirecon.phantom.internal;

import java.util.SplittableRandom;

/**
 * A smooth object phase: a second-order polynomial over the field of view with a few radians of variation, as
 * B0 inhomogeneity and eddy currents leave in real spin-echo data. Its coefficients are drawn once per volume
 * and vary linearly across slices, so neighbouring slices have similar phase.
 */
public final class BackgroundPhase {

    /**
     * Coefficients of 1, x, y, x^2, xy, y^2 at the first and last slice: x anterior-posterior (u), y
     * superior-inferior (v), both in [-1, 1] over the FOV.
     */
    private final double[] first = new double[6];
    private final double[] last = new double[6];

    public BackgroundPhase(long seed) {
        SplittableRandom random = Seeds.stream(seed, Seeds.PHASE);
        double[] scale = {Math.PI, 1.2, 1.2, 0.6, 0.6, 0.6};
        for (int k = 0; k < 6; k++) {
            first[k] = scale[k] * (2 * random.nextDouble() - 1);
            last[k] = scale[k] * (2 * random.nextDouble() - 1);
        }
    }

    /**
     * Turns a magnitude image into the complex object (interleaved), with this phase.
     *
     * @param fraction where the slice lies in the stack, 0 (first) to 1 (last)
     */
    public float[] apply(float[] magnitude, Grid grid, double fraction) {
        double[] a = new double[6];
        for (int k = 0; k < 6; k++) {
            a[k] = first[k] + fraction * (last[k] - first[k]);
        }
        float[] out = new float[2 * magnitude.length];
        int cols = grid.cols();
        for (int r = 0; r < grid.rows(); r++) {
            double x = 2 * grid.u(r) / grid.fovU();
            for (int c = 0; c < cols; c++) {
                int i = r * cols + c;
                if (magnitude[i] == 0) {
                    continue;
                }
                double y = 2 * grid.v(c) / grid.fovV();
                double phi = a[0] + a[1] * x + a[2] * y + a[3] * x * x + a[4] * x * y + a[5] * y * y;
                out[2 * i] = (float) (magnitude[i] * Math.cos(phi));
                out[2 * i + 1] = (float) (magnitude[i] * Math.sin(phi));
            }
        }
        return out;
    }
}
