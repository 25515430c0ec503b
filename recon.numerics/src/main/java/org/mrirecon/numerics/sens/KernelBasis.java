package org.mrirecon.numerics.sens;

import java.util.stream.IntStream;

/**
 * The signal subspace of the calibration matrix: every {@code k x k} patch of the calibration region (all coils) is a
 * vector of {@code n = coils * k * k} samples, and the span of the patches, cut to the singular values above the
 * threshold, is the subspace that ESPIRiT's image-domain operator projects onto. The SVD is computed through the
 * smaller of the two Gram matrices ({@code patches x patches} or {@code n x n}).
 *
 * <p>Vector element order: {@code (c * k + py) * k + px} for coil {@code c} and kernel offset {@code (py, px)}.
 */
final class KernelBasis {

    /** Orthonormal basis vectors of the kept subspace, interleaved complex, {@code 2n} doubles each. */
    final double[][] kernels;

    private KernelBasis(double[][] kernels) {
        this.kernels = kernels;
    }

    /**
     * @param threshold keep singular vectors with {@code sigma^2 / sigma_max^2 > threshold} (BART's {@code -t})
     */
    static KernelBasis of(CalibrationRegion cal, int k, double threshold) {
        double[][] patches = patches(cal, k);
        int p = patches.length;
        int n = cal.coils * k * k;
        boolean patchGram = p <= n;
        int size = patchGram ? p : n;
        double[] gram = patchGram ? patchGram(patches) : kernelGram(patches, n);
        HermitianEigen eig = HermitianEigen.of(size, gram);
        double top = eig.value(0);
        if (!(top > 0)) {
            throw new IllegalArgumentException("the calibration region holds no signal: ESPIRiT cannot estimate maps");
        }
        int kept = 0;
        while (kept < size && eig.value(kept) / top > threshold) {
            kept++;
        }
        double[][] kernels = new double[kept][];
        IntStream.range(0, kept).parallel().forEach(j -> {
            double[] e = eig.vector(j);
            kernels[j] = patchGram ? combine(patches, e, 1 / Math.sqrt(eig.value(j))) : e;
        });
        return new KernelBasis(kernels);
    }

    private static double[][] patches(CalibrationRegion cal, int k) {
        int py = cal.rows - k + 1;
        int px = cal.cols - k + 1;
        double[][] out = new double[py * px][2 * cal.coils * k * k];
        for (int i = 0; i < py; i++) {
            for (int j = 0; j < px; j++) {
                double[] v = out[i * px + j];
                for (int c = 0; c < cal.coils; c++) {
                    for (int dy = 0; dy < k; dy++) {
                        System.arraycopy(cal.data[c], 2 * ((i + dy) * cal.cols + j), v, 2 * ((c * k + dy) * k), 2 * k);
                    }
                }
            }
        }
        return out;
    }

    /** {@code G[a][b] = <patch_a, patch_b>}: the Gram matrix B^H B of the patch matrix B (patches as columns). */
    private static double[] patchGram(double[][] patches) {
        int p = patches.length;
        double[] g = new double[2 * p * p];
        IntStream.range(0, p).parallel().forEach(a -> {
            double[] va = patches[a];
            for (int b = a; b < p; b++) {
                double[] vb = patches[b];
                double re = 0;
                double im = 0;
                for (int i = 0; i < va.length; i += 2) {
                    re += va[i] * vb[i] + va[i + 1] * vb[i + 1];
                    im += va[i] * vb[i + 1] - va[i + 1] * vb[i];
                }
                g[2 * (a * p + b)] = re;
                g[2 * (a * p + b) + 1] = im;
                g[2 * (b * p + a)] = re;
                g[2 * (b * p + a) + 1] = -im;
            }
        });
        return g;
    }

    /** {@code G = B B^H = sum_a patch_a patch_a^H}, the {@code n x n} covariance BART decomposes. */
    private static double[] kernelGram(double[][] patches, int n) {
        double[] g = new double[2 * n * n];
        IntStream.range(0, n).parallel().forEach(i -> {
            for (double[] v : patches) {
                double ar = v[2 * i];
                double ai = v[2 * i + 1];
                int row = 2 * i * n;
                for (int j = i; j < n; j++) {
                    // v_i conj(v_j)
                    g[row + 2 * j] += ar * v[2 * j] + ai * v[2 * j + 1];
                    g[row + 2 * j + 1] += ai * v[2 * j] - ar * v[2 * j + 1];
                }
            }
            for (int j = i + 1; j < n; j++) {
                g[2 * (j * n + i)] = g[2 * (i * n + j)];
                g[2 * (j * n + i) + 1] = -g[2 * (i * n + j) + 1];
            }
        });
        return g;
    }

    /** {@code scale * sum_a e_a patch_a}: a left singular vector of the patch matrix from its Gram eigenvector. */
    private static double[] combine(double[][] patches, double[] e, double scale) {
        double[] w = new double[patches[0].length];
        for (int a = 0; a < patches.length; a++) {
            double er = e[2 * a] * scale;
            double ei = e[2 * a + 1] * scale;
            double[] v = patches[a];
            for (int i = 0; i < w.length; i += 2) {
                w[i] += er * v[i] - ei * v[i + 1];
                w[i + 1] += er * v[i + 1] + ei * v[i];
            }
        }
        return w;
    }
}
