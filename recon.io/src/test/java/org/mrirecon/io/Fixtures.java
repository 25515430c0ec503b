package org.mrirecon.io;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URISyntaxException;
import java.nio.file.Path;
import java.nio.file.Paths;

import org.mrirecon.api.KSpace;
import org.mrirecon.numerics.coil.CoilCombine;
import org.mrirecon.numerics.fft.Fft2c;

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

    /** Zero-filled coil images of one slice (inverse centred FFT per coil). */
    static float[][] coilImages(KSpace k) {
        float[][] coils = new float[k.coils()][];
        for (int c = 0; c < coils.length; c++) {
            coils[c] = k.coil(c);
        }
        Fft2c.inverse(coils, k.phaseEncodes(), k.readouts());
        return coils;
    }

    /** Zero-filled root-sum-of-squares image. */
    static float[] rss(KSpace k) {
        return CoilCombine.rss(coilImages(k));
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
}
