package org.mrirecon.numerics.op;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.params.provider.ValueSource;
import org.mrirecon.numerics.TestData;

class WaveletTransformTest {

    @ParameterizedTest
    @EnumSource(Wavelet.class)
    void reconstructsPerfectlyAndKeepsTheNorm(Wavelet w) {
        WaveletTransform t = new WaveletTransform(w, Shape.of(64, 48), 4);
        float[] x = TestData.random(2 * 64 * 48, 7);
        float[] c = x.clone();
        t.forward(c);
        assertEquals(Vectors.norm(x), Vectors.norm(c), 1e-6 * Vectors.norm(x), "Parseval");
        float[] back = c.clone();
        t.inverse(back);
        double err = 0;
        for (int i = 0; i < x.length; i++) {
            err += (x[i] - back[i]) * (x[i] - back[i]);
        }
        assertTrue(Math.sqrt(err) / Vectors.norm(x) < 1e-6, w + " reconstruction error " + Math.sqrt(err));
    }

    @ParameterizedTest
    @EnumSource(Wavelet.class)
    void passesTheAdjointTest(Wavelet w) {
        // 8 x 8 at the coarsest level is shorter than db5..db8: periodisation must still be orthogonal
        WaveletTransform t = new WaveletTransform(w, Shape.of(2, 32, 64), 2); // a stack of two images
        assertTrue(AdjointTest.relativeError(t, 3) < 1e-5);
        assertTrue(AdjointTest.relativeError(t.adjoint(), 4) < 1e-5);
    }

    @ParameterizedTest
    @ValueSource(strings = {"haar", "db2", "db4", "db8"})
    void matchesPyWaveletsPeriodization(String name) {
        float[] input = fixture("input_32x48.f32");
        float[] expected = fixture(name + "_32x48_L3.f32");
        float[] c = input.clone();
        new WaveletTransform(Wavelet.of(name), Shape.of(32, 48), 3).forward(c);
        double err = 0;
        for (int i = 0; i < c.length; i++) {
            err = Math.max(err, Math.abs(c[i] - expected[i]));
        }
        assertTrue(err < 1e-5, name + " max coefficient difference " + err);
    }

    @Test
    void rejectsSizesNotDivisibleByTheLevels() {
        assertThrows(IllegalArgumentException.class, () -> new WaveletTransform(Wavelet.DB4, Shape.of(40, 48), 4));
        assertEquals(Shape.of(2, 48, 48), WaveletTransform.paddedShape(Shape.of(2, 40, 48), 4));
    }

    @Test
    void transformsEveryImageOfAStackOnItsOwn() {
        float[] a = TestData.random(2 * 32 * 16, 1);
        float[] b = TestData.random(2 * 32 * 16, 2);
        float[] stack = new float[2 * a.length];
        System.arraycopy(a, 0, stack, 0, a.length);
        System.arraycopy(b, 0, stack, a.length, b.length);
        new WaveletTransform(Wavelet.DB2, Shape.of(2, 32, 16), 2).forward(stack);
        WaveletTransform one = new WaveletTransform(Wavelet.DB2, Shape.of(32, 16), 2);
        one.forward(a);
        one.forward(b);
        for (int i = 0; i < a.length; i++) {
            assertEquals(a[i], stack[i], 0f);
            assertEquals(b[i], stack[a.length + i], 0f);
        }
    }

    @Test
    void highPassIsTheQuadratureMirrorOfPyWavelets() {
        // pywt.Wavelet('db2').dec_hi
        double[] expected = {-0.48296291314453416, 0.8365163037378079, -0.2241438680420134, -0.12940952255126037};
        double[] hi = Wavelet.DB2.highpass();
        for (int k = 0; k < 4; k++) {
            assertEquals(expected[k], hi[k], 1e-15);
        }
    }

    static float[] fixture(String name) {
        try (InputStream in = WaveletTransformTest.class.getResourceAsStream("/wavelet/" + name)) {
            if (in == null) {
                throw new IllegalStateException("missing fixture " + name + ": run make_wavelet_fixture.py");
            }
            byte[] bytes = in.readAllBytes();
            float[] out = new float[bytes.length / 4];
            ByteBuffer.wrap(bytes).order(ByteOrder.LITTLE_ENDIAN).asFloatBuffer().get(out);
            return out;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
