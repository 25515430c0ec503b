package org.mrirecon.numerics.solve;

import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import org.mrirecon.numerics.Fixtures;
import org.mrirecon.numerics.TestData;
import org.mrirecon.numerics.op.Shape;

/** Against TV denoising solved independently in NumPy/SciPy ({@code make_operator_fixtures.py}). */
class TotalVariationTest {

    @Test
    void matchesTheExactOneDimensionalSolution() {
        float[] v = Fixtures.floats("tv1d_in.f32");
        float[] out = new float[v.length];
        new TotalVariation(Shape.of(64), Fixtures.operatorNumber("tv1d", "weight"), 3000, 0).apply(v, out, 1);
        double err = TestData.relativeError(out, Fixtures.floats("tv1d_out.f32"));
        assertTrue(err < 1e-5, "relative error " + err); // measured 1.6e-7 (3e-3 after 30 iterations)
    }

    @Test
    void matchesTheComplexIsotropicTwoDimensionalSolution() {
        float[] v = Fixtures.floats("tv2d_in.f32");
        float[] out = new float[v.length];
        // weight 0.3 with a step of 0.5: the prox of step * g
        new TotalVariation(Shape.of(12, 10), 2 * Fixtures.operatorNumber("tv2d", "weight"), 3000, -2, -1)
                .apply(v, out, 0.5);
        double err = TestData.relativeError(out, Fixtures.floats("tv2d_out.f32"));
        assertTrue(err < 1e-5, "relative error " + err); // measured 5e-8
    }

    @Test
    void warmStartedCallsWithFewIterationsConvergeToo() {
        float[] v = Fixtures.floats("tv2d_in.f32");
        float[] out = new float[v.length];
        TotalVariation tv = new TotalVariation(Shape.of(12, 10), Fixtures.operatorNumber("tv2d", "weight"), 20, 0, 1);
        for (int call = 0; call < 150; call++) {
            tv.apply(v, out, 1);
        }
        double err = TestData.relativeError(out, Fixtures.floats("tv2d_out.f32"));
        assertTrue(err < 1e-4, "relative error " + err); // measured 7e-6
    }
}
