package org.mrirecon.io;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URISyntaxException;
import java.nio.file.Path;
import java.nio.file.Paths;

import org.mrirecon.api.KSpace;
import org.mrirecon.numerics.coil.CoilImages;

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
}
