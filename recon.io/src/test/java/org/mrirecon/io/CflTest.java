package org.mrirecon.io;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.Random;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.mrirecon.data.Dataset;
import org.mrirecon.api.KSpace;
import org.mrirecon.numerics.fft.Fft2c;

class CflTest {

    private static final int NY = 36;
    private static final int NX = 40;
    private static final int COILS = 3;

    private static KSpace random(long seed) {
        Random r = new Random(seed);
        float[][] d = new float[COILS][2 * NY * NX];
        for (float[] c : d) {
            for (int i = 0; i < c.length; i++) {
                c[i] = (float) r.nextGaussian();
            }
        }
        return KSpace.ofCoils(NY, NX, d);
    }

    @Test
    void roundTripIsExact(@TempDir Path dir) throws Exception {
        KSpace k = random(1);
        Path base = dir.resolve("kspace");
        Cfl.write(base, k);
        assertEquals("# Dimensions\n40 36 1 3 1 1 1 1 1 1 1 1 1 1 1 1 \n", Files.readString(dir.resolve("kspace.hdr")));
        assertEquals(8L * NY * NX * COILS, Files.size(dir.resolve("kspace.cfl")));
        for (Path p : new Path[] {base, dir.resolve("kspace.cfl"), dir.resolve("kspace.hdr")}) {
            Dataset back = Readers.read(p);
            assertEquals(DataFormat.BART.description(), back.format());
            assertEquals(k, back.kspace(0), "bit-exact through " + p.getFileName());
            assertTrue(back.isFullySampled());
        }
        Cfl.Array a = Cfl.read(base);
        assertArrayEquals(new int[] {NX, NY, 1, COILS}, a.shape());
    }

    @Test
    void extraDimensionsBecomeImages(@TempDir Path dir) throws Exception {
        float[] data = new float[2 * 8 * 6 * 2 * 3];
        for (int i = 0; i < data.length; i += 2) {
            data[i] = 1 + i;
        }
        Cfl.write(dir.resolve("multi"), Cfl.Array.of(data, 8, 6, 1, 2, 1, 1, 1, 1, 1, 1, 3));
        Dataset r = Readers.read(dir.resolve("multi.cfl"));
        assertEquals(3, r.sliceCount());
        assertEquals(2, r.coils());
        assertEquals(6, r.rows());
        assertEquals(8, r.cols());
        // TIME index 2, coil 1, PHS1 5, READ 7: column-major offset 7 + 8 * (5 + 6 * (1 + 2 * 2))
        assertEquals(data[2 * (7 + 8 * (5 + 6 * (1 + 2 * 2)))], r.kspace(2).re(1, 5, 7));
    }

    /** BART's centred unitary FFT over dims 0 and 1 (bitmask 3) of our cfl must be Fft2c, both directions. */
    @Test
    void bartFftAgreesWithFft2c(@TempDir Path dir) throws Exception {
        Path bart = onPath("bart");
        assumeTrue(bart != null, "bart is not installed");
        KSpace k = random(2);
        Cfl.write(dir.resolve("k"), k);
        run(dir, bart.toString(), "fft", "-u", "-i", "3", "k", "img");
        run(dir, bart.toString(), "fft", "-u", "3", "k", "kk");
        Dataset img = Readers.read(dir.resolve("img"));
        Dataset kk = Readers.read(dir.resolve("kk"));
        float[] inv = k.copyData();
        Fft2c.inverseStack(inv, COILS, NY, NX);
        double inverse = Fixtures.relativeError(img.kspace(0).copyData(), inv);
        float[] fwd = k.copyData();
        Fft2c.forwardStack(fwd, COILS, NY, NX);
        double forward = Fixtures.relativeError(kk.kspace(0).copyData(), fwd);
        System.out.printf("bart fft -u -i 3 vs Fft2c.inverseStack: relative error %.2e; bart fft -u 3 vs "
                + "Fft2c.forwardStack: %.2e (%dx%d, %d coils)%n", inverse, forward, NY, NX, COILS);
        assertTrue(inverse < 1e-5 && forward < 1e-5, inverse + " / " + forward);
    }

    /**
     * A BART phantom as BART writes it (bart phantom -k -s 4: 4-coil k-space of the Shepp-Logan phantom, dims
     * [64, 64, 1, 4]): read fully sampled, every line acquired, not transposed; our zero-filled RSS equals BART's own
     * (bart fft -u -i 3, then bart rss 8).
     */
    @Test
    void bartPhantomReadsAsBartReconstructsIt(@TempDir Path dir) throws Exception {
        Path bart = onPath("bart");
        assumeTrue(bart != null, "bart is not installed");
        run(dir, bart.toString(), "phantom", "-k", "-s", "4", "-x", "64", "k");
        run(dir, bart.toString(), "fft", "-u", "-i", "3", "k", "coils");
        run(dir, bart.toString(), "rss", "8", "coils", "rss");
        Dataset data = Readers.read(dir.resolve("k"));
        assertTrue(data.isFullySampled());
        assertEquals(4, data.coils());
        assertEquals(64, data.pattern(0).acquiredLines());
        assertEquals(null, data.attributes().get("layout.transposed"), "BART's column-major [READ, PHS1] is ours");
        Cfl.Array rss = Cfl.read(dir.resolve("rss"));
        float[] bartRss = new float[64 * 64];
        for (int i = 0; i < bartRss.length; i++) {
            bartRss[i] = rss.data()[2 * i]; // real, column-major [READ, PHS1] = our row-major [PHS1][READ]
        }
        double err = Fixtures.relativeError(Fixtures.rss(data.kspace(0)), bartRss);
        System.out.printf("bart phantom -k -s 4: zero-filled RSS vs bart fft -u -i 3 + bart rss 8: relative error "
                + "%.2e%n", err);
        assertTrue(err < 1e-5, "relative error " + err);
    }

    private static void run(Path dir, String... command) throws Exception {
        Process p = new ProcessBuilder(command).directory(dir.toFile()).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes());
        assertTrue(p.waitFor(60, TimeUnit.SECONDS), "bart timed out");
        assertEquals(0, p.exitValue(), String.join(" ", command) + ": " + out);
    }

    private static Path onPath(String program) {
        for (String d : System.getenv().getOrDefault("PATH", "").split(File.pathSeparator)) {
            Path p = Paths.get(d, program);
            if (Files.isExecutable(p)) {
                return p;
            }
        }
        return null;
    }
}
