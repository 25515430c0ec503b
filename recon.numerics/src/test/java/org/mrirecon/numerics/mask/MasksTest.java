package org.mrirecon.numerics.mask;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import org.mrirecon.api.SamplingPattern;

class MasksTest {

    @Test
    void seedProtocolGrappa2xWith32Acs() {
        SamplingPattern p = Masks.equispaced(320, 2, 32);
        assertEquals(32, p.calibrationLines());
        assertEquals(144, p.calibrationStart());
        assertEquals(176, p.calibrationEnd());
        // 160 lines on the even grid, plus the 16 odd ACS lines
        assertEquals(176, p.acquiredLines());
        assertEquals(320.0 / 176, p.effectiveAcceleration(), 1e-12);
        assertTrue(p.isAcquired(160) && p.isAcquired(0) && !p.isAcquired(1));
    }

    @Test
    void seedProtocolVarNet4xWith20Acs() {
        SamplingPattern p = Masks.equispaced(320, 4, 20);
        assertEquals(20, p.calibrationLines());
        // 80 grid lines, 5 of them inside the ACS block, plus 20 ACS lines
        assertEquals(95, p.acquiredLines());
        for (int ky = 0; ky < 320; ky++) {
            boolean expected = (ky - 160) % 4 == 0 || (ky >= 150 && ky < 170);
            assertEquals(expected, p.isAcquired(ky), "line " + ky);
        }
    }

    @Test
    void randomMaskIsSeededAndHitsTargetOnAverage() {
        SamplingPattern a = Masks.random(368, 4, 30, 1);
        SamplingPattern b = Masks.random(368, 4, 30, 1);
        SamplingPattern c = Masks.random(368, 4, 30, 2);
        assertEquals(a, b);
        assertNotEquals(a, c);
        double mean = 0;
        for (long seed = 0; seed < 200; seed++) {
            mean += Masks.random(368, 4, 30, seed).acquiredLines();
        }
        mean /= 200;
        assertEquals(368 / 4.0, mean, 2.0, "expected line count");
        assertEquals(30, a.calibrationLines());
    }

    @Test
    void badArgumentsAreRejected() {
        assertThrows(IllegalArgumentException.class, () -> Masks.equispaced(320, 0, 20));
        assertThrows(IllegalArgumentException.class, () -> Masks.equispaced(320, 2, 400));
        assertThrows(IllegalArgumentException.class, () -> Masks.random(100, 8, 30, 0));
    }
}
