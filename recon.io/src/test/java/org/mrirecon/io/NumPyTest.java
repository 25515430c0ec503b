package org.mrirecon.io;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.mrirecon.api.KSpace;
import org.mrirecon.data.Dataset;

class NumPyTest {

    private static final Path PYTHON = Paths.get("/usr/bin/python3");

    /** A k-space of 2 coils x 8 x 6 whose odd lines are empty, with a 4 x 4 reference. */
    private static Map<String, NumPy.Array> arrays() {
        float[] k = new float[2 * 2 * 8 * 6];
        for (int c = 0; c < 2; c++) {
            for (int ky = 0; ky < 8; ky += 2) {
                for (int kx = 0; kx < 6; kx++) {
                    k[2 * ((c * 8 + ky) * 6 + kx)] = c + ky + 0.5f * kx;
                    k[2 * ((c * 8 + ky) * 6 + kx) + 1] = -kx;
                }
            }
        }
        float[] ref = new float[16];
        for (int i = 0; i < ref.length; i++) {
            ref[i] = i;
        }
        Map<String, NumPy.Array> m = new LinkedHashMap<>();
        m.put("kspace", NumPy.Array.complex64(k, 2, 8, 6));
        m.put("reference", NumPy.Array.float32(ref, 4, 4));
        return m;
    }

    @Test
    void npzRoundTripThroughTheReader(@TempDir Path dir) throws Exception {
        Path f = dir.resolve("data.npz");
        NumPy.writeNpz(f, arrays());
        Dataset r = Readers.read(f);
        assertEquals(DataFormat.NUMPY.description(), r.format());
        KSpace k = r.kspace(0);
        assertEquals(2, k.coils());
        assertEquals(8, k.phaseEncodes());
        assertEquals(6, k.readouts());
        assertEquals(1 + 4 + 0.5f * 5, k.re(1, 4, 5));
        assertEquals(-5f, k.im(0, 2, 5));
        assertFalse(r.isFullySampled());
        assertEquals(4, r.pattern(0).acquiredLines());
        assertArrayEquals(arrays().get("reference").data(), r.reference(0));
        assertEquals(4, r.referenceRows());
    }

    @Test
    void npyRoundTrip(@TempDir Path dir) throws Exception {
        Path f = dir.resolve("k.npy");
        NumPy.writeNpy(f, arrays().get("kspace"));
        NumPy.Array back = NumPy.readNpy(f);
        assertArrayEquals(new int[] {2, 8, 6}, back.shape());
        assertArrayEquals(arrays().get("kspace").data(), back.data());
        assertEquals(2, Readers.read(f).coils());
    }

    /** What NumPy itself makes of our files, and what we make of NumPy's (float64, complex128, bool, compressed). */
    @Test
    void aTruthArrayIsReadAsTheNoiseFreeTruthAtTheReferenceSize(@TempDir Path dir) throws Exception {
        Map<String, NumPy.Array> m = arrays();
        float[] truth = new float[16];
        java.util.Arrays.fill(truth, 3f);
        m.put("truth", NumPy.Array.float32(truth, 4, 4));
        NumPy.writeNpz(dir.resolve("with-truth.npz"), m);
        Dataset d = Readers.read(dir.resolve("with-truth.npz"));
        assertTrue(d.hasTruth() && d.hasReference());
        assertEquals(3f, d.truth(0)[5]);
        assertTrue(d.notes().stream().anyMatch(n -> n.contains("truth")), d.notes().toString());

        m.put("truth", NumPy.Array.float32(new float[9], 3, 3));
        NumPy.writeNpz(dir.resolve("bad-truth.npz"), m);
        DataFormatException e = assertThrows(DataFormatException.class,
                () -> Readers.read(dir.resolve("bad-truth.npz")));
        assertTrue(e.getMessage().contains("truth is 3x3 but the reference is 4x4"), e.getMessage());
    }

