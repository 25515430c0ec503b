package org.mrirecon.grappa;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.mrirecon.api.ReconstructionException;
import org.mrirecon.api.SamplingPattern;
import org.mrirecon.numerics.mask.Masks;

class SamplingGridTest {

    @ParameterizedTest
    @ValueSource(ints = { 2, 3, 4, 5, 6, 8 })
    void readsTheAccelerationOfEquispacedMasks(int r) throws ReconstructionException {
        SamplingPattern p = Masks.equispaced(320, r, 24);
        SamplingGrid grid = SamplingGrid.of(p, 15);
        assertEquals(r, grid.acceleration());
        assertEquals(24, grid.calibrationLines());
        assertEquals(320 - p.acquiredLines(), grid.missingCount());
        for (int i = 0; i < grid.missingCount(); i++) {
            int ky = grid.missingLine(i);
            int below = grid.gridLineBelow(ky);
            assertTrue(ky - below >= 1 && ky - below < r, "line " + ky + " sits " + (ky - below) + " above the grid");
            assertTrue(below < 0 || p.isAcquired(below), "grid line " + below + " is acquired");
        }
    }

    @Test
    void findsAGridThatDoesNotPassThroughTheCentre() throws ReconstructionException {
        boolean[] mask = new boolean[64];
        for (int ky = 0; ky < 64; ky++) {
            mask[ky] = ky % 3 == 1 || (ky >= 26 && ky < 38);
        }
        SamplingGrid grid = SamplingGrid.of(SamplingPattern.of(mask, 26, 38), 8);
        assertEquals(3, grid.acceleration());
        assertEquals(1, grid.gridLineBelow(3));
        assertEquals(-2, grid.gridLineBelow(0)); // below the matrix: the kernel's lower source is zero there
    }

    @Test
    void fullySampledDataHasNothingToFill() throws ReconstructionException {
        SamplingGrid grid = SamplingGrid.of(SamplingPattern.fullySampled(32), 4);
        assertEquals(1, grid.acceleration());
        assertEquals(0, grid.missingCount());
    }

    @Test
    void randomUndersamplingIsRejected() {
        ReconstructionException e = assertThrows(ReconstructionException.class,
                () -> SamplingGrid.of(Masks.random(320, 4, 24, 7), 15));
        assertTrue(e.getMessage().contains("not equally spaced"), e.getMessage());
        assertTrue(e.getMessage().contains("regular undersampling"), e.getMessage());
    }

    @Test
    void accelerationAboveTheSupportedMaximumIsRejected() {
        ReconstructionException e = assertThrows(ReconstructionException.class,
                () -> SamplingGrid.of(Masks.equispaced(320, 9, 24), 32));
        assertTrue(e.getMessage().contains("R=9 is above the largest GRAPPA supports (8)"), e.getMessage());
    }

    @Test
    void accelerationAboveTheCoilCountIsRejected() {
        ReconstructionException e = assertThrows(ReconstructionException.class,
                () -> SamplingGrid.of(Masks.equispaced(320, 4, 24), 3));
        assertTrue(e.getMessage().contains("R=4 exceeds the 3 coils"), e.getMessage());
    }

    @Test
    void aPatternWithOnlyTheCalibrationBlockIsRejected() {
        boolean[] mask = new boolean[64];
        for (int ky = 24; ky < 40; ky++) {
            mask[ky] = true;
        }
        ReconstructionException e = assertThrows(ReconstructionException.class,
                () -> SamplingGrid.of(SamplingPattern.of(mask, 24, 40), 8));
        assertTrue(e.getMessage().contains("only the calibration block [24, 40) is acquired"), e.getMessage());
    }
}
