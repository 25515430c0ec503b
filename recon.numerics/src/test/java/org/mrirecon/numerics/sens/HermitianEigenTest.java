package org.mrirecon.numerics.sens;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.SplittableRandom;

import org.junit.jupiter.api.Test;

class HermitianEigenTest {

    /**
     * A random Hermitian n x n matrix, full, interleaved complex: diagonal {@code u * diagScale + diagShift}, each
     * real and imaginary part above it {@code u * offScale + offShift}, u uniform in [0, 1) drawn row by row.
     */
    static double[] randomHermitian(int n, SplittableRandom r, double diagScale, double diagShift, double offScale,
            double offShift) {
        double[] a = new double[2 * n * n];
        for (int i = 0; i < n; i++) {
            a[2 * (i * n + i)] = r.nextDouble() * diagScale + diagShift;
            for (int j = i + 1; j < n; j++) {
                double re = r.nextDouble() * offScale + offShift;
                double im = r.nextDouble() * offScale + offShift;
                a[2 * (i * n + j)] = re;
                a[2 * (i * n + j) + 1] = im;
                a[2 * (j * n + i)] = re;
                a[2 * (j * n + i) + 1] = -im;
            }
        }
        return a;
    }

    @Test
    void decomposesARandomHermitianMatrix() {
        int n = 23;
        double[] a = randomHermitian(n, new SplittableRandom(4), 4, -2, 2, -1);
        HermitianEigen e = HermitianEigen.of(n, a);
        double[][] v = new double[n][];
        for (int k = 0; k < n; k++) {
            v[k] = e.vector(k);
            if (k > 0) {
                assertTrue(e.value(k) <= e.value(k - 1), "eigenvalues sorted descending");
            }
            // A v = lambda v
            for (int i = 0; i < n; i++) {
                double re = 0;
                double im = 0;
                for (int j = 0; j < n; j++) {
                    double ar = a[2 * (i * n + j)];
                    double ai = a[2 * (i * n + j) + 1];
                    re += ar * v[k][2 * j] - ai * v[k][2 * j + 1];
                    im += ar * v[k][2 * j + 1] + ai * v[k][2 * j];
                }
                assertEquals(e.value(k) * v[k][2 * i], re, 1e-10);
                assertEquals(e.value(k) * v[k][2 * i + 1], im, 1e-10);
            }
        }
        // orthonormal
        for (int k = 0; k < n; k++) {
            for (int l = k; l < n; l++) {
                double re = 0;
                double im = 0;
                for (int i = 0; i < n; i++) {
                    re += v[k][2 * i] * v[l][2 * i] + v[k][2 * i + 1] * v[l][2 * i + 1];
                    im += v[k][2 * i] * v[l][2 * i + 1] - v[k][2 * i + 1] * v[l][2 * i];
                }
                assertEquals(k == l ? 1 : 0, re, 1e-10);
                assertEquals(0, im, 1e-10);
            }
        }
    }
}
