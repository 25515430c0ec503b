package org.example.recon.mymethod;

import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Map;

import org.junit.jupiter.api.Test;
import org.mrirecon.api.ReconstructionException;
import org.mrirecon.testing.PhantomCheck;
import org.mrirecon.zerofilled.ZeroFilledReconstructor;

/** Unit tests in a plain JVM: fast, no framework. */
class MyMethodTest {

    private static final PhantomCheck PHANTOM = PhantomCheck.of(128, 8, 2);

    @Test
    void producesAnImageAsGoodAsZeroFilledWithRss() throws Exception {
        PhantomCheck.Scores mine = PHANTOM.run(new MyMethod(), 2, 24, Map.of());
        PhantomCheck.Scores baseline = PHANTOM.run(new ZeroFilledReconstructor(), 2, 24, Map.of());
        // ESPIRiT combination of the same zero-filled coil images: comparable to RSS, not worse by much
        assertTrue(mine.ssim() > baseline.ssim() - 0.05, mine.ssim() + " vs " + baseline.ssim());
        assertTrue(mine.images().get(0).hasComplex());
    }

    @Test
    void tooFewCalibrationLinesIsAClearError() {
        ReconstructionException e = assertThrows(ReconstructionException.class,
                () -> PHANTOM.run(new MyMethod(), 4, 4, Map.of()));
        assertTrue(e.getMessage().contains("calibration lines"), e.getMessage());
    }
}
