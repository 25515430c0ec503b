package org.mrirecon.varnet;

import java.util.stream.IntStream;

import org.mrirecon.numerics.coil.CoilCombine;
import org.mrirecon.numerics.fft.Fft2c;

/**
 * The physics of the E2E-VarNet on multi-coil data (interleaved complex, one array per coil, row-major
 * {@code [phaseEncode][readout]}): the ACS low-pass, coil reduce and expand with the sensitivity maps, the soft data
 * consistency update and the final root-sum-of-squares. Each method mirrors a line of training/varnet.py; coils are
 * processed in parallel. Stateless and thread-safe.
 */
final class CoilPhysics {

    private CoilPhysics() {
    }

    /** Coil images of the calibration rows {@code [acsStart, acsEnd)} alone (varnet.py: acs_lowpass + ifft2c). */
    static float[][] acsLowpassImages(float[][] kspace, int rows, int cols, int acsStart, int acsEnd) {
        float[][] images = new float[kspace.length][];
        IntStream.range(0, kspace.length).parallel().forEach(c -> {
            float[] img = new float[2 * rows * cols];
            System.arraycopy(kspace[c], 2 * acsStart * cols, img, 2 * acsStart * cols, 2 * (acsEnd - acsStart) * cols);
            Fft2c.inverse(img, rows, cols);
            images[c] = img;
        });
        return images;
    }

    /** Divides the maps by their root-sum-of-squares over coils, in place (varnet.py: maps / rss(maps)). */
    static void normaliseByRss(float[][] maps) {
        int n = maps[0].length / 2;
        for (int i = 0; i < n; i++) {
            double sum = 0;
            for (float[] m : maps) {
                sum += (double) m[2 * i] * m[2 * i] + (double) m[2 * i + 1] * m[2 * i + 1];
            }
            // Only an all-zero pixel has no RSS; PyTorch would give NaN there, zero maps are the harmless limit.
            float scale = sum > 0 ? (float) (1 / Math.sqrt(sum)) : 0f;
            for (float[] m : maps) {
                m[2 * i] *= scale;
                m[2 * i + 1] *= scale;
            }
        }
    }

    /**
     * Coil-combined image {@code sum_c conj(S_c) ifft2c(k_c)} (varnet.py: sens_reduce).
     *
     * @param work one scratch array per coil, same size as the coil data
     */
    static float[] reduce(float[][] kspace, float[][] maps, int rows, int cols, float[][] work) {
        IntStream.range(0, kspace.length).parallel().forEach(c -> {
            float[] w = work[c];
            System.arraycopy(kspace[c], 0, w, 0, w.length);
            Fft2c.inverse(w, rows, cols);
            float[] s = maps[c];
            for (int i = 0; i < w.length; i += 2) {
                float re = w[i];
                float im = w[i + 1];
                w[i] = s[i] * re + s[i + 1] * im;
                w[i + 1] = s[i] * im - s[i + 1] * re;
            }
        });
        float[] image = new float[work[0].length];
        for (float[] w : work) {
            for (int i = 0; i < image.length; i++) {
                image[i] += w[i];
            }
        }
        return image;
    }

    /**
     * One cascade's k-space update, in place: {@code k = k - eta * M (k - k0) - fft2c(S_c * u)} (varnet.py: the
     * cascade loop). Rows not acquired hold zero in {@code k0} and are not touched by the data-consistency term.
     *
     * @param acquired per phase-encode row, whether it was measured (the mask M)
     * @param u        the regulariser's output image, interleaved complex
     */
    static void update(float[][] kspace, float[][] measured, boolean[] acquired, float eta, float[][] maps, float[] u,
            int rows, int cols, float[][] work) {
        IntStream.range(0, kspace.length).parallel().forEach(c -> {
            float[] w = work[c];
            float[] s = maps[c];
            for (int i = 0; i < w.length; i += 2) {
                w[i] = s[i] * u[i] - s[i + 1] * u[i + 1];
                w[i + 1] = s[i] * u[i + 1] + s[i + 1] * u[i];
            }
            Fft2c.forward(w, rows, cols);
            float[] k = kspace[c];
            float[] k0 = measured[c];
            for (int y = 0; y < rows; y++) {
                int from = 2 * y * cols;
                int to = from + 2 * cols;
                if (acquired[y]) {
                    for (int i = from; i < to; i++) {
                        k[i] = k[i] - eta * (k[i] - k0[i]) - w[i];
                    }
                } else {
                    for (int i = from; i < to; i++) {
                        k[i] -= w[i];
                    }
                }
            }
        });
    }

    /** Root-sum-of-squares of the coil images of k-space (varnet.py: rss(ifft2c(k))); overwrites {@code work}. */
    static float[] rssImage(float[][] kspace, int rows, int cols, float[][] work) {
        IntStream.range(0, kspace.length).parallel().forEach(c -> {
            System.arraycopy(kspace[c], 0, work[c], 0, work[c].length);
            Fft2c.inverse(work[c], rows, cols);
        });
        return CoilCombine.rss(work);
    }
}
