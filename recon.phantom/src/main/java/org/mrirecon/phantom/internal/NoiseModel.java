package org.mrirecon.phantom.internal;

import java.util.SplittableRandom;
import java.util.stream.IntStream;

/**
 * Thermal noise: complex Gaussian, white in k-space, the same standard deviation in every coil and correlated
 * between coils by a given correlation matrix (applied through its Cholesky factor).
 */
public final class NoiseModel {

    private final double sigma;
    /** Lower-triangular Cholesky factor of the correlation matrix. */
    private final double[][] cholesky;

    /**
     * @param sigma       standard deviation of the real and of the imaginary part in each coil
     * @param correlation coil correlation matrix (unit diagonal, positive definite)
     */
    public NoiseModel(double sigma, double[][] correlation) {
        this.sigma = sigma;
        this.cholesky = cholesky(correlation);
    }

    public double sigma() {
        return sigma;
    }

    /**
     * Adds noise to every coil in place; coil c's white noise comes from its own stream (seed, slice, c), so the
     * result does not depend on thread scheduling.
     */
    public void addTo(float[][] kspace, long seed, int slice) {
        if (sigma == 0) {
            return;
        }
        int coils = kspace.length;
        int n = kspace[0].length;
        float[][] white = new float[coils][];
        IntStream.range(0, coils).parallel().forEach(c -> {
            SplittableRandom random = Seeds.stream(seed, Seeds.NOISE, slice, c);
            float[] z = new float[n];
            for (int i = 0; i < n; i++) {
                z[i] = (float) random.nextGaussian();
            }
            white[c] = z;
        });
        IntStream.range(0, coils).parallel().forEach(c -> {
            double[] row = cholesky[c];
            float[] out = kspace[c];
            for (int i = 0; i < n; i++) {
                double s = 0;
                for (int j = 0; j <= c; j++) {
                    s += row[j] * white[j][i];
                }
                out[i] += (float) (sigma * s);
            }
        });
    }

    private static double[][] cholesky(double[][] a) {
        int n = a.length;
        double[][] l = new double[n][n];
        for (int i = 0; i < n; i++) {
            for (int j = 0; j <= i; j++) {
                double s = a[i][j];
                for (int k = 0; k < j; k++) {
                    s -= l[i][k] * l[j][k];
                }
                l[i][j] = i == j ? Math.sqrt(s) : s / l[j][j];
            }
        }
        return l;
    }
}