    @Test
    void numpyOpensOursAndWeOpenNumpys(@TempDir Path dir) throws Exception {
        assumeTrue(Files.isExecutable(PYTHON), "/usr/bin/python3 is not installed");
        NumPy.writeNpz(dir.resolve("ours.npz"), arrays());
        String script = "import numpy as np\n"
                + "d = np.load('ours.npz')\n"
                + "k = d['kspace']\n"
                + "assert k.dtype == np.complex64 and k.shape == (2, 8, 6), (k.dtype, k.shape)\n"
                + "assert k[1, 4, 5] == complex(1 + 4 + 2.5, -5)\n"
                + "assert d['reference'].dtype == np.float32 and d['reference'][3, 2] == 14\n"
                + "np.savez_compressed('theirs.npz', kspace=k.astype(np.complex128),"
                + " mask=np.arange(8) % 2 == 0, reference=d['reference'].astype(np.float64))\n";
        python(dir, script);
        Dataset r = Readers.read(dir.resolve("theirs.npz"));
        assertEquals(1 + 4 + 2.5f, r.kspace(0).re(1, 4, 5));
        assertEquals(4, r.pattern(0).acquiredLines());
        assertEquals(14f, r.reference(0)[3 * 4 + 2]);
    }

    /**
     * A user's own .npz, made with numpy: k-space of an image through the centred orthonormal FFT (as ours), the
     * reference centre-cropped with fastMRI's center_crop, a bool mask beside it. The crop matches the k-space's
     * image and is accepted with a note; the 2x mask gives the sampling and the lines it leaves out are zeroed.
     */
    @Test
    void numpyMadeCropsAndMasksReadAsMeant(@TempDir Path dir) throws Exception {
        assumeTrue(Files.isExecutable(PYTHON), "/usr/bin/python3 is not installed");
        String script = "import numpy as np\n"
                + "y, x = np.mgrid[-1:1:32j, -1:1:24j]\n"
                + "img = ((x / 0.6) ** 2 + (y / 0.8) ** 2 < 1) * (1 + 0.5 * x) + 0j\n"
                + "maps = np.stack([0.5 + 0.4 * x, 0.5 - 0.4 * y])\n"
                + "ft = lambda a: np.fft.fftshift(np.fft.fft2(np.fft.ifftshift(a, axes=(-2, -1)), norm='ortho'),"
                + " axes=(-2, -1))\n"
                + "k = ft(maps * img).astype(np.complex64)\n"
                + "rss = np.sqrt((np.abs(maps * img) ** 2).sum(0))\n"
                + "crop = rss[(32 - 20) // 2:(32 - 20) // 2 + 20, (24 - 16) // 2:(24 - 16) // 2 + 16]\n"
                + "np.savez('cropped.npz', kspace=k, reference=crop.astype(np.float32))\n"
                + "mask = np.arange(32) % 2 == 0\n"
                + "mask[12:20] = True\n"
                + "np.savez('masked.npz', kspace=k, mask=mask)\n";
        python(dir, script);

        Dataset cropped = Readers.read(dir.resolve("cropped.npz"));
        assertTrue(cropped.isFullySampled());
        assertEquals(20, cropped.referenceRows());
        assertEquals(16, cropped.referenceCols());
        double err = Fixtures.relativeError(cropped.cropToReference(Fixtures.rss(cropped.kspace(0))),
                cropped.reference(0));
        assertTrue(err < 1e-5, "the crop is the centre of the k-space's image: " + err);
        assertTrue(cropped.notes().stream().anyMatch(n -> n.contains("reference 20x16 is smaller than the 32x24 "
                + "k-space matrix") && n.contains("it matches the centre of the k-space's image")),
                cropped.notes()::toString);

        Dataset masked = Readers.read(dir.resolve("masked.npz"));
        assertFalse(masked.isFullySampled());
        for (int ky = 0; ky < 32; ky++) {
            boolean marked = ky % 2 == 0 || ky >= 12 && ky < 20;
            assertEquals(marked, masked.pattern(0).isAcquired(ky), "line " + ky);
            if (!marked) {
                assertEquals(0f, masked.kspace(0).re(1, ky, 12), 0f, "line " + ky + " zeroed");
            }
        }
        assertEquals(12, masked.pattern(0).calibrationStart());
        assertEquals(21, masked.pattern(0).calibrationEnd(), "the centre run with the grid line 20 next to it");
        assertTrue(masked.notes().stream().anyMatch(n -> n.startsWith("12 line(s) hold data the mask does not "
                + "mark: zeroed")), masked.notes()::toString);
    }

    /** Runs a Python script in {@code dir}; skips the test where numpy is missing, fails where the script does. */
    private static void python(Path dir, String script) throws Exception {
        Process p = new ProcessBuilder(PYTHON.toString(), "-c", script).directory(dir.toFile())
                .redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes());
        p.waitFor(60, TimeUnit.SECONDS);
        assumeTrue(!out.contains("No module named"), "numpy missing: " + out);
        assertEquals(0, p.exitValue(), out);
    }
}
