package org.mrirecon.phantom;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import org.mrirecon.api.KSpace;

class CoilAndNoiseTest {

    @Test
    void sensitivitiesHaveUnitRootSumOfSquaresEverywhere() {
        PhantomSlice s = new KneePhantom(PhantomConfig.builder().matrix(160, 160).build()).slice(17);
        float[][] maps = s.sensitivities();
        assertEquals(15, maps.length);
        for (int i = 0; i < 160 * 160; i++) {
            double sum = 0;
            for (float[] m : maps) {
                sum += m[2 * i] * m[2 * i] + m[2 * i + 1] * m[2 * i + 1];
            }
            assertEquals(1, sum, 1e-4, "pixel " + i);
        }
    }

    @Test
    void sensitivitiesAreSmoothComplexAndLocal() {
        int n = 160;
        PhantomSlice s = new KneePhantom(PhantomConfig.builder().matrix(n, n).build()).slice(17);
        float[][] maps = s.sensitivities();
        float[] object = s.objectMagnitude();
        double threshold = 0.05 * Images.max(object);
        for (float[] m : maps) {
            double maxMag = 0;
            double minMag = Double.MAX_VALUE;
            double maxStep = 0;
            double imag = 0;
            for (int r = 0; r < n; r++) {
                for (int c = 0; c + 1 < n; c++) {
                    if (object[r * n + c] < threshold) {
                        continue;
                    }
                    int i = 2 * (r * n + c);
                    double mag = Math.hypot(m[i], m[i + 1]);
                    maxMag = Math.max(maxMag, mag);
                    minMag = Math.min(minMag, mag);
                    maxStep = Math.max(maxStep, Math.hypot(m[i + 2] - m[i], m[i + 3] - m[i + 1]));
                    imag += Math.abs(m[i + 1]);
                }
            }
            // Smooth over the object: neighbouring pixels (0.9 mm apart) differ by a few percent at most.
            assertTrue(maxStep < 0.08, "largest step " + maxStep);
            // Local: each coil sees some of the field strongly and some weakly.
            assertTrue(maxMag > 0.4 && minMag < 0.5 * maxMag, "range " + minMag + ".." + maxMag);
            assertTrue(imag > 0, "complex");
        }
    }

    /**
     * The array's first element sits in front of the knee: its sensitivity is strongest in the anterior rows (top,
     * phase-encode runs anterior to posterior), and the elements vary along phase-encode, as in a knee coil.
     */
    @Test
    void anteriorElementLightsTheTopRows() {
        int n = 64;
        float[][] maps = new KneePhantom(PhantomConfig.builder().matrix(n, n).build()).slice(17).sensitivities();
        double top = 0;
        double bottom = 0;
        for (int c = 0; c < n; c++) {
            top += Math.hypot(maps[0][2 * c], maps[0][2 * c + 1]);
            int last = 2 * ((n - 1) * n + c);
            bottom += Math.hypot(maps[0][last], maps[0][last + 1]);
        }
        assertTrue(top > 5 * bottom, "anterior row " + top / n + ", posterior row " + bottom / n);
    }

    @Test
    void noiseHasTheConfiguredSigmaInEveryCoil() {
        PhantomConfig noisy = PhantomConfig.builder().matrix(160, 160).build();
        KneePhantom phantom = new KneePhantom(noisy);
        KSpace withNoise = phantom.slice(17).kspace();
        KSpace clean = new KneePhantom(noisy.toBuilder().snr(Double.POSITIVE_INFINITY).build()).slice(17).kspace();
        double sigma = phantom.noiseSigma();
        assertEquals(0.58 / 35, sigma, 1e-9);
        for (int c = 0; c < withNoise.coils(); c++) {
            float[] a = withNoise.coil(c);
            float[] b = clean.coil(c);
            double[] sumSq = new double[2];
            for (int i = 0; i < a.length; i++) {
                double d = a[i] - b[i];
                sumSq[i % 2] += d * d;
            }
            for (int part = 0; part < 2; part++) {
                double measured = Math.sqrt(sumSq[part] / (a.length / 2));
                assertEquals(sigma, measured, 0.02 * sigma, "coil " + c + (part == 0 ? " real" : " imaginary"));
            }
        }
    }

    @Test
    void noiseInTheAirBackgroundMatchesTheSnr() {
        int n = 320;
        PhantomConfig config = PhantomConfig.builder().matrix(n, n).coils(4).noiseCorrelation(0).build();
        KneePhantom phantom = new KneePhantom(config);
        PhantomSlice s = phantom.slice(17);
        float[][] images = Images.coilImages(s.kspace());
        float[] object = s.objectMagnitude();
        double max = Images.max(object);
        double sumSq = 0;
        int count = 0;
        for (int r = 0; r < n; r++) {
            for (int c = 0; c < n; c++) {
                // Air away from the body (no object signal within 10 pixels), so little ringing leaks in.
                if (isAir(object, n, r, c, 10, 0.02 * max)) {
                    for (float[] im : images) {
                        int i = 2 * (r * n + c);
                        sumSq += im[i] * im[i] + im[i + 1] * im[i + 1];
                        count += 2;
                    }
                }
            }
        }
        assertTrue(count > 20000, "air samples " + count);
        double measured = Math.sqrt(sumSq / count);
        assertEquals(phantom.noiseSigma(), measured, 0.05 * phantom.noiseSigma());
        // SNR as configured: PD cartilage intensity over that noise.
        assertEquals(35, 0.58 / measured, 35 * 0.05);
    }

    @Test
    void neighbouringCoilsHaveMildlyCorrelatedNoise() {
        PhantomConfig noisy = PhantomConfig.builder().matrix(128, 128).noiseCorrelation(0.2).build();
        KSpace a = new KneePhantom(noisy).slice(17).kspace();
        KSpace b = new KneePhantom(noisy.toBuilder().snr(Double.POSITIVE_INFINITY).build()).slice(17).kspace();
        double maxCorrelation = 0;
        for (int c = 0; c < a.coils(); c++) {
            for (int d = c + 1; d < a.coils(); d++) {
                maxCorrelation = Math.max(maxCorrelation, correlation(a.coil(c), b.coil(c), a.coil(d), b.coil(d)));
            }
        }
        // The nearest pair of coils correlates as configured (estimated from 32768 samples: +-0.006).
        assertEquals(0.2, maxCorrelation, 0.03);
    }

    private static double correlation(float[] a1, float[] a0, float[] b1, float[] b0) {
        double ab = 0;
        double aa = 0;
        double bb = 0;
        for (int i = 0; i < a1.length; i++) {
            double x = a1[i] - a0[i];
            double y = b1[i] - b0[i];
            ab += x * y;
            aa += x * x;
            bb += y * y;
        }
        return ab / Math.sqrt(aa * bb);
    }

    private static boolean isAir(float[] object, int n, int r, int c, int margin, double threshold) {
        for (int dr = -margin; dr <= margin; dr++) {
            for (int dc = -margin; dc <= margin; dc++) {
                int rr = r + dr;
                int cc = c + dc;
                if (rr < 0 || cc < 0 || rr >= n || cc >= n) {
                    return false;
                }
                if (object[rr * n + cc] > threshold) {
                    return false;
                }
            }
        }
        return true;
    }
}
