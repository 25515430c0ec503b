package org.mrirecon.numerics.coil;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;
import org.mrirecon.api.KSpace;
import org.mrirecon.api.SamplingPattern;
import org.mrirecon.numerics.TestData;
import org.mrirecon.numerics.mask.Masks;
import org.mrirecon.numerics.op.CenteredFft;
import org.mrirecon.numerics.op.Sense;
import org.mrirecon.numerics.op.Sensitivity;
import org.mrirecon.numerics.op.Shape;

class DataConsistencyTest {

    private static final int COILS = 3;
    private static final int ROWS = 24;
    private static final int COLS = 16;

    @Test
    void exactImagesAndMapsGiveTheRssOfTheTrueCoilImages() {
        // coil images S x of two sets; k-space fully consistent with them: the output is their RSS, whatever the mask
        Sensitivity s = new Sensitivity(TestData.twoSets(COILS, ROWS, COLS), Shape.of(2, COILS, ROWS, COLS));
        float[] x = TestData.random(s.domain().floats(), 3);
        float[] coils = s.apply(x);
        float[] expected = CoilCombine.rss(coils, COILS);
        float[] k = coils.clone();
        new CenteredFft(s.range(), -2, -1).forward(k);
        SamplingPattern p = Masks.equispaced(ROWS, 3, 4);
        float[] got = DataConsistency.rss(KSpace.of(COILS, ROWS, COLS, k), new Sense(s, p), x);
        for (int i = 0; i < ROWS * COLS; i++) {
            assertEquals(expected[i], got[i], 1e-4f);
        }
    }

    @Test
    void acquiredLinesOverrideTheImage() {
        // a zero image with fully sampled data returns the RSS of the data itself
        float[] k = new float[2 * 2 * ROWS * COLS];
        k[2 * (5 * COLS + 3)] = 2;
        k[2 * ((ROWS + 7) * COLS + 1) + 1] = 1;
        KSpace measured = KSpace.of(2, ROWS, COLS, k);
        Sense sense = new Sense(Sensitivity.ofCoils(new float[k.length], 2, ROWS, COLS),
                SamplingPattern.fullySampled(ROWS));
        float[] got = DataConsistency.rss(measured, sense, new float[2 * ROWS * COLS]);
        float[] expected = CoilImages.rss(measured);
        for (int i = 0; i < ROWS * COLS; i++) {
            assertEquals(expected[i], got[i], 1e-6f);
        }
    }
}
