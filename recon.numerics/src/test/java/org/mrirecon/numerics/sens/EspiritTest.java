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
        float[][] s = clean.maps();
        int kept = 0;
        for (int i = 0; i < s[0].length / 2; i++) {
            double sum = 0;
            for (float[] m : s) {
                sum += m[2 * i] * m[2 * i] + m[2 * i + 1] * m[2 * i + 1];
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
        float[][] s = clean.maps();
        double[] u = clean.phaseReference();
        float[] eig = clean.eigenvalues();
        for (int i = 0; i < sim.inside.length; i++) {
            if (!sim.inside[i]) {
                continue;
            }
            assertTrue(eig[i] > 0.8, "eigenvalue " + eig[i] + " inside the object");
            double zr = 0;
            double zi = 0;
            for (int c = 0; c < s.length; c++) {
                zr += u[2 * c] * s[c][2 * i] + u[2 * c + 1] * s[c][2 * i + 1];
                zi += u[2 * c] * s[c][2 * i + 1] - u[2 * c + 1] * s[c][2 * i];
            }
            assertTrue(zr > 0 && Math.abs(zi) < 1e-4 * zr, "virtual-coil projection " + zr + " + " + zi + "i");
        }
    }

    @Test
    void needsNoSecondSetWhenTheObjectFitsTheFieldOfView() {
        assertEquals(2, clean.sets());
        float[][] second = clean.maps(1);
        for (int i = 0; i < sim.inside.length; i++) {
            if (sim.inside[i]) {
                assertEquals(0f, second[0][2 * i], "second set kept inside the object at pixel " + i);
            }
        }
    }

    @Test
    void singleCoilMapsAreOneInMagnitude() {
        SyntheticCoils one = new SyntheticCoils(64, 64, 1);
        SensitivityMaps m = Espirit.estimate(one.kspace(0, 3), Masks.equispaced(64, 2, 16),
                EspiritParameters.defaults().withSets(1));
        float[] s = m.maps()[0];
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
