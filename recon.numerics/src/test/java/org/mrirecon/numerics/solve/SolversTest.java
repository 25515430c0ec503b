package org.mrirecon.numerics.solve;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CancellationException;
import java.util.concurrent.atomic.AtomicInteger;

import org.ejml.data.ZMatrixRMaj;
import org.ejml.dense.row.CommonOps_ZDRM;
import org.junit.jupiter.api.Test;
import org.mrirecon.api.ReconContext;
import org.mrirecon.numerics.TestData;
import org.mrirecon.numerics.op.LinearOperator;
import org.mrirecon.numerics.op.Operators;
import org.mrirecon.numerics.op.Shape;
import org.mrirecon.numerics.op.Vectors;
import org.mrirecon.numerics.op.Wavelet;
import org.mrirecon.numerics.op.WaveletTransform;

class SolversTest {

    /** A dense complex matrix as an operator, applied in double precision. */
    private static LinearOperator matrix(ZMatrixRMaj m) {
        Shape shape = Shape.of(m.numCols);
        return new LinearOperator() {
            @Override
            public Shape domain() {
                return shape;
            }

            @Override
            public Shape range() {
                return shape;
            }

            @Override
            public void apply(float[] x, float[] y) {
                for (int i = 0; i < m.numRows; i++) {
                    double re = 0;
                    double im = 0;
                    for (int j = 0; j < m.numCols; j++) {
                        double ar = m.getReal(i, j);
                        double ai = m.getImag(i, j);
                        re += ar * x[2 * j] - ai * x[2 * j + 1];
                        im += ar * x[2 * j + 1] + ai * x[2 * j];
                    }
                    y[2 * i] = (float) re;
                    y[2 * i + 1] = (float) im;
                }
            }

            @Override
            public void applyAdjoint(float[] y, float[] x) {
                ZMatrixRMaj h = new ZMatrixRMaj(m.numCols, m.numRows);
                CommonOps_ZDRM.transposeConjugate(m, h);
                matrix(h).apply(y, x);
            }
        };
    }

    @Test
    void conjugateGradientMatchesADirectSolve() {
        // H = B^H B + I/2: Hermitian positive definite, condition number in the tens
        int n = 24;
        float[] entries = TestData.random(2 * n * n, 1);
        ZMatrixRMaj b = new ZMatrixRMaj(n, n);
        for (int i = 0; i < n * n; i++) {
            b.set(i / n, i % n, entries[2 * i], entries[2 * i + 1]);
        }
        ZMatrixRMaj bh = new ZMatrixRMaj(n, n);
        CommonOps_ZDRM.transposeConjugate(b, bh);
        ZMatrixRMaj h = new ZMatrixRMaj(n, n);
        CommonOps_ZDRM.mult(bh, b, h);
        for (int i = 0; i < n; i++) {
            h.set(i, i, h.getReal(i, i) + 0.5, 0);
        }
        float[] rhs = TestData.random(2 * n, 2);
        ZMatrixRMaj r = new ZMatrixRMaj(n, 1);
        for (int i = 0; i < n; i++) {
            r.set(i, 0, rhs[2 * i], rhs[2 * i + 1]);
        }
        ZMatrixRMaj direct = new ZMatrixRMaj(n, 1);
        assertTrue(CommonOps_ZDRM.solve(h, r, direct));
        float[] expected = new float[2 * n];
        for (int i = 0; i < n; i++) {
            expected[2 * i] = (float) direct.getReal(i, 0);
            expected[2 * i + 1] = (float) direct.getImag(i, 0);
        }

        float[] x = new float[2 * n];
        ConjugateGradient.Result result = ConjugateGradient.solve(matrix(h), rhs, x, 200, 1e-6,
                IterationMonitor.none());
        assertTrue(TestData.relativeError(x, expected) < 1e-4, "CG error " + TestData.relativeError(x, expected));
        assertTrue(result.relativeResidual() <= 1e-6 && result.iterations() <= n + 10, result.toString());
    }

    @Test
    void conjugateGradientSolvesTheTikhonovSystemFromAWarmStart() {
        float[] d = {1, 2, 3, 0.5f};
        LinearOperator diagonal = diagonal(d);
        LinearOperator tikhonov = Operators.sum(diagonal, Operators.scaledIdentity(diagonal.domain(), 0.5f));
        float[] b = {1, 1, 2, 0, 0, 3, 1, -1};
        float[] x = {5, 5, 5, 5, 5, 5, 5, 5};
        ConjugateGradient.solve(tikhonov, b, x, 10, 1e-7, IterationMonitor.none());
        for (int i = 0; i < 4; i++) {
            assertEquals(b[2 * i] / (d[i] + 0.5), x[2 * i], 1e-5);
            assertEquals(b[2 * i + 1] / (d[i] + 0.5), x[2 * i + 1], 1e-5);
        }
    }

