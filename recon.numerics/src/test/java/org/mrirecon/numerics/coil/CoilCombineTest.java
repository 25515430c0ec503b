package org.mrirecon.numerics.coil;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.Test;

class CoilCombineTest {

    @Test
    void rssOfKnownValues() {
        float[] coils = {3, 0, 0, 1, 0, 4, 0, 0}; // pixel 0: |3|,|4i| -> 5; pixel 1: |i|,0 -> 1
        float[] rss = CoilCombine.rss(coils, 2);
        assertEquals(5f, rss[0], 1e-6f);
        assertEquals(1f, rss[1], 1e-6f);
    }

    @Test
    void setsCombineToTheRssMagnitudeWithThePhaseOfTheFirstNonZeroSet() {
        // pixel 0: 3i and 4 -> 5i; pixel 1: 0 and -2 -> -2
        float[] stack = {0, 3, 0, 0, 4, 0, -2, 0};
        assertArrayEquals(new float[] {0, 5, -2, 0}, CoilCombine.sets(stack, 2), 1e-6f);
        assertArrayEquals(new float[] {0, 3, 0, 0}, CoilCombine.sets(new float[] {0, 3, 0, 0}, 1));
    }

    @Test
    void sensitivityWeightedRecoversObjectFromNoiseFreeCoilImages() {
        // x = 2 - i; S1 = 0.6 + 0.3i, S2 = -0.2 + 0.5i: coil images S_c x, combination must give x back.
        float xr = 2;
        float xi = -1;
        float[] maps = {0.6f, 0.3f, -0.2f, 0.5f};
        float[] coils = new float[4];
        for (int c = 0; c < 2; c++) {
            coils[2 * c] = maps[2 * c] * xr - maps[2 * c + 1] * xi;
            coils[2 * c + 1] = maps[2 * c] * xi + maps[2 * c + 1] * xr;
        }
        float[] x = CoilCombine.sensitivityWeighted(coils, maps, 2);
        assertEquals(xr, x[0], 1e-6f);
        assertEquals(xi, x[1], 1e-6f);
    }

    @Test
    void sensitivityWeightedIsZeroWhereMapsVanish() {
        float[] x = CoilCombine.sensitivityWeighted(new float[] {1, 1}, new float[] {0, 0}, 1);
        assertEquals(0f, x[0]);
        assertEquals(0f, x[1]);
    }

    @Test
    void mismatchedShapesAreRejected() {
        assertThrows(IllegalArgumentException.class, () -> CoilCombine.rss(new float[] {1, 0, 1, 0, 0, 0}, 2));
        assertThrows(IllegalArgumentException.class,
                () -> CoilCombine.sensitivityWeighted(new float[] {1, 0}, new float[] {1, 0, 1, 0}, 1));
    }
}
