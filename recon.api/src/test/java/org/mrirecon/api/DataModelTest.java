package org.mrirecon.api;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;

import org.junit.jupiter.api.Test;

class DataModelTest {

    private static float[][] ones(int coils, int rows, int cols) {
        float[][] d = new float[coils][2 * rows * cols];
        for (float[] c : d) {
            java.util.Arrays.fill(c, 1f);
        }
        return d;
    }

    @Test
    void kspaceIsImmutableAndIndexedAsDocumented() {
        float[][] data = ones(2, 3, 4);
        data[1][2 * (2 * 4 + 3)] = 7; // coil 1, ky 2, kx 3, real part
        KSpace k = KSpace.of(3, 4, data);
        data[1][0] = 99;
        assertEquals(1f, k.re(1, 0, 0), "constructor copies");
        assertEquals(7f, k.re(1, 2, 3));
        float[] c = k.coil(1);
        c[0] = 42;
        assertEquals(1f, k.re(1, 0, 0), "accessor copies");
    }

    @Test
    void kspaceRejectsNanShapeAndNoCoils() {
        float[][] d = ones(1, 2, 2);
        d[0][5] = Float.NaN;
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> KSpace.of(2, 2, d));
        assertTrue(e.getMessage().contains("NaN") && e.getMessage().contains("ky 1"), e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> KSpace.of(2, 3, ones(1, 2, 2)));
        assertThrows(IllegalArgumentException.class, () -> KSpace.of(2, 2, new float[0][]));
    }

    @Test
    void patternFromMaskFindsCentralCalibrationBlock() {
        boolean[] m = new boolean[16];
        for (int ky = 0; ky < 16; ky += 4) {
            m[ky] = true;
        }
        for (int ky = 6; ky < 11; ky++) {
            m[ky] = true;
        }
        SamplingPattern p = SamplingPattern.fromMask(m);
        assertEquals(6, p.calibrationStart());
        assertEquals(11, p.calibrationEnd());
        assertEquals(5, p.calibrationLines());
        assertEquals(8, p.acquiredLines()); // 0, 4, 12 and the block 6..10
        assertEquals(16.0 / 8, p.effectiveAcceleration(), 1e-12);
    }

    @Test
    void patternRejectsEmptyAndUnacquiredCalibration() {
        assertThrows(IllegalArgumentException.class, () -> SamplingPattern.of(new boolean[8], 0, 0));
        boolean[] m = {true, false, true, true};
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> SamplingPattern.of(m, 0, 3));
        assertTrue(e.getMessage().contains("line 1"), e.getMessage());
    }

    @Test
    void acquisitionZeroesLinesThePatternDoesNotAcquire() {
        KSpace full = KSpace.of(4, 2, ones(2, 4, 2));
        SamplingPattern p = SamplingPattern.of(new boolean[] {true, false, true, true}, 2, 4);
        AcquisitionHeader h = AcquisitionHeader.builder(4, 2, 2).sampling(p).build();
        Acquisition a = Acquisition.of(full, p, h, 0);
        assertEquals(0f, a.kspace().re(1, 1, 0));
        assertEquals(1f, a.kspace().re(1, 2, 0));
        assertEquals(1f, full.re(1, 1, 0), "input not modified");
        assertNotSame(full, a.kspace());
    }

    @Test
    void acquisitionRejectsShapeMismatchWithClearMessage() {
        KSpace k = KSpace.of(4, 2, ones(2, 4, 2));
        SamplingPattern p = SamplingPattern.fullySampled(4);
        AcquisitionHeader threeCoils = AcquisitionHeader.builder(4, 2, 3).build();
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> Acquisition.of(k, p, threeCoils, 0));
        assertTrue(e.getMessage().contains("3 coils") && e.getMessage().contains("2"), e.getMessage());
        assertThrows(IllegalArgumentException.class,
                () -> Acquisition.of(k, SamplingPattern.fullySampled(5), AcquisitionHeader.builder(4, 2, 2).build(), 0));
    }

    @Test
    void volumeKnowsWhetherSlicesSharePattern() {
        KSpace k = KSpace.of(4, 2, ones(1, 4, 2));
        SamplingPattern p1 = SamplingPattern.fullySampled(4);
        SamplingPattern p2 = SamplingPattern.of(new boolean[] {false, true, true, true}, 1, 4);
        AcquisitionHeader h = AcquisitionHeader.builder(4, 2, 1).slices(2).build();
        assertTrue(AcquisitionVolume.of(List.of(Acquisition.of(k, p1, h, 0), Acquisition.of(k, p1, h, 1)))
                .sharesPattern());
        assertFalse(AcquisitionVolume.of(List.of(Acquisition.of(k, p1, h, 0), Acquisition.of(k, p2, h, 1)))
                .sharesPattern());
    }

    @Test
    void scanTimeFollowsLinesEchoTrainAndAverages() {
        AcquisitionHeader h = AcquisitionHeader.builder(320, 320, 15).repetitionTimeMs(3000).echoTrainLength(8)
                .averages(2).build();
        // 176 lines / ETL 8 = 22 shots x 3 s x 2 averages
        assertEquals(132.0, h.scanTimeSeconds(176), 1e-9);
        assertEquals(3.0 * 2 * 12, h.scanTimeSeconds(95), 1e-9, "partial echo train counts as a shot");
    }

    @Test
    void headerRejectsNonsense() {
        assertThrows(IllegalArgumentException.class, () -> AcquisitionHeader.builder(320, 320, 0).build());
        assertThrows(IllegalArgumentException.class,
                () -> AcquisitionHeader.builder(320, 320, 4).echoTrainLength(0).build());
    }

    @Test
    void reconstructedImageDerivesMagnitudeAndRejectsNan() {
        ReconstructedImage img = ReconstructedImage.ofComplex(1, 2, new float[] {3, 4, 0, -2}, null);
        assertEquals(5f, img.magnitudeAt(0, 0), 1e-6f);
        assertEquals(2f, img.magnitudeAt(0, 1), 1e-6f);
        assertTrue(img.hasComplex());
        assertThrows(IllegalStateException.class,
                () -> ReconstructedImage.ofMagnitude(1, 1, new float[] {1}, null).complex());
        assertThrows(IllegalArgumentException.class,
                () -> ReconstructedImage.ofMagnitude(1, 1, new float[] {Float.NaN}, null));
    }
}
