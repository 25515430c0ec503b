package org.mrirecon.grappa;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.mrirecon.api.Acquisition;
import org.mrirecon.api.ReconContext;
import org.mrirecon.api.ReconstructionException;
import org.mrirecon.api.SamplingPattern;
import org.mrirecon.numerics.mask.Masks;

/** k-space completion on noise-free data with smooth coil maps, where GRAPPA's linear model nearly holds. */
class GrappaTest {

    private static final SyntheticScan SCAN = new SyntheticScan(128, 128, 8);

    private static Grappa.Result complete(Grappa grappa, SamplingPattern p) throws ReconstructionException {
        Acquisition acq = SCAN.acquire(p);
        return grappa.complete(acq.kspace(), p, SamplingGrid.of(p, SCAN.coils), ReconContext.none());
    }

    /**
     * Relative error of the synthesised lines whose kernel lies inside the encoded lines (the matrix less its zero
     * padding; {@code edge} false) or not.
     */
    private static double lineError(float[] filled, SamplingPattern p, KernelShape shape, boolean edge)
            throws ReconstructionException {
        SamplingGrid grid = SamplingGrid.of(p, SCAN.coils);
        int r = grid.acceleration();
        double err = 0;
        double ref = 0;
        for (int i = 0; i < grid.missingCount(); i++) {
            int ky = grid.missingLine(i);
            int lowest = grid.gridLineBelow(ky) + shape.firstBlock() * r;
            int highest = grid.gridLineBelow(ky) + (shape.firstBlock() + shape.blocks() - 1) * r;
            if ((lowest < p.encodedStart() || highest >= p.encodedEnd()) != edge) {
                continue;
            }
            for (int c = 0; c < SCAN.coils; c++) {
                int line = 2 * (c * SCAN.rows + ky) * SCAN.cols;
                for (int f = line; f < line + 2 * SCAN.cols; f++) {
                    double d = filled[f] - SCAN.kspace[f];
                    err += d * d;
                    ref += (double) SCAN.kspace[f] * SCAN.kspace[f];
                }
            }
        }
        return Math.sqrt(err / ref);
    }

    /**
     * Measured relative errors of the lines whose kernel lies inside the matrix, with lambda 1e-9 (no noise to
     * regularise against): 2x5 kernel 1.0e-4, 5.3e-4, 1.9e-3 at R = 2, 3, 4; 4x5 kernel 1.0e-4, 2.6e-3, 2.5e-2.
     * The few lines within a kernel of the ky edges, whose outer sources are zero, are far worse on this object
     * (0.2 to 0.7): their k-space is unmeasured, and real data holds only noise there.
     */
    @ParameterizedTest
    @CsvSource({ "2, 2, 2e-4", "3, 2, 1e-3", "4, 2, 5e-3", "2, 4, 2e-4", "3, 4, 5e-3", "4, 4, 5e-2" })
    void synthesisedLinesMatchTheFullySampledKSpace(int r, int blocks, double bound)
            throws ReconstructionException {
        KernelShape shape = new KernelShape(blocks, 5);
        SamplingPattern p = Masks.equispaced(SCAN.rows, r, 24);
        float[] filled = complete(new Grappa(shape, 1e-9), p).kspace();
        double error = lineError(filled, p, shape, false);
        assertTrue(error < bound, "R=" + r + " " + shape + ": relative error " + error);
    }

    /**
     * The hybrid-space completion the reconstructor uses is the k-space completion one readout transform earlier:
     * every line (acquired, synthesised, outside the pattern) equals the centred inverse FFT along kx of
     * {@link Grappa#complete}'s line, to float rounding.
     */
    @ParameterizedTest
    @CsvSource({ "2, 24", "3, 24", "4, 20" })
    void hybridCompletionIsTheKSpaceCompletionTransformedAlongTheReadout(int r, int acs)
            throws ReconstructionException {
        SamplingPattern p = Masks.equispaced(SCAN.rows, r, acs);
        Acquisition acq = SCAN.acquire(p);
        Grappa grappa = new Grappa(new KernelShape(2, 5), 0.01);
        SamplingGrid grid = SamplingGrid.of(p, SCAN.coils);
        float[] kspace = grappa.complete(acq.kspace(), p, grid, ReconContext.none()).kspace();
        float[] hybrid = grappa.completeHybrid(acq.kspace(), p, grid, ReconContext.none()).kspace();
        new org.mrirecon.numerics.op.CenteredFft(org.mrirecon.numerics.op.Shape.of(SCAN.coils, SCAN.rows, SCAN.cols),
                -1).inverse(kspace);
        double err = 0;
        double ref = 0;
        for (int i = 0; i < kspace.length; i++) {
            err += (double) (hybrid[i] - kspace[i]) * (hybrid[i] - kspace[i]);
            ref += (double) kspace[i] * kspace[i];
        }
        assertTrue(Math.sqrt(err / ref) < 1e-6, "relative difference " + Math.sqrt(err / ref));
    }

