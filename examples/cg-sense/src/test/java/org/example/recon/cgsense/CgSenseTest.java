package org.example.recon.cgsense;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Map;

import org.junit.jupiter.api.Test;
import org.mrirecon.api.SamplingPattern;
import org.mrirecon.numerics.mask.Masks;
import org.mrirecon.numerics.op.Sense;
import org.mrirecon.numerics.op.Sensitivity;
import org.mrirecon.numerics.solve.ConjugateGradient;
import org.mrirecon.numerics.solve.IterationMonitor;
import org.mrirecon.testing.PhantomCheck;
import org.mrirecon.zerofilled.ZeroFilledReconstructor;

class CgSenseTest {

    @Test
    void theSharedConjugateGradientRecoversAnImageFromNoiseFreeUndersampledData() {
        int rows = 32;
        int cols = 24;
        int coils = 6;
        float[] maps = new float[2 * coils * rows * cols];
        for (int c = 0; c < coils; c++) {
            double a = 2 * Math.PI * c / coils;
            for (int y = 0; y < rows; y++) {
                for (int x = 0; x < cols; x++) {
                    double d = Math.hypot(y - rows / 2.0 - 14 * Math.sin(a), x - cols / 2.0 - 11 * Math.cos(a));
                    double mag = Math.exp(-d / 20);
                    maps[2 * ((c * rows + y) * cols + x)] = (float) (mag * Math.cos(0.1 * x + a));
                    maps[2 * ((c * rows + y) * cols + x) + 1] = (float) (mag * Math.sin(0.1 * x + a));
                }
            }
        }
        float[] truth = new float[2 * rows * cols];
        for (int i = 0; i < rows * cols; i++) {
            truth[2 * i] = (float) Math.sin(i * 0.37);
            truth[2 * i + 1] = (float) Math.cos(i * 0.11);
        }
        SamplingPattern p = Masks.equispaced(rows, 2, 4);
        Sense a = new Sense(Sensitivity.ofCoils(maps, coils, rows, cols), p);
        float[] b = a.applyAdjoint(a.apply(truth));
        float[] x = new float[b.length];
        ConjugateGradient.Result r = ConjugateGradient.solve(a.normal(), b, x, 200, 1e-7, IterationMonitor.none());
        double err = 0;
        double ref = 0;
        for (int i = 0; i < truth.length; i++) {
            err += (x[i] - truth[i]) * (x[i] - truth[i]);
            ref += truth[i] * truth[i];
        }
        assertTrue(Math.sqrt(err / ref) < 1e-3, "relative error " + Math.sqrt(err / ref));
        assertTrue(r.relativeResidual() < 1e-6);
    }

    @Test
    void beatsZeroFilledAtFourfoldOnThePhantom() throws Exception {
        PhantomCheck phantom = PhantomCheck.of(128, 8, 2);
        PhantomCheck.Scores cg = phantom.run(new CgSense(), 4, 20, Map.of());
        PhantomCheck.Scores zf = phantom.run(new ZeroFilledReconstructor(), 4, 20, Map.of());
        assertTrue(cg.psnr() > zf.psnr() + 4, "CG-SENSE PSNR " + cg.psnr() + " vs zero-filled " + zf.psnr());
        assertTrue(cg.ssim() > zf.ssim(), "CG-SENSE SSIM " + cg.ssim() + " vs zero-filled " + zf.ssim());
        assertEquals("12", cg.result().info().get("iterations"));
    }
}
