package org.mrirecon.grappa;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Random;

import org.ejml.data.ZMatrixRMaj;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.mrirecon.api.KSpace;
import org.mrirecon.api.ReconstructionException;
import org.mrirecon.api.SamplingPattern;
import org.mrirecon.numerics.mask.Masks;

class HybridKernelTest {

    /**
     * Collapsing the readout taps into per-column weights is exact: the hybrid-space synthesis equals the k-space
     * convolution with the same weights on every missing line, the ky-edge lines included, to float rounding.
     */
    @ParameterizedTest
    @CsvSource({ "2, 2, 5", "3, 4, 3", "4, 3, 4", "6, 2, 7" })
    void hybridSynthesisEqualsKSpaceConvolution(int r, int blocks, int readout) throws ReconstructionException {
        int rows = 48;
        int cols = 36;
        int coils = 6;
        KernelShape shape = new KernelShape(blocks, readout);
        SamplingPattern p = Masks.equispaced(rows, r, 8);
        SamplingGrid grid = SamplingGrid.of(p, coils);
        float[][] k = NaiveGrappa.randomKSpace(coils, rows, cols, r);
        ZMatrixRMaj w = new ZMatrixRMaj(shape.sources(coils), (r - 1) * coils);
        Random rng = new Random(11);
        for (int i = 0; i < w.getDataLength(); i++) {
            w.data[i] = rng.nextGaussian();
        }
        GrappaKernel kernel = new GrappaKernel(shape, r, coils, w);
        float[][] expected = NaiveGrappa.apply(kernel, k, rows, cols, grid);
        KSpace measured = KSpace.ofCoils(rows, cols, k);
        float[] actual = measured.copyData();
        new HybridKernel(kernel, cols).fillMissing(HybridLines.of(measured, p), grid, actual);
        double err = 0;
        double ref = 0;
        for (int c = 0; c < coils; c++) {
            for (int i = 0; i < expected[c].length; i++) {
                double d = expected[c][i] - actual[c * expected[c].length + i];
                err += d * d;
                ref += (double) expected[c][i] * expected[c][i];
            }
        }
        assertTrue(Math.sqrt(err / ref) < 1e-5, "relative difference " + Math.sqrt(err / ref));
    }
}
