package org.mrirecon.data;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import org.mrirecon.api.KSpace;
import org.mrirecon.api.SamplingPattern;

class DatasetTest {

    private static KSpace kspace(int coils, int rows, int cols, float value) {
        float[] d = new float[2 * coils * rows * cols];
        java.util.Arrays.fill(d, value);
        return KSpace.wrap(coils, rows, cols, d);
    }

    private static float[] image(int n, float value) {
        float[] d = new float[n];
        java.util.Arrays.fill(d, value);
        return d;
    }

    @Test
    void scanTimeFollowsLinesEchoTrainAndAverages() {
        ScanHeader h = ScanHeader.builder().repetitionTimeMs(3000).echoTrainLength(8).averages(2).build();
        // 176 lines / ETL 8 = 22 shots x 3 s x 2 averages
        assertEquals(132.0, h.scanTimeSeconds(176), 1e-9);
        assertEquals(3.0 * 2 * 12, h.scanTimeSeconds(95), 1e-9, "partial echo train counts as a shot");
    }

    @Test
    void headerRejectsNonsense() {
        assertThrows(IllegalArgumentException.class, () -> ScanHeader.builder().echoTrainLength(0).build());
        assertThrows(IllegalArgumentException.class, () -> ScanHeader.builder().fieldOfViewMm(0, 10).build());
    }

    @Test
    void selectionKeepsSliceNumbersReferencesAndTruth() {
        Dataset.Builder b = Dataset.builder("test", "synthetic", ScanHeader.defaults()).referenceSize(2, 2)
                .fullySampled(true).note("a note");
        for (int i = 0; i < 4; i++) {
            b.slice(kspace(2, 4, 4, i), SamplingPattern.fullySampled(4), 10 + i).reference(image(4, i))
                    .truth(image(4, 100 + i));
        }
        Dataset d = b.build();
        Dataset sub = d.select(3, 1);
        assertEquals(2, sub.sliceCount());
        assertEquals(13, sub.sliceNumber(0));
        assertEquals(11, sub.sliceNumber(1));
        assertEquals(3f, sub.reference(0)[0]);
        assertEquals(101f, sub.truth(1)[0]);
        assertEquals(3f, sub.kspace(0).re(0, 0, 0));
        assertTrue(sub.isFullySampled() && sub.hasTruth());
        assertEquals(d.notes(), sub.notes());
        assertThrows(IllegalArgumentException.class, () -> d.select(4));
        Dataset plain = d.withoutTruth();
        assertFalse(plain.hasTruth());
        assertEquals(2f, plain.reference(2)[0]);
        assertEquals(12, plain.sliceNumber(2));
    }

    @Test
    void cropToReferenceTakesTheCentreAsFastMri() {
        Dataset d = Dataset.builder("t", "synthetic", ScanHeader.defaults()).referenceSize(2, 3)
                .slice(kspace(1, 5, 4, 1), SamplingPattern.fullySampled(5)).build();
        float[] img = new float[20];
        for (int i = 0; i < 20; i++) {
            img[i] = i;
        }
        // rows 1..2 ((5-2)/2 = 1), cols 0..2 ((4-3)/2 = 0)
        assertArrayEquals(new float[] {4, 5, 6, 8, 9, 10}, d.cropToReference(img));
        assertFalse(d.hasReference());
        assertNull(d.reference(0));
        assertNull(d.truth(0));
    }

    @Test
    void buildRejectsDisagreeingParts() {
        Dataset.Builder mixed = Dataset.builder("t", "synthetic", ScanHeader.defaults())
                .slice(kspace(2, 4, 4, 0), SamplingPattern.fullySampled(4))
                .slice(kspace(3, 4, 4, 0), SamplingPattern.fullySampled(4));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, mixed::build);
        assertTrue(e.getMessage().contains("coils"), e.getMessage());
        Dataset.Builder wrongTruth = Dataset.builder("t", "synthetic", ScanHeader.defaults())
                .slice(kspace(1, 4, 4, 0), SamplingPattern.fullySampled(4)).truth(new float[3]);
        e = assertThrows(IllegalArgumentException.class, wrongTruth::build);
        assertTrue(e.getMessage().contains("truth"), e.getMessage());
    }
}
