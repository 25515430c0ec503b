package org.mrirecon.numerics.op;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Random;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import org.junit.jupiter.api.Test;

/** Both FFT engines against the DFT's definition, summed in double; FFTW is the one in use on linux-x86_64. */
class ComplexFftTest {

    @Test
    void fftwIsTheEngineWhereItsNativesAreBundled() {
        boolean bundled = System.getProperty("os.name").toLowerCase(Locale.ROOT).contains("linux")
                && System.getProperty("os.arch").matches("amd64|x86_64");
        if (bundled && System.getProperty(FftEngine.PROPERTY) == null) {
            assertTrue(FftEngine.isNative(), FftEngine.describe());
            assertTrue(FftEngine.describe().startsWith("FFTW 3.3.10"), FftEngine.describe());
        }
    }

    @Test
    void fftwAndJTransformsComputeTheDftOfLinesAndImages() {
        int[][] sizes = {{1, 320}, {1, 5}, {1, 64}, {1, 1}, {4, 1}, {20, 16}, {8, 320}, {15, 12}};
        for (int[] size : sizes) {
            float[] x = random(2 * size[0] * size[1], size[0] * 1000 + size[1]);
            double[] expected = dft(x, size[0], size[1], -1);
            double[] expectedInverse = dft(x, size[0], size[1], +1);
            for (ComplexFft fft : engines(size[0], size[1])) {
                String what = fft.getClass().getSimpleName() + " " + size[0] + "x" + size[1];
                float[] y = x.clone();
                fft.forward(y);
                assertClose(expected, y, what + " forward");
                float[] z = x.clone();
                fft.inverse(z);
                assertClose(expectedInverse, z, what + " inverse");
            }
        }
    }

    @Test
    void transformsOnManyThreadsMatchOneThread() throws Exception {
        int n = 320;
        float[][] inputs = new float[64][];
        float[][] expected = new float[64][];
        ComplexFft single = ComplexFft.of(1, n);
        for (int i = 0; i < inputs.length; i++) {
            inputs[i] = random(2 * n, i);
            expected[i] = inputs[i].clone();
            single.forward(expected[i]);
        }
        ExecutorService pool = Executors.newFixedThreadPool(4);
        try {
            List<Future<float[][]>> results = new ArrayList<>();
            for (int t = 0; t < 4; t++) {
                results.add(pool.submit(() -> {
                    ComplexFft own = ComplexFft.of(1, n);
                    float[][] out = new float[inputs.length][];
                    for (int i = 0; i < inputs.length; i++) {
                        out[i] = inputs[i].clone();
                        own.forward(out[i]);
                    }
                    return out;
                }));
            }
            for (Future<float[][]> result : results) {
                float[][] out = result.get();
                for (int i = 0; i < inputs.length; i++) {
                    assertArrayEquals(expected[i], out[i], "line " + i);
                }
            }
        } finally {
            pool.shutdownNow();
        }
    }

    private static List<ComplexFft> engines(int rows, int cols) {
        List<ComplexFft> out = new ArrayList<>();
        out.add(new JTransformsFft(rows, cols));
        if (FftEngine.isNative()) {
            out.add(new FftwFft(rows, cols));
        }
        return out;
    }

    /** sum_k x_k e^{sign 2 pi i (r kr / rows + c kc / cols)}, in double. */
    private static double[] dft(float[] x, int rows, int cols, int sign) {
        double[] out = new double[x.length];
        for (int r = 0; r < rows; r++) {
            for (int c = 0; c < cols; c++) {
                double re = 0;
                double im = 0;
                for (int kr = 0; kr < rows; kr++) {
                    for (int kc = 0; kc < cols; kc++) {
                        double phase = sign * 2 * Math.PI
                                * ((double) (r * kr % rows) / rows + (double) (c * kc % cols) / cols);
                        double xr = x[2 * (kr * cols + kc)];
                        double xi = x[2 * (kr * cols + kc) + 1];
                        re += xr * Math.cos(phase) - xi * Math.sin(phase);
                        im += xr * Math.sin(phase) + xi * Math.cos(phase);
                    }
                }
                out[2 * (r * cols + c)] = re;
                out[2 * (r * cols + c) + 1] = im;
            }
        }
        return out;
    }

    private static void assertClose(double[] expected, float[] actual, String what) {
        double err = 0;
        double norm = 0;
        for (int i = 0; i < expected.length; i++) {
            err += (expected[i] - actual[i]) * (expected[i] - actual[i]);
            norm += expected[i] * expected[i];
        }
        assertEquals(0, Math.sqrt(err / norm), 1e-6, what + ": relative error");
    }

    private static float[] random(int floats, long seed) {
        Random random = new Random(seed);
        float[] x = new float[floats];
        for (int i = 0; i < floats; i++) {
            x[i] = (float) random.nextGaussian();
        }
        return x;
    }
}
