package org.mrirecon.numerics.coil;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.SplittableRandom;

import org.junit.jupiter.api.Test;
import org.mrirecon.api.KSpace;
import org.mrirecon.api.SamplingPattern;
import org.mrirecon.numerics.fft.Fft2c;
import org.mrirecon.numerics.mask.Masks;

class DataConsistencyTest {

    private static final int ROWS = 24;
    private static final int COLS = 16;

    @Test
    void exactImageAndMapsGiveTheRssOfTheTrueCoilImages() {
        // coil images S_c x; k-space fully consistent with them: the output must be their RSS, whatever the mask
        SplittableRandom r = new SplittableRandom(3);
        int n = ROWS * COLS;
        float[] x = new float[2 * n];
        for (int i = 0; i < 2 * n; i++) {
            x[i] = (float) r.nextDouble();
        }
        float[][] maps = new float[3][2 * n];
        float[][] coils = new float[3][2 * n];
        for (int c = 0; c < 3; c++) {
            for (int i = 0; i < n; i++) {
                maps[c][2 * i] = (float) r.nextDouble();
                maps[c][2 * i + 1] = (float) (r.nextDouble() - 0.5);
                coils[c][2 * i] = maps[c][2 * i] * x[2 * i] - maps[c][2 * i + 1] * x[2 * i + 1];
                coils[c][2 * i + 1] = maps[c][2 * i] * x[2 * i + 1] + maps[c][2 * i + 1] * x[2 * i];
            }
        }
        float[] expected = CoilCombine.rss(coils);
        float[][] k = new float[3][];
        for (int c = 0; c < 3; c++) {
            k[c] = coils[c].clone();
        }
        Fft2c.forward(k, ROWS, COLS);
        SamplingPattern p = Masks.equispaced(ROWS, 3, 4);
        float[] got = DataConsistency.rss(KSpace.ofCoils(ROWS, COLS, k), p, maps, x);
        for (int i = 0; i < n; i++) {
            assertEquals(expected[i], got[i], 1e-4f);
        }
    }

    @Test
    void acquiredLinesOverrideTheImage() {
        // a zero image with fully sampled data returns the RSS of the data itself
        float[][] k = new float[2][2 * ROWS * COLS];
        k[0][2 * (5 * COLS + 3)] = 2;
        k[1][2 * (7 * COLS + 1) + 1] = 1;
        float[][] maps = new float[2][2 * ROWS * COLS];
        float[] got = DataConsistency.rss(KSpace.ofCoils(ROWS, COLS, k), SamplingPattern.fullySampled(ROWS), maps,
                new float[2 * ROWS * COLS]);
        float[][] coils = {k[0].clone(), k[1].clone()};
        Fft2c.inverse(coils, ROWS, COLS);
        float[] expected = CoilCombine.rss(coils);
        for (int i = 0; i < ROWS * COLS; i++) {
            assertEquals(expected[i], got[i], 1e-6f);
        }
    }
}
