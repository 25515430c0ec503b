package org.mrirecon.numerics.op;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.mrirecon.api.SamplingPattern;
import org.mrirecon.numerics.TestData;
import org.mrirecon.numerics.coil.CoilCombine;
import org.mrirecon.numerics.mask.Masks;
import org.mrirecon.numerics.solve.PowerIteration;

class OperatorsTest {

    private static final int COILS = 4;
    private static final int ROWS = 36;
    private static final int COLS = 30;

    private static Sense twoSetSense(int rows, int cols, SamplingPattern p) {
        return new Sense(new Sensitivity(TestData.twoSets(COILS, rows, cols), Shape.of(2, COILS, rows, cols)), p);
    }

    @Test
    void everyOperatorPassesTheAdjointTest() {
        SamplingPattern p = Masks.equispaced(ROWS, 3, 8);
        Shape coils = Shape.of(COILS, ROWS, COLS);
        Sense sense = twoSetSense(ROWS, COLS, p);
        Shape cube = Shape.of(3, 10, 7);
        List<LinearOperator> ops = List.of(
                new CenteredFft(cube, -1), new CenteredFft(cube, 1), new CenteredFft(cube, 0),
                new CenteredFft(cube, 1, 2), new CenteredFft(cube, 0, 2), new CenteredFft(cube, 0, 1, 2),
                new CartesianMask(p, coils),
                Sensitivity.ofCoils(TestData.smoothMaps(COILS, ROWS, COLS, 1), COILS, ROWS, COLS),
                sense.sensitivity(), sense, sense.normal(), sense.adjoint(),
                new FiniteDifference(Shape.of(2, ROWS, COLS), -2, -1), new FiniteDifference(cube, 0),
                new WaveletTransform(Wavelet.DB4, Shape.of(2, 32, 16), 2),
                new Resize(Shape.of(2, ROWS, COLS), Shape.of(2, 40, 32)),
                new Resize(Shape.of(2, ROWS, COLS), Shape.of(2, 30, 32)),
                sense.then(new CenteredFft(coils, -2, -1).adjoint()));
        for (LinearOperator op : ops) {
            double err = AdjointTest.relativeError(op, 11);
            assertTrue(err < 1e-5, op + " adjoint error " + err);
        }
    }

