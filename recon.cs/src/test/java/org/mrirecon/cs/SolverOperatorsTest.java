package org.mrirecon.cs;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import java.util.SplittableRandom;

import org.junit.jupiter.api.Test;
import org.mrirecon.api.SamplingPattern;
import org.mrirecon.numerics.mask.Masks;
import org.mrirecon.numerics.op.AdjointTest;
import org.mrirecon.numerics.op.LinearOperator;
import org.mrirecon.numerics.op.SenseOperator;
import org.mrirecon.numerics.op.Vectors;

class SolverOperatorsTest {

    /** Smooth complex maps with {@code sum |S|^2 = 1}, as ESPIRiT's. */
    static float[][] maps(int coils, int rows, int cols) {
        float[][] m = new float[coils][2 * rows * cols];
        for (int i = 0; i < rows * cols; i++) {
            int y = i / cols;
            int x = i % cols;
            double norm = 0;
            for (int c = 0; c < coils; c++) {
                double a = 2 * Math.PI * c / coils;
                double mag = Math.exp(-3 * (Math.pow(y / (double) rows - 0.5 - 0.5 * Math.sin(a), 2)
                        + Math.pow(x / (double) cols - 0.5 - 0.5 * Math.cos(a), 2)));
                double ph = a + 3.0 * x / cols - 2.0 * y / rows;
                m[c][2 * i] = (float) (mag * Math.cos(ph));
                m[c][2 * i + 1] = (float) (mag * Math.sin(ph));
                norm += mag * mag;
            }
            for (int c = 0; c < coils; c++) {
                m[c][2 * i] /= (float) Math.sqrt(norm);
                m[c][2 * i + 1] /= (float) Math.sqrt(norm);
            }
        }
        return m;
    }

    @Test
    void phaseEncodeNormalOperatorEqualsTheSenseNormalOperator() {
        int rows = 45;
        int cols = 38;
        float[][] maps = maps(5, rows, cols);
        SamplingPattern p = Masks.equispaced(rows, 3, 8);
        LinearOperator reference = SenseOperator.of(maps, p, cols).normal();
        float[] x = WaveletTransformTest.random(2 * rows * cols, 1);
        float[] expected = reference.apply(x);
        // on a padded grid in column layout
        int gridRows = 48;
        int gridCols = 40;
        PhaseEncodeNormalOperator n = new PhaseEncodeNormalOperator(new float[][][] {maps}, p, cols, gridRows, gridCols);
        float[] got = new float[2 * gridRows * gridCols];
        n.apply(Layout.toGrid(x, rows, cols, gridRows, gridCols), got);
        float[] back = Layout.fromGrid(got, rows, cols, gridRows);
        double err = 0;
        for (int i = 0; i < back.length; i++) {
            err += (back[i] - expected[i]) * (back[i] - expected[i]);
        }
        assertTrue(Math.sqrt(err) / Vectors.norm(expected) < 1e-5, "relative difference " + Math.sqrt(err));
        // the padding stays empty
        float[] ones = new float[got.length];
        Arrays.fill(ones, 1f);
        n.apply(ones, got);
        for (int x0 = 0; x0 < gridCols; x0++) {
            for (int y = 0; y < gridRows; y++) {
                if (x0 >= cols || y >= rows) {
                    assertEquals(0f, got[2 * (x0 * gridRows + y)]);
                }
            }
        }
    }

    @Test
    void twoSetsOfMapsGiveTheStackedSenseNormalOperator() {
        int rows = 40;
        int cols = 32;
        float[][] first = maps(4, rows, cols);
        float[][] second = maps(4, rows, cols);
        for (float[] m : second) {
            for (int i = 0; i < m.length; i += 2) {
                float re = m[i];
                m[i] = -0.5f * m[i + 1]; // some other smooth complex maps, zero in the top half
                m[i + 1] = 0.5f * re;
                if (i / 2 < rows * cols / 2) {
                    m[i] = 0;
                    m[i + 1] = 0;
                }
            }
        }
        SamplingPattern p = Masks.equispaced(rows, 4, 8);
        LinearOperator a0 = SenseOperator.of(first, p, cols);
        LinearOperator a1 = SenseOperator.of(second, p, cols);
        float[] x0 = WaveletTransformTest.random(2 * rows * cols, 2);
        float[] x1 = WaveletTransformTest.random(2 * rows * cols, 3);
        float[] y = a0.apply(x0);
        float[] y1 = a1.apply(x1);
        for (int i = 0; i < y.length; i++) {
            y[i] += y1[i];
        }
        float[] e0 = Layout.transpose(a0.applyAdjoint(y), rows, cols);
        float[] e1 = Layout.transpose(a1.applyAdjoint(y), rows, cols);
        PhaseEncodeNormalOperator n = new PhaseEncodeNormalOperator(new float[][][] {first, second}, p, cols, rows,
                cols);
        float[] x = new float[4 * rows * cols];
        System.arraycopy(Layout.transpose(x0, rows, cols), 0, x, 0, x0.length);
        System.arraycopy(Layout.transpose(x1, rows, cols), 0, x, x0.length, x1.length);
        float[] got = n.apply(x);
        float[] expected = new float[got.length];
        System.arraycopy(e0, 0, expected, 0, e0.length);
        System.arraycopy(e1, 0, expected, e0.length, e1.length);
        assertTrue(distance(got, expected) < 1e-5 * Vectors.norm(expected), "difference " + distance(got, expected));
        assertTrue(AdjointTest.relativeError(n, 8) < 1e-5);
    }

