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
        KSpace k = KSpace.ofCoils(3, 4, data);
        data[1][0] = 99;
        assertEquals(1f, k.re(1, 0, 0), "constructor copies");
        assertEquals(7f, k.re(1, 2, 3));
        assertEquals(7f, k.copyData()[2 * ((1 * 3 + 2) * 4 + 3)], "flat layout is coil-major, then ky, then kx");
        float[] c = k.coil(1);
        c[0] = 42;
        assertEquals(1f, k.re(1, 0, 0), "accessor copies");
        float[] flat = k.copyData();
        flat[0] = 5;
        assertEquals(1f, k.re(0, 0, 0), "flat accessor copies");
        assertEquals(k, KSpace.of(2, 3, 4, k.copyData()));
    }

    @Test
    void kspaceRejectsNanShapeAndNoCoils() {
        float[][] d = ones(1, 2, 2);
        d[0][5] = Float.NaN;
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> KSpace.ofCoils(2, 2, d));
        assertTrue(e.getMessage().contains("NaN") && e.getMessage().contains("ky 1"), e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> KSpace.ofCoils(2, 3, ones(1, 2, 2)));
        assertThrows(IllegalArgumentException.class, () -> KSpace.ofCoils(2, 2, new float[0][]));
        assertThrows(IllegalArgumentException.class, () -> KSpace.of(2, 2, 2, new float[15]));
        assertThrows(IllegalArgumentException.class, () -> KSpace.of(0, 2, 2, new float[0]));
    }

    @Test
    void kspaceKnowsEmptyLines() {
        float[][] d = ones(2, 3, 2);
        for (float[] coil : d) {
            java.util.Arrays.fill(coil, 4, 8, 0f); // line 1 of every coil
        }
        KSpace k = KSpace.ofCoils(3, 2, d);
        assertTrue(k.isLineEmpty(1));
        assertFalse(k.isLineEmpty(0));
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
    void encodedRangeKeepsPaddingOutOfAccelerationAndRejectsAcquiredPadding() {
        boolean[] m = new boolean[12];
        for (int ky = 2; ky < 10; ky += 2) {
            m[ky] = true;
        }
        m[5] = true;
        SamplingPattern p = SamplingPattern.of(m, 4, 7, 2, 10);
        assertEquals(8, p.encodedLines());
        assertTrue(p.isEncoded(2) && !p.isEncoded(10) && !p.isEncoded(1));
        assertEquals(8.0 / 5, p.effectiveAcceleration(), 1e-12);
        m[0] = true;
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> SamplingPattern.of(m, 4, 7, 2, 10));
        assertTrue(e.getMessage().contains("line 0") && e.getMessage().contains("padding"), e.getMessage());
        assertEquals(p, SamplingPattern.of(p.mask(), 4, 7).withEncodedRange(2, 10));
    }

    @Test
    void acquisitionZeroesLinesThePatternDoesNotAcquire() {
        KSpace full = KSpace.ofCoils(4, 2, ones(2, 4, 2));
        SamplingPattern p = SamplingPattern.of(new boolean[] {true, false, true, true}, 2, 4);
        Acquisition a = Acquisition.of(full, p, 0);
        assertEquals(0f, a.kspace().re(1, 1, 0));
        assertEquals(1f, a.kspace().re(1, 2, 0));
        assertEquals(1f, full.re(1, 1, 0), "input not modified");
        assertNotSame(full, a.kspace());
    }

    @Test
    void acquisitionRejectsShapeMismatchWithClearMessage() {
        KSpace k = KSpace.ofCoils(4, 2, ones(2, 4, 2));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> Acquisition.of(k, SamplingPattern.fullySampled(5), 0));
        assertTrue(e.getMessage().contains("5") && e.getMessage().contains("4"), e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> Acquisition.of(k, SamplingPattern.fullySampled(4), -1));
    }

    @Test
    void volumeKnowsWhetherSlicesSharePattern() {
        KSpace k = KSpace.ofCoils(4, 2, ones(1, 4, 2));
        SamplingPattern p1 = SamplingPattern.fullySampled(4);
        SamplingPattern p2 = SamplingPattern.of(new boolean[] {false, true, true, true}, 1, 4);
        assertTrue(AcquisitionVolume.of(List.of(Acquisition.of(k, p1, 0), Acquisition.of(k, p1, 1))).sharesPattern());
        assertFalse(AcquisitionVolume.of(List.of(Acquisition.of(k, p1, 0), Acquisition.of(k, p2, 1))).sharesPattern());
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
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> ReconstructedImage.ofComplex(1, 1, new float[] {3e38f, 3e38f}, null));
        assertTrue(e.getMessage().contains("range"), e.getMessage());
    }
}