    /**
     * fastMRI's knee layout: the matrix is zero-padded beyond the encoded lines (368 of which 352 are encoded). Grid
     * lines in the padding are never acquired; kernels reaching them take them as zero, and padding lines are not
     * synthesised. Before, a kernel source in the padding was a missing row and the completion threw.
     */
    @Test
    void zeroPaddingOutsideTheEncodedLinesIsNeitherSourceNorTarget() throws ReconstructionException {
        SamplingPattern full = Masks.equispaced(SCAN.rows, 2, 24);
        boolean[] mask = full.mask();
        for (int ky = 0; ky < 8; ky++) {
            mask[ky] = false;
            mask[SCAN.rows - 1 - ky] = false;
        }
        SamplingPattern p = SamplingPattern.of(mask, full.calibrationStart(), full.calibrationEnd(), 8,
                SCAN.rows - 8);
        KernelShape shape = new KernelShape(4, 5);
        float[] filled = complete(new Grappa(shape, 1e-9), p).kspace();
        for (int c = 0; c < SCAN.coils; c++) {
            for (int ky : new int[] {0, 7, SCAN.rows - 8, SCAN.rows - 1}) {
                int line = 2 * (c * SCAN.rows + ky) * SCAN.cols;
                for (int f = line; f < line + 2 * SCAN.cols; f++) {
                    assertEquals(0f, filled[f], "padding line " + ky + " stays empty");
                }
            }
        }
        // the lines whose kernel lies inside the encoded lines are synthesised as well as without padding
        double error = lineError(filled, p, shape, false);
        assertTrue(error < 2e-4, "interior lines: relative error " + error);
    }

    @ParameterizedTest
    @CsvSource({ "2, 32", "3, 20", "4, 20", "6, 24" })
    void acquiredLinesAreKeptBitForBit(int r, int acs) throws ReconstructionException {
        SamplingPattern p = Masks.equispaced(SCAN.rows, r, acs);
        float[] filled = complete(new Grappa(new KernelShape(2, 5), 0.01), p).kspace();
        for (int c = 0; c < SCAN.coils; c++) {
            for (int ky = 0; ky < SCAN.rows; ky++) {
                if (p.isAcquired(ky)) {
                    int from = 2 * (c * SCAN.rows + ky) * SCAN.cols;
                    int to = from + 2 * SCAN.cols;
                    assertArrayEquals(Arrays.copyOfRange(SCAN.kspace, from, to), Arrays.copyOfRange(filled, from, to),
                            "coil " + c + " line " + ky);
                }
            }
        }
    }

    @Test
    void fullySampledDataIsReturnedUnchanged() throws ReconstructionException {
        Grappa.Result result = complete(new Grappa(new KernelShape(2, 5), 0.01),
                SamplingPattern.fullySampled(SCAN.rows));
        assertArrayEquals(SCAN.kspace, result.kspace());
        assertEquals(0, result.calibrationNanos());
    }

    @Test
    void tooFewCalibrationLinesForTheKernelAreReported() {
        // a 4x5 kernel at R=4 spans 3 * 4 + 1 = 13 lines; 8 coils x 20 sources = 160 unknowns fit in 128 readouts
        // only with a second placement: 14 lines needed
        ReconstructionException e = assertThrows(ReconstructionException.class,
                () -> complete(new Grappa(new KernelShape(4, 5), 0.01), Masks.equispaced(SCAN.rows, 4, 12)));
        assertEquals("GRAPPA with a 4x5 kernel at R=4 needs at least 14 calibration lines, the data has 12: "
                + "acquire more ACS lines or use a smaller kernel (parameters kernelBlocks, kernelReadout)",
                e.getMessage());
    }
}
