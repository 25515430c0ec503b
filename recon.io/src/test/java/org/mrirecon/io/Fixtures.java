package org.mrirecon.io;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URISyntaxException;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.Map;

import org.mrirecon.api.KSpace;
import org.mrirecon.numerics.coil.CoilImages;
import org.mrirecon.numerics.fft.Fft2c;

import io.jhdf.HdfFile;

/** The committed fixtures (src/test/resources/fixtures, made by make_fixtures.sh) and small helpers. */
final class Fixtures {

    private Fixtures() {
    }

    static Path path(String name) {
        try {
            var url = Fixtures.class.getResource("/fixtures/" + name);
            if (url == null) {
                throw new UncheckedIOException(new IOException("fixture " + name + " missing: run make_fixtures.sh"));
            }
            return Paths.get(url.toURI());
        } catch (URISyntaxException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Zero-filled root-sum-of-squares image. */
    static float[] rss(KSpace k) {
        return CoilImages.rss(k);
    }

    /** ||a - b|| / ||b||. */
    static double relativeError(float[] a, float[] b) {
        double num = 0;
        double den = 0;
        for (int i = 0; i < a.length; i++) {
            double d = a[i] - b[i];
            num += d * d;
            den += (double) b[i] * b[i];
        }
        return Math.sqrt(num / den);
    }

    /** The floats of a (nested) float array as jhdf returns datasets, in C order; asserts there are {@code n}. */
    static float[] flatten(Object a, int n) {
        float[] out = new float[n];
        int[] pos = {0};
        fill(a, out, pos);
        if (pos[0] != n) {
            throw new AssertionError("read " + pos[0] + " values, expected " + n);
        }
        return out;
    }

    private static void fill(Object a, float[] out, int[] pos) {
        if (a instanceof float[]) {
            for (float v : (float[]) a) {
                out[pos[0]++] = v;
            }
        } else {
            for (Object o : (Object[]) a) {
                fill(o, out, pos);
            }
        }
    }

    /**
     * Fft2c of the noise-free {@code /dataset/coil_images} that ismrmrd_generate_cartesian_shepp_logan stores
     * ([coils][n][2n], readout oversampled 2x), cropped to the central n readout samples as the reader removes the
     * oversampling: the k-space every acquired line must match.
     */
    static float[] coilImagesKSpace(Path file, int coils, int n) throws IOException {
        float[] out = new float[2 * coils * n * n];
        try (HdfFile f = new HdfFile(file)) {
            @SuppressWarnings("unchecked")
            Map<String, Object> ci = (Map<String, Object>) f.getDatasetByPath("/dataset/coil_images").getData();
            float[] re = flatten(ci.get("real"), coils * n * 2 * n);
            float[] im = flatten(ci.get("imag"), coils * n * 2 * n);
            for (int c = 0; c < coils; c++) {
                for (int y = 0; y < n; y++) {
                    for (int x = 0; x < n; x++) {
                        int src = (c * n + y) * 2 * n + x + n / 2;
                        out[2 * ((c * n + y) * n + x)] = re[src];
                        out[2 * ((c * n + y) * n + x) + 1] = im[src];
                    }
                }
            }
        }
        Fft2c.forwardStack(out, coils, n, n);
        return out;
    }
}