    @Test
    void shrinkageWithoutThresholdGivesBackTheImageWhateverTheShift() {
        WaveletShrinkage prox = new WaveletShrinkage(new WaveletTransform(Wavelet.DB4, 32, 48, 3), true, 4);
        float[] x = WaveletTransformTest.random(2 * 2 * 32 * 48, 5); // a stack of two images
        for (int k = 0; k < 5; k++) {
            float[] out = new float[x.length];
            prox.apply(x, out, 0);
            assertTrue(distance(out, x) < 1e-5 * Vectors.norm(x), "shifted round trip " + distance(out, x));
        }
    }

    @Test
    void operatorsPassTheAdjointTest() {
        float[][] maps = maps(4, 40, 36);
        SamplingPattern p = Masks.equispaced(40, 4, 10);
        PhaseEncodeNormalOperator n = new PhaseEncodeNormalOperator(new float[][][] {maps}, p, 36, 48, 40);
        assertTrue(AdjointTest.relativeError(n, 5) < 1e-5);
        assertTrue(AdjointTest.relativeError(new WaveletTransform(Wavelet.DB4, 48, 40, 3), 6) < 1e-5);
    }

    @Test
    void powerIterationFindsTheLargestEigenvalue() {
        // a diagonal operator with known spectrum: top eigenvalue 0.99, the rest spread over [0.3, 0.8]
        int n = 500;
        float[] d = new float[n];
        for (int i = 0; i < n; i++) {
            d[i] = (float) (0.3 + 0.5 * i / (n - 1));
        }
        d[n / 2] = 0.99f;
        LinearOperator diag = new LinearOperator() {
            @Override
            public int domainSize() {
                return n;
            }

            @Override
            public int rangeSize() {
                return n;
            }

            @Override
            public void apply(float[] x, float[] y) {
                for (int i = 0; i < n; i++) {
                    y[2 * i] = d[i] * x[2 * i];
                    y[2 * i + 1] = d[i] * x[2 * i + 1];
                }
            }

            @Override
            public void applyAdjoint(float[] y, float[] x) {
                apply(y, x);
            }
        };
        double l = PowerIteration.largestEigenvalue(diag, WaveletTransformTest.random(2 * n, 3), 500);
        assertEquals(0.99, l, 2e-3); // stops at 1e-3 relative change; L1WaveletSense adds a 2% margin
    }

    @Test
    void conjugateGradientSolvesTheShiftedNormalEquations() {
        float[][] maps = maps(4, 32, 32);
        PhaseEncodeNormalOperator n = new PhaseEncodeNormalOperator(new float[][][] {maps}, Masks.equispaced(32, 4, 8), 32,
                32, 32);
        float[] truth = WaveletTransformTest.random(2 * 32 * 32, 9);
        float[] b = n.apply(truth);
        for (int i = 0; i < b.length; i++) {
            b[i] += 0.5f * truth[i];
        }
        float[] x = new float[b.length];
        new ConjugateGradient(n, 0.5f, b.length).solve(b, x, 60);
        double err = 0;
        for (int i = 0; i < x.length; i++) {
            err += (x[i] - truth[i]) * (x[i] - truth[i]);
        }
        assertTrue(Math.sqrt(err) / Vectors.norm(truth) < 1e-4, "CG error " + Math.sqrt(err));
    }

    @Test
    void solversReachTheClosedFormDenoisingSolution() {
        // A = I: the minimiser of 1/2||x - y||^2 + lambda ||W x||_1 is W^H soft(W y, lambda).
        int rows = 32;
        int cols = 32;
        WaveletTransform w = new WaveletTransform(Wavelet.DB4, rows, cols, 3);
        LinearOperator identity = new PhaseEncodeNormalOperator(new float[][][] {{ones(rows * cols)}},
                SamplingPattern.fullySampled(rows), cols, rows, cols);
        float[] y = smoothPlusNoise(rows, cols, 11);
        double lambda = 0.05;
        float[] expected = new float[y.length];
        new WaveletShrinkage(w, false, 1).apply(y, expected, lambda);
        float[] fista = Fista.solve(identity, y, new WaveletShrinkage(w, false, 1), lambda, 1, 5, (d, t) -> { });
        float[] admm = Admm.solve(identity, y, new WaveletShrinkage(w, false, 1), lambda, 1, 200, (d, t) -> { });
        assertTrue(distance(fista, expected) < 1e-5 * Vectors.norm(expected), "FISTA " + distance(fista, expected));
        assertTrue(distance(admm, expected) < 1e-3 * Vectors.norm(expected), "ADMM " + distance(admm, expected));
    }

    static float[] ones(int pixels) {
        float[] v = new float[2 * pixels];
        for (int i = 0; i < v.length; i += 2) {
            v[i] = 1;
        }
        return v;
    }

    static float[] smoothPlusNoise(int rows, int cols, long seed) {
        SplittableRandom r = new SplittableRandom(seed);
        float[] v = new float[2 * rows * cols];
        for (int y = 0; y < rows; y++) {
            for (int x = 0; x < cols; x++) {
                double s = Math.exp(-((y - rows / 2.0) * (y - rows / 2.0) + (x - cols / 3.0) * (x - cols / 3.0)) / 50);
                v[2 * (y * cols + x)] = (float) (s + 0.05 * (r.nextDouble() - 0.5));
                v[2 * (y * cols + x) + 1] = (float) (0.5 * s + 0.05 * (r.nextDouble() - 0.5));
            }
        }
        return v;
    }

    static double distance(float[] a, float[] b) {
        double s = 0;
        for (int i = 0; i < a.length; i++) {
            s += (a[i] - b[i]) * (a[i] - b[i]);
        }
        return Math.sqrt(s);
    }
}
