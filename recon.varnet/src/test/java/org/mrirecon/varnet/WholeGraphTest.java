package org.mrirecon.varnet;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.mrirecon.api.Acquisition;
import org.mrirecon.api.ReconContext;
import org.mrirecon.api.ReconstructedImage;
import org.mrirecon.api.ReconstructionException;
import org.mrirecon.numerics.coil.CoilImages;

/**
 * A whole-graph model with fastMRI's interface (zero-filled-rss.onnx, made by
 * training/make_wholegraph_test_model.py from ONNX DFT operators) gives exactly the zero-filled RSS, which proves the
 * transposition to fastMRI's layout (mask along W) and back.
 */
class WholeGraphTest {

    @TempDir
    Path dir;

    private Path model() throws Exception {
        Path p = dir.resolve("zero-filled-rss.onnx");
        try (var in = WholeGraphTest.class.getResourceAsStream("zero-filled-rss.onnx")) {
            Files.copy(in, p);
        }
        return p;
    }

    @Test
    void wholeGraphGivesTheZeroFilledRssOnANonSquareMatrix() throws Exception {
        Acquisition acq = TestData.acquisition(64, 48, 4, 4, 12);
        VarNetReconstructor varnet = new VarNetReconstructor();
        ReconstructedImage image = varnet.reconstruct(acq,
                varnet.descriptor().parameters(Map.of(VarNetReconstructor.MODEL, model().toString())),
                ReconContext.none());
        float[] expected = CoilImages.rss(acq.kspace());
        float[] got = image.magnitude();
        double max = 0;
        double err = 0;
        for (int i = 0; i < got.length; i++) {
            max = Math.max(max, expected[i]);
            err = Math.max(err, Math.abs(got[i] - expected[i]));
        }
        assertTrue(err / max < 1e-5, "max relative difference " + err / max);
        assertEquals("zero-filled-rss", image.info().get("model"));
        assertEquals("whole-graph", image.info().get("modelKind"));
    }

    @Test
    void aUNetGraphIsNotAWholeGraphModel() throws Exception {
        Path unet = dir.resolve("cascade.onnx");
        try (var in = VarNetReconstructor.class.getResourceAsStream("/" + ModelLoader.BUNDLED + "/cascade-01.onnx")) {
            Files.copy(in, unet);
        }
        VarNetReconstructor varnet = new VarNetReconstructor();
        ReconstructionException e = assertThrows(ReconstructionException.class, () -> varnet.reconstruct(
                TestData.acquisition(32, 32, 2, 2, 8),
                varnet.descriptor().parameters(Map.of(VarNetReconstructor.MODEL, unet.toString())),
                ReconContext.none()));
        assertTrue(e.getMessage().contains("has no input 'masked_kspace'"), e.getMessage());
    }
}
