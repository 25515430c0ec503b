package org.mrirecon.numerics.op;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.SplittableRandom;

import org.junit.jupiter.api.Test;
import org.mrirecon.api.SamplingPattern;
import org.mrirecon.numerics.coil.CoilCombine;
import org.mrirecon.numerics.mask.Masks;

class OperatorsTest {

    private static final int COILS = 4;
    private static final int ROWS = 36;
    private static final int COLS = 30;

    private static float[][] smoothMaps(int coils, int rows, int cols) {
        float[][] maps = new float[coils][2 * rows * cols];
        for (int c = 0; c < coils; c++) {
            double angle = 2 * Math.PI * c / coils;
            double cy = rows / 2.0 + rows * 0.6 * Math.sin(angle);
            double cx = cols / 2.0 + cols * 0.6 * Math.cos(angle);
            for (int y = 0; y < rows; y++) {
                for (int x = 0; x < cols; x++) {
                    double d2 = ((y - cy) * (y - cy) + (x - cx) * (x - cx)) / (rows * cols);
                    double mag = 1 / (1 + 3 * d2);
                    double phase = 0.05 * (x - cx) + 0.03 * (y - cy) + angle;
                    maps[c][2 * (y * cols + x)] = (float) (mag * Math.cos(phase));
                    maps[c][2 * (y * cols + x) + 1] = (float) (mag * Math.sin(phase));
                }
            }
        }
        return maps;
    }

    @Test
    void everyOperatorPassesTheAdjointTest() {
        SamplingPattern p = Masks.equispaced(ROWS, 3, 8);
        float[][] maps = smoothMaps(COILS, ROWS, COLS);
        LinearOperator[] ops = {new CoilFourierOperator(COILS, ROWS, COLS), new SamplingOperator(p, COILS, COLS),
            new SensitivityOperator(maps), SenseOperator.of(maps, p, COLS),
            SenseOperator.of(maps, p, COLS).normal(), SenseOperator.of(maps, p, COLS).adjoint()};
        for (LinearOperator op : ops) {
            double err = AdjointTest.relativeError(op, 11);
            assertTrue(err < 1e-5, op + " adjoint error " + err);
        }
    }

    @Test
    void adjointTestDetectsAWrongAdjoint() {
        LinearOperator f = new CoilFourierOperator(1, ROWS, COLS);
        LinearOperator wrong = new LinearOperator() {
            @Override
            public int domainSize() {
                return f.domainSize();
            }

            @Override
            public int rangeSize() {
                return f.rangeSize();
            }

            @Override
            public void apply(float[] x, float[] y) {
                f.apply(x, y);
            }

            @Override
            public void applyAdjoint(float[] y, float[] x) {
                f.apply(y, x); // forward instead of inverse: not the adjoint
            }
        };
        assertTrue(AdjointTest.relativeError(wrong, 3) > 1e-2);
    }

    @Test
    void fullySampledSenseAdjointIsSensitivityCombinationScaled() {
        // With every line acquired, A^H A x = sum |S_c|^2 x (F unitary). Check on a random image.
        float[][] maps = smoothMaps(COILS, ROWS, COLS);
        LinearOperator a = SenseOperator.of(maps, SamplingPattern.fullySampled(ROWS), COLS);
        SplittableRandom r = new SplittableRandom(5);
        float[] x = new float[2 * ROWS * COLS];
        for (int i = 0; i < x.length; i++) {
            x[i] = (float) r.nextDouble();
        }
        float[] ahax = a.normal().apply(x);
        for (int i = 0; i < ROWS * COLS; i += 37) {
            double w = 0;
            for (float[] m : maps) {
                w += m[2 * i] * m[2 * i] + m[2 * i + 1] * m[2 * i + 1];
            }
            assertEquals(w * x[2 * i], ahax[2 * i], 1e-4);
            assertEquals(w * x[2 * i + 1], ahax[2 * i + 1], 1e-4);
        }
    }

    @Test
    void sensitivityOperatorMatchesCombination() {
        float[][] maps = smoothMaps(COILS, ROWS, COLS);
        SensitivityOperator s = new SensitivityOperator(maps);
        float[] x = new float[2 * ROWS * COLS];
        x[2 * 100] = 1.5f;
        x[2 * 100 + 1] = -0.5f;
        float[] coils = s.apply(x);
        float[][] perCoil = new float[COILS][2 * ROWS * COLS];
        for (int c = 0; c < COILS; c++) {
            System.arraycopy(coils, c * 2 * ROWS * COLS, perCoil[c], 0, 2 * ROWS * COLS);
        }
        float[] back = CoilCombine.sensitivityWeighted(perCoil, maps);
        assertEquals(1.5f, back[200], 1e-5f);
        assertEquals(-0.5f, back[201], 1e-5f);
    }
}