    /**
     * With {@code A^H A = alpha I} and an orthogonal W the minimiser of
     * {@code 1/2 ||A x - y||^2 + lambda ||W x||_1} is the shrinkage of {@code A^H y / alpha} by {@code lambda / alpha}.
     */
    @Test
    void fistaAndAdmmReachTheClosedFormMinimiser() {
        Shape shape = Shape.of(2, 32, 32);
        float alpha = 2;
        double lambda = 0.1;
        WaveletTransform w = new WaveletTransform(Wavelet.DB4, shape, 3);
        LinearOperator normal = Operators.scaledIdentity(shape, alpha);
        float[] aty = TestData.random(shape.floats(), 3);
        float[] expected = new float[aty.length];
        float[] scaled = aty.clone();
        Vectors.scale(scaled, 1 / alpha);
        new WaveletShrinkage(w, lambda, false, 0).apply(scaled, expected, 1 / alpha);

        // a step of half the largest possible: FISTA needs many iterations to get there
        float[] fista = Fista.solve(normal, aty, new WaveletShrinkage(w, lambda, false, 0), 2 * alpha, 60,
                IterationMonitor.none());
        float[] admm = Admm.solve(normal, aty, new WaveletShrinkage(w, lambda, false, 0), alpha, 100, 3,
                IterationMonitor.none());
        assertTrue(TestData.relativeError(fista, expected) < 1e-5, "FISTA " + TestData.relativeError(fista, expected));
        assertTrue(TestData.relativeError(admm, expected) < 1e-4, "ADMM " + TestData.relativeError(admm, expected));
    }

    @Test
    void softThresholdShrinksTheMagnitudeAndKeepsThePhase() {
        float[] v = {3, 4, 0.3f, 0.4f};
        float[] out = new float[4];
        new SoftThreshold(2).apply(v, out, 0.5); // threshold 1: |3+4i| = 5 -> 4, |0.3+0.4i| = 0.5 -> 0
        assertEquals(2.4f, out[0], 1e-6f);
        assertEquals(3.2f, out[1], 1e-6f);
        assertEquals(0f, out[2]);
        assertEquals(0f, out[3]);
    }

    @Test
    void shrinkageWithoutThresholdGivesBackTheImageWhateverTheShift() {
        WaveletShrinkage prox = new WaveletShrinkage(new WaveletTransform(Wavelet.DB4, Shape.of(2, 32, 48), 3), 1,
                true, 4);
        float[] x = TestData.random(2 * 2 * 32 * 48, 5);
        for (int k = 0; k < 5; k++) {
            float[] out = new float[x.length];
            prox.apply(x, out, 0);
            assertTrue(TestData.relativeError(out, x) < 1e-5, "shifted round trip");
        }
    }

    @Test
    void powerIterationFindsTheLargestEigenvalue() {
        // top eigenvalue 0.99, the rest spread over [0.3, 0.8]
        int n = 500;
        float[] d = new float[n];
        for (int i = 0; i < n; i++) {
            d[i] = (float) (0.3 + 0.5 * i / (n - 1));
        }
        d[n / 2] = 0.99f;
        double l = PowerIteration.largestEigenvalue(diagonal(d), TestData.random(2 * n, 3), 500, 1e-6);
        assertEquals(0.99, l, 1e-4);
    }

    @Test
    void aMonitorStopsTheSolverAndSeesEveryIteration() {
        LinearOperator normal = Operators.identity(Shape.of(8));
        AtomicInteger calls = new AtomicInteger();
        IterationMonitor stopAfterThree = (done, total) -> {
            assertEquals(calls.incrementAndGet(), done);
            assertEquals(20, total);
            if (done == 3) {
                throw new CancellationException("stop");
            }
        };
        assertThrows(CancellationException.class,
                () -> Fista.solve(normal, new float[16], new SoftThreshold(1), 1, 20, stopAfterThree));
        assertEquals(3, calls.get());
    }

    @Test
    void theContextMonitorReportsProgressAndCancellation() {
        List<Double> seen = new ArrayList<>();
        AtomicInteger reports = new AtomicInteger();
        ReconContext context = new ReconContext() {
            @Override
            public void progress(double fraction, String message) {
                seen.add(fraction);
                reports.incrementAndGet();
            }

            @Override
            public boolean isCancelled() {
                return reports.get() >= 4;
            }
        };
        IterationMonitor m = IterationMonitor.of(context);
        m.iterationDone(1, 4);
        m.iterationDone(2, 4);
        m.iterationDone(3, 4);
        assertThrows(CancellationException.class, () -> m.iterationDone(4, 4));
        assertEquals(List.of(0.25, 0.5, 0.75, 1.0), seen);
    }

    private static LinearOperator diagonal(float[] d) {
        ZMatrixRMaj m = new ZMatrixRMaj(d.length, d.length);
        for (int i = 0; i < d.length; i++) {
            m.set(i, i, d[i], 0);
        }
        return matrix(m);
    }
}
