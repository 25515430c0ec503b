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
        Process p = new ProcessBuilder(PYTHON.toString(), "-c", script).directory(dir.toFile())
                .redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes());
        p.waitFor(60, TimeUnit.SECONDS);
        assumeTrue(!out.contains("No module named"), "numpy missing: " + out);
        assertEquals(0, p.exitValue(), out);
        Dataset r = Readers.read(dir.resolve("theirs.npz"));
        assertEquals(1 + 4 + 2.5f, r.kspace(0).re(1, 4, 5));
        assertEquals(4, r.pattern(0).acquiredLines());
        assertEquals(14f, r.reference(0)[3 * 4 + 2]);
    }
}
