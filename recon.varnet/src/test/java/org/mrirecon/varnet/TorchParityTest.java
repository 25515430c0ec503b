package org.mrirecon.varnet;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import org.mrirecon.api.ReconContext;
import org.mrirecon.api.ReconstructedImage;

/** The bundled model run by Java + ONNX Runtime reproduces its PyTorch output (written by training/export.py). */
class TorchParityTest {

    @Test
    void bundledModelMatchesPyTorchWithinOneInTenThousand() throws Exception {
        Fixture f = Fixture.load();
        VarNetReconstructor varnet = new VarNetReconstructor();
        ReconstructedImage image = varnet.reconstruct(f.acquisition(), varnet.descriptor().defaults(),
                ReconContext.none());
        assertEquals(f.model(), image.info().get("model"), "fixture and bundled model come from different exports");
        float[] got = image.magnitude();
        double maxRef = 0;
        double maxErr = 0;
        double err2 = 0;
        double ref2 = 0;
        for (int i = 0; i < got.length; i++) {
            double d = got[i] - f.expected()[i];
            maxRef = Math.max(maxRef, Math.abs(f.expected()[i]));
            maxErr = Math.max(maxErr, Math.abs(d));
            err2 += d * d;
            ref2 += (double) f.expected()[i] * f.expected()[i];
        }
        double maxRel = maxErr / maxRef;
        double l2Rel = Math.sqrt(err2 / ref2);
        System.out.printf("Java vs PyTorch: max |diff| / max = %.3g, ||diff|| / ||ref|| = %.3g%n", maxRel, l2Rel);
        assertTrue(maxRel < 1e-4, "max relative difference " + maxRel);
        assertTrue(l2Rel < 1e-4, "L2 relative difference " + l2Rel);
    }
}
