package org.mrirecon.numerics.op;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.mrirecon.numerics.Fixtures;
import org.mrirecon.numerics.TestData;
import org.mrirecon.numerics.fft.Fft2c;

/** Against NumPy ({@code make_operator_fixtures.py}): {@code fftshift(fftn(ifftshift(x), axes, norm="ortho"))}. */
class CenteredFftTest {

    private static final Shape CUBE = Shape.of(3, 10, 7);

    @ParameterizedTest
    @ValueSource(strings = {"2", "1", "0", "1_2", "0_2", "0_1_2"})
    void matchesNumPyOverEachChoiceOfAxes(String axes) {
        String[] parts = axes.split("_");
        int[] a = new int[parts.length];
        for (int i = 0; i < a.length; i++) {
            a[i] = Integer.parseInt(parts[i]);
        }
        CenteredFft f = new CenteredFft(CUBE, a);
        float[] x = Fixtures.floats("cfft_in.f32");
        float[] expected = Fixtures.floats("cfft_axes_" + axes + ".f32");
        float[] k = f.apply(x);
        assertTrue(TestData.relativeError(k, expected) < 1e-6, "axes " + axes);
        f.inverse(k);
        assertTrue(TestData.relativeError(k, x) < 1e-6, "round trip over axes " + axes);
    }

    @Test
    void matchesNumPyInOneDimension() {
        float[] x = Fixtures.floats("cfft_1d_in.f32");
        new CenteredFft(Shape.of(9), 0).forward(x);
        assertTrue(TestData.relativeError(x, Fixtures.floats("cfft_1d_out.f32")) < 1e-6);
    }

    @Test
    void negativeAxesCountFromTheEnd() {
        float[] x = Fixtures.floats("cfft_in.f32");
        assertArrayEquals(new CenteredFft(CUBE, 1, 2).apply(x), new CenteredFft(CUBE, -1, -2).apply(x));
    }

    @Test
    void theTwoDimensionalTransformIsFft2cOfEveryImage() {
        float[] x = TestData.random(2 * 3 * 20 * 12, 3);
        float[] stack = new CenteredFft(Shape.of(3, 20, 12), -2, -1).apply(x);
        Fft2c.forward(x, 2 * 20 * 12, 20, 12);
        for (int i = 2 * 20 * 12; i < 4 * 20 * 12; i++) {
            assertTrue(stack[i] == x[i], "float " + i);
        }
    }

    @Test
    void transformsInPlaceFromAnOffset() {
        float[] line = TestData.random(2 * 9, 4);
        float[] padded = new float[4 + line.length];
        System.arraycopy(line, 0, padded, 4, line.length);
        CenteredFft f = new CenteredFft(Shape.of(9), 0);
        f.forward(padded, 4);
        f.forward(line);
        for (int i = 0; i < line.length; i++) {
            assertTrue(line[i] == padded[4 + i]);
        }
    }

    @Test
    void rejectsRepeatedAxesAndAxesOutsideTheShape() {
        assertThrows(IllegalArgumentException.class, () -> new CenteredFft(CUBE, 1, -2));
        assertThrows(IllegalArgumentException.class, () -> new CenteredFft(CUBE, 3));
    }
}
