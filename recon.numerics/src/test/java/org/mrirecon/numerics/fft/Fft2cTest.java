package org.mrirecon.numerics.fft;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.api.Test;
import org.mrirecon.numerics.Fixtures;
import org.mrirecon.numerics.TestData;

class Fft2cTest {

    @ParameterizedTest
    @CsvSource({"320,368", "45,37"})
    void matchesNumpyFft2cFixture(int rows, int cols) {
        float[] x = Fixtures.floats("fft_" + rows + "x" + cols + "_in.f32");
        float[] expected = Fixtures.floats("fft_" + rows + "x" + cols + "_out.f32");
        Fft2c.forward(x, rows, cols);
        assertTrue(TestData.relativeError(x, expected) < 1e-6, "relative error vs numpy " + TestData.relativeError(x, expected));
    }

    @ParameterizedTest
    @CsvSource({"320,368", "45,37"})
    void inverseUndoesNumpyForward(int rows, int cols) {
        float[] k = Fixtures.floats("fft_" + rows + "x" + cols + "_out.f32");
        float[] expected = Fixtures.floats("fft_" + rows + "x" + cols + "_in.f32");
        Fft2c.inverse(k, rows, cols);
        assertTrue(TestData.relativeError(k, expected) < 1e-6, "relative error " + TestData.relativeError(k, expected));
    }

    @ParameterizedTest
    @CsvSource({"320,320", "256,256", "31,64", "1,7", "17,1"})
    void roundTripIsIdentityAndEnergyPreserving(int rows, int cols) {
        float[] x = TestData.random(2 * rows * cols, 7);
        float[] y = x.clone();
        Fft2c.forward(y, rows, cols);
        assertEquals(energy(x), energy(y), 1e-5 * energy(x), "Parseval (orthonormal scaling)");
        Fft2c.inverse(y, rows, cols);
        assertTrue(TestData.relativeError(y, x) < 1e-6, "round-trip error " + TestData.relativeError(y, x));
    }

    @Test
    void pointAtCentreGivesFlatSpectrum() {
        int rows = 6;
        int cols = 5;
        float[] x = new float[2 * rows * cols];
        x[2 * ((rows / 2) * cols + cols / 2)] = 1; // DC position of a centred FFT
        Fft2c.forward(x, rows, cols);
        double expected = 1 / Math.sqrt(rows * cols);
        for (int i = 0; i < rows * cols; i++) {
            assertEquals(expected, x[2 * i], 1e-6);
            assertEquals(0, x[2 * i + 1], 1e-6);
        }
    }

    @Test
    void multiCoilAndOffsetVariantsAgreeWithSingleImage() {
        int rows = 40;
        int cols = 24;
        int n = 2 * rows * cols;
        float[] flat = TestData.random(3 * n, 1);
        float[] stack = flat.clone();
        float[] single = Arrays.copyOfRange(flat, n, 2 * n);
        Fft2c.forward(single, rows, cols);
        Fft2c.forward(flat, n, rows, cols);
        Fft2c.forwardStack(stack, 3, rows, cols);
        for (int i = 0; i < n; i++) {
            assertEquals(single[i], flat[n + i], 0f);
            assertEquals(single[i], stack[n + i], 0f);
        }
    }

    @Test
    void wrongLengthIsRejected() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> Fft2c.forward(new float[10], 4, 4));
        assertTrue(e.getMessage().contains("[4, 4]"), e.getMessage());
    }

    static double energy(float[] v) {
        double s = 0;
        for (float f : v) {
            s += (double) f * f;
        }
        return s;
    }
}
