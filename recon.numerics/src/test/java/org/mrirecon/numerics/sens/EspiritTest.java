package org.mrirecon.numerics.sens;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.mrirecon.api.KSpace;
import org.mrirecon.api.SamplingPattern;
import org.mrirecon.numerics.mask.Masks;

class EspiritTest {

    private static SyntheticCoils sim;
    private static SamplingPattern pattern;
    private static SensitivityMaps clean;

    @BeforeAll
    static void estimateOnce() {
        sim = new SyntheticCoils(128, 112, 8);
        pattern = Masks.equispaced(128, 4, 24);
        clean = Espirit.estimate(sim.kspace(0, 1), pattern);
    }

    @Test
    void reproducesAnalyticMapsUpToACommonPhase() {
        double err = MapComparison.commonPhaseError(clean, sim.maps, sim.inside);
        // measured 4.7e-3: the k = 6 kernels represent these smooth maps almost exactly
        assertTrue(err < 1e-2, "map error " + err);
    }

    @Test
    void reproducesThemFromNoisyDataToo() {
        // noise std 0.05 per sample; with the orthonormal FFT that is the image-domain noise against an object of
        // intensity about 1: coil-image SNR 5 to 30. Measured 8.8e-3.
        SensitivityMaps noisy = Espirit.estimate(sim.kspace(0.05, 2), pattern);
        double err = MapComparison.commonPhaseError(noisy, sim.maps, sim.inside);
        assertTrue(err < 2e-2, "map error " + err);
    }

    @Test
    void mapsHaveUnitRootSumOfSquaresWhereKept() {
        float[] s = clean.maps();
        int pixels = s.length / 2 / clean.coils();
        int kept = 0;
        for (int i = 0; i < pixels; i++) {
            double sum = 0;
            for (int c = 0; c < clean.coils(); c++) {
                int j = 2 * (c * pixels + i);
                sum += s[j] * s[j] + s[j + 1] * s[j + 1];
            }
            if (sum > 0) {
                kept++;
                assertEquals(1, sum, 1e-4);
            }
        }
        assertTrue(kept > 0);
    }

    @Test
    void keepsMapsInsideTheObjectAndFixesThePhaseToTheVirtualCoil() {
        float[] s = clean.maps();
        int pixels = sim.inside.length;
        double[] u = clean.phaseReference();
        float[] eig = clean.eigenvalues();
        for (int i = 0; i < sim.inside.length; i++) {
            if (!sim.inside[i]) {
                continue;
            }
            assertTrue(eig[i] > 0.8, "eigenvalue " + eig[i] + " inside the object");
            double zr = 0;
            double zi = 0;
            for (int c = 0; c < clean.coils(); c++) {
                int j = 2 * (c * pixels + i);
                zr += u[2 * c] * s[j] + u[2 * c + 1] * s[j + 1];
                zi += u[2 * c] * s[j + 1] - u[2 * c + 1] * s[j];
            }
            assertTrue(zr > 0 && Math.abs(zi) < 1e-4 * zr, "virtual-coil projection " + zr + " + " + zi + "i");
        }
    }

    @Test
    void needsNoSecondSetWhenTheObjectFitsTheFieldOfView() {
        assertEquals(2, clean.sets());
        float[] second = clean.maps(1);
        for (int i = 0; i < sim.inside.length; i++) {
            if (sim.inside[i]) {
                assertEquals(0f, second[2 * i], "second set kept inside the object at pixel " + i);
            }
        }
    }

    @Test
    void singleCoilMapsAreOneInMagnitude() {
        SyntheticCoils one = new SyntheticCoils(64, 64, 1);
        SensitivityMaps m = Espirit.estimate(one.kspace(0, 3), Masks.equispaced(64, 2, 16),
                EspiritParameters.defaults().withSets(1));
        float[] s = m.maps();
        for (int i = 0; i < one.inside.length; i++) {
            if (one.inside[i]) {
                assertEquals(1, s[2 * i], 1e-5);
                assertEquals(0, s[2 * i + 1], 1e-5);
            }
        }
    }

    @Test
    void rejectsACalibrationRegionSmallerThanTheKernel() {
        KSpace k = sim.kspace(0, 1);
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> Espirit.estimate(k, Masks.equispaced(128, 4, 4)));
        assertTrue(e.getMessage().contains("ACS"), e.getMessage());
    }

    @Test
    void rejectsInvalidParameters() {
        assertThrows(IllegalArgumentException.class, () -> new EspiritParameters(6, 4, 0.001, 0.8, 1));
        assertThrows(IllegalArgumentException.class, () -> EspiritParameters.defaults().withCrop(1.5));
        assertThrows(IllegalArgumentException.class, () -> EspiritParameters.defaults().withSets(0));
    }
}