    @Test
    void adjointTestDetectsAWrongAdjoint() {
        CenteredFft f = new CenteredFft(Shape.of(ROWS, COLS), -2, -1);
        LinearOperator wrong = new LinearOperator() {
            @Override
            public Shape domain() {
                return f.domain();
            }

            @Override
            public Shape range() {
                return f.range();
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
    void compositionChecksShapesAndNamesThem() {
        Sensitivity s = new Sensitivity(TestData.twoSets(COILS, ROWS, COLS), Shape.of(2, COILS, ROWS, COLS));
        CenteredFft f = new CenteredFft(Shape.of(COILS, ROWS, COLS), -2, -1);
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> f.then(s));
        assertTrue(e.getMessage().contains("[4, 36, 30]") && e.getMessage().contains("[2, 36, 30]")
                && e.getMessage().contains(s.toString()) && e.getMessage().contains(f.toString()), e.getMessage());
        assertEquals(Shape.of(2, ROWS, COLS), s.then(f).domain());
        assertEquals(Shape.of(COILS, ROWS, COLS), s.then(f).range());
    }

    @Test
    void fastSenseNormalEqualsTheComposedNormal() {
        // odd sizes, two sets with an empty half: the runs and the rolled mask are exercised
        int rows = 45;
        int cols = 38;
        Sense a = twoSetSense(rows, cols, Masks.equispaced(rows, 3, 8));
        LinearOperator composed = Operators.compose(a.adjoint(), a);
        float[] x = TestData.random(a.domain().floats(), 1);
        float[] expected = composed.apply(x);
        double err = TestData.relativeError(a.normal().apply(x), expected);
        assertTrue(err < 1e-5, "relative difference " + err);
    }

    @Test
    void compositionKeepsTheFastNormalOfItsOuterOperator() {
        // CS pads the images onto the wavelet's grid: A R with R the crop; (A R)^H (A R) = R^H (A^H A) R
        Sense a = twoSetSense(ROWS, COLS, Masks.equispaced(ROWS, 4, 8));
        LinearOperator crop = new Resize(Shape.of(2, 40, 32), a.domain());
        LinearOperator padded = crop.then(a);
        float[] x = TestData.random(padded.domain().floats(), 2);
        float[] expected = Operators.compose(padded.adjoint(), padded).apply(x);
        assertTrue(TestData.relativeError(padded.normal().apply(x), expected) < 1e-5);
        assertEquals(Shape.of(2, 40, 32), padded.normal().range());
    }

    @Test
    void fullySampledSenseNormalIsTheMapEnergy() {
        // every line acquired: A^H A x = sum_c |S_c|^2 x (F unitary)
        float[] maps = TestData.smoothMaps(COILS, ROWS, COLS, 1);
        Sense a = new Sense(Sensitivity.ofCoils(maps, COILS, ROWS, COLS), SamplingPattern.fullySampled(ROWS));
        float[] x = TestData.random(2 * ROWS * COLS, 5);
        float[] ahax = a.normal().apply(x);
        int pixels = ROWS * COLS;
        for (int i = 0; i < pixels; i += 37) {
            double w = 0;
            for (int c = 0; c < COILS; c++) {
                int j = 2 * (c * pixels + i);
                w += maps[j] * maps[j] + maps[j + 1] * maps[j + 1];
            }
            assertEquals(w * x[2 * i], ahax[2 * i], 1e-4);
            assertEquals(w * x[2 * i + 1], ahax[2 * i + 1], 1e-4);
        }
    }

    @Test
    void normalBoundIsAtLeastTheLargestEigenvalueAndEqualsItFullySampled() {
        double tight = 1e-6;
        for (int sets = 1; sets <= 3; sets++) {
            float[] maps = TestData.random(2 * sets * COILS * ROWS * COLS, 20 + sets);
            Sensitivity s = new Sensitivity(maps, Shape.of(sets, COILS, ROWS, COLS));
            Sense full = new Sense(s, SamplingPattern.fullySampled(ROWS));
            Sense under = new Sense(s, Masks.equispaced(ROWS, 4, 6));
            float[] start = TestData.random(2 * sets * ROWS * COLS, 9);
            double fullEigen = PowerIteration.largestEigenvalue(full.normal(), start, 3000, tight);
            double underEigen = PowerIteration.largestEigenvalue(under.normal(), start, 3000, tight);
            String what = sets + " set(s): bound " + full.normalBound() + ", eigenvalues " + fullEigen + " (all lines), "
                    + underEigen + " (4x)";
            assertTrue(full.normalBound() >= fullEigen * (1 - 1e-5), what);
            assertTrue(under.normalBound() >= underEigen * (1 - 1e-5), what);
            if (sets <= 2) { // exact there: fully sampled, A^H A is the pixels' Gram matrices
                assertEquals(fullEigen, full.normalBound(), 1e-3 * fullEigen, what);
            }
        }
    }

    @Test
    void sensitivitySumsTheSetsAndTheCombinationRecoversTheImage() {
        int pixels = ROWS * COLS;
        float[] maps = TestData.twoSets(COILS, ROWS, COLS);
        Sensitivity s = new Sensitivity(maps, Shape.of(2, COILS, ROWS, COLS));
        float[] x = new float[4 * pixels];
        int i = pixels - 5; // a pixel where the second set has sensitivity
        x[2 * i] = 1.5f;
        x[2 * i + 1] = -0.5f;
        x[2 * (pixels + i)] = 0.25f;
        float[] coils = s.apply(x);
        for (int c = 0; c < COILS; c++) {
            int a = 2 * (c * pixels + i);
            int b = 2 * ((COILS + c) * pixels + i);
            assertEquals(maps[a] * 1.5f + maps[a + 1] * 0.5f + 0.25f * maps[b], coils[2 * (c * pixels + i)], 1e-6f);
        }
        float[] first = Arrays.copyOf(maps, 2 * COILS * pixels);
        float[] one = Sensitivity.ofCoils(first, COILS, ROWS, COLS).apply(Arrays.copyOf(x, 2 * pixels));
        float[] back = CoilCombine.sensitivityWeighted(one, first, COILS);
        assertEquals(1.5f, back[2 * i], 1e-5f);
        assertEquals(-0.5f, back[2 * i + 1], 1e-5f);
    }

    @Test
    void maskKeepsTheAcquiredLinesOfEveryCoil() {
        SamplingPattern p = Masks.equispaced(ROWS, 4, 6);
        float[] k = TestData.random(2 * COILS * ROWS * COLS, 3);
        float[] m = new CartesianMask(p, Shape.of(COILS, ROWS, COLS)).apply(k);
        for (int c = 0; c < COILS; c++) {
            for (int y = 0; y < ROWS; y++) {
                int i = 2 * ((c * ROWS + y) * COLS + 7);
                assertEquals(p.isAcquired(y) ? k[i] : 0f, m[i]);
            }
        }
    }

    @Test
    void finiteDifferencesAreForwardAndPeriodic() {
        float[] x = {1, 0, 4, 0, 9, 1}; // 1, 4, 9+i
        float[] d = new FiniteDifference(Shape.of(3), 0).apply(x);
        assertEquals(List.of(3f, 0f, 5f, 1f, -8f, -1f), List.of(d[0], d[1], d[2], d[3], d[4], d[5]));
        // along the rows of a 2 x 3 image, the first half of the output
        float[] img = TestData.random(12, 4);
        float[] g = new FiniteDifference(Shape.of(2, 3), -2, -1).apply(img);
        assertEquals(img[2 * 4] - img[2 * 1], g[2 * 1]); // D_y at (0, 1)
        assertEquals(img[2 * 3] - img[2 * 5], g[12 + 2 * 5]); // D_x at (1, 2) wraps to (1, 0)
    }

    @Test
    void resizePadsAndCropsAtTheFarEnd() {
        float[] x = {1, 2, 3, 4, 5, 6, 7, 8}; // 2 x 2 complex
        float[] padded = new Resize(Shape.of(2, 2), Shape.of(3, 3)).apply(x);
        assertEquals(18, padded.length);
        assertEquals(List.of(1f, 2f, 3f, 4f, 0f, 0f, 5f, 6f, 7f, 8f, 0f, 0f),
                List.of(padded[0], padded[1], padded[2], padded[3], padded[4], padded[5], padded[6], padded[7],
                        padded[8], padded[9], padded[10], padded[11]));
        float[] back = new Resize(Shape.of(3, 3), Shape.of(2, 2)).apply(padded);
        assertEquals(List.of(1f, 2f, 3f, 4f, 5f, 6f, 7f, 8f),
                List.of(back[0], back[1], back[2], back[3], back[4], back[5], back[6], back[7]));
    }

    @Test
    void sumAndScaledIdentityGiveTheTikhonovOperator() {
        Sense a = twoSetSense(ROWS, COLS, Masks.equispaced(ROWS, 2, 8));
        LinearOperator tikhonov = Operators.sum(a.normal(), Operators.scaledIdentity(a.domain(), 0.5f));
        float[] x = TestData.random(a.domain().floats(), 6);
        float[] expected = a.normal().apply(x);
        Vectors.axpy(0.5f, x, expected);
        assertTrue(TestData.relativeError(tikhonov.apply(x), expected) < 1e-6);
        assertThrows(IllegalArgumentException.class,
                () -> Operators.sum(a.normal(), Operators.identity(Shape.of(ROWS, COLS))));
    }

    @Test
    void wrongArrayLengthsAreRejectedWithTheShape() {
        Sense a = twoSetSense(ROWS, COLS, Masks.equispaced(ROWS, 2, 8));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> a.apply(new float[2 * ROWS * COLS]));
        assertTrue(e.getMessage().contains("[2, 36, 30]"), e.getMessage());
    }
}
