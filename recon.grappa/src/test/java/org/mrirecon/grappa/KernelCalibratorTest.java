package org.mrirecon.grappa;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Random;

import org.ejml.data.ZMatrixRMaj;
import org.junit.jupiter.api.Test;
import org.mrirecon.api.KSpace;
import org.mrirecon.api.ReconstructionException;
import org.mrirecon.api.SamplingPattern;
import org.mrirecon.numerics.mask.Masks;

class KernelCalibratorTest {

    /** Largest |difference| over all weights, relative to the largest |weight| of {@code expected}. */
    private static double relativeDifference(GrappaKernel expected, GrappaKernel actual) {
        KernelShape shape = expected.shape();
        double diff = 0;
        double scale = 0;
        for (int j = 0; j < shape.blocks(); j++) {
            for (int t = 0; t < shape.readout(); t++) {
                for (int s = 0; s < expected.coils(); s++) {
                    for (int m = 1; m < expected.acceleration(); m++) {
                        for (int c = 0; c < expected.coils(); c++) {
                            diff = Math.max(diff, Math.hypot(expected.re(j, t, s, m, c) - actual.re(j, t, s, m, c),
                                    expected.im(j, t, s, m, c) - actual.im(j, t, s, m, c)));
                            scale = Math.max(scale, Math.hypot(expected.re(j, t, s, m, c),
                                    expected.im(j, t, s, m, c)));
                        }
                    }
                }
            }
        }
        return diff / scale;
    }

    /**
     * Closed form: a calibration block of exactly one kernel placement (lines 15, 16, 17 at R=2, 2x5 kernel), whose
     * middle line is made from the outer two by known weights. Without regularisation the fit must return them.
     */
    @Test
    void recoversTheWeightsThatMadeTheCalibrationLines() throws ReconstructionException {
        int rows = 32;
        int cols = 64;
        int coils = 3;
        KernelShape shape = new KernelShape(2, 5);
        SamplingPattern p = Masks.equispaced(rows, 2, 3);
        SamplingGrid grid = SamplingGrid.of(p, coils);
        float[][] k = NaiveGrappa.randomKSpace(coils, rows, cols, 3);
        ZMatrixRMaj w = new ZMatrixRMaj(shape.sources(coils), coils);
        Random rng = new Random(4);
        for (int i = 0; i < w.getDataLength(); i++) {
            w.data[i] = rng.nextGaussian();
        }
        GrappaKernel truth = new GrappaKernel(shape, 2, coils, w);
        // line 16 is the only target: synthesise it from lines 15 and 17 (the placement's sources)
        float[][] made = NaiveGrappa.apply(truth, k, rows, cols, gridWithTarget(rows, 16));
        for (int c = 0; c < coils; c++) {
            System.arraycopy(made[c], 2 * 16 * cols, k[c], 2 * 16 * cols, 2 * cols);
        }
        HybridLines hybrid = HybridLines.of(KSpace.ofCoils(rows, cols, k), p);
        GrappaKernel fitted = KernelCalibrator.calibrate(hybrid, grid, shape, 0);
        double error = relativeDifference(truth, fitted);
        assertTrue(error < 1e-4, "weights recovered to " + error);
    }

    /** Odd lines and a calibration block above {@code target} (even) acquired: its sources are target -+ 1. */
    private static SamplingGrid gridWithTarget(int rows, int target) throws ReconstructionException {
        boolean[] mask = new boolean[rows];
        for (int ky = 0; ky < rows; ky++) {
            mask[ky] = ky % 2 != target % 2 || (ky > target && ky <= target + 4);
        }
        return SamplingGrid.of(SamplingPattern.of(mask, target + 1, target + 5), 3);
    }

    /**
     * The fast normal equations (Parseval in hybrid space) equal those of the explicit training matrix, for a
     * kernel with blocks on both sides, several placements and R = 3, on random data.
     */
    @Test
    void fastNormalEquationsMatchTheExplicitTrainingMatrix() throws ReconstructionException {
        int rows = 60;
        int cols = 40;
        int coils = 4;
        KernelShape shape = new KernelShape(4, 3);
        SamplingPattern p = Masks.equispaced(rows, 3, 18);
        SamplingGrid grid = SamplingGrid.of(p, coils);
        float[][] k = NaiveGrappa.randomKSpace(coils, rows, cols, 5);
        GrappaKernel explicit = NaiveGrappa.fit(k, cols, grid, shape, 0.01);
        GrappaKernel fast = KernelCalibrator.calibrate(HybridLines.of(KSpace.ofCoils(rows, cols, k), p), grid, shape,
                0.01);
        double error = relativeDifference(explicit, fast);
        assertTrue(error < 1e-4, "fast and explicit calibration differ by " + error);
    }
}
