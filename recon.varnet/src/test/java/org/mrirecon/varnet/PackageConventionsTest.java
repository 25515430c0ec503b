package org.mrirecon.varnet;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import org.mrirecon.api.SamplingPattern;

import com.fasterxml.jackson.jr.ob.JSON;

/** The manifest fields of format version 2 and fastMRI's low-frequency rule. */
class PackageConventionsTest {

    private static boolean[] mask(String lines) {
        boolean[] m = new boolean[lines.length()];
        for (int i = 0; i < m.length; i++) {
            m[i] = lines.charAt(i) == '1';
        }
        return m;
    }

    private static PackageConventions parse(String fields, int version) throws Exception {
        return PackageConventions.parse(JSON.std.mapFrom("{" + fields + "}"), version, "test");
    }

    @Test
    void lowFrequencyBlockIsSymmetricAboutTheCentre() {
        // 16 rows, centre 8: acquired 5..10 -> left 3 (7, 6, 5), right 3 (8, 9, 10) -> 6 rows from (16 - 6 + 1) / 2
        assertArrayEquals(new int[] {5, 11}, PackageConventions.fastMriLowFrequencies(mask("0000011111100000")));
        // a longer run below the centre does not count beyond the shorter side: left 5, right 2 -> 4 rows
        assertArrayEquals(new int[] {6, 10}, PackageConventions.fastMriLowFrequencies(mask("0001111111000100")));
        // odd length 15, centre 7: left 2 (6, 5), right 3 (7, 8, 9) -> 4 rows from (15 - 4 + 1) / 2 = 6
        assertArrayEquals(new int[] {6, 10}, PackageConventions.fastMriLowFrequencies(mask("000001111100000")));
        // centre row missing: right 0 -> a single row
        assertArrayEquals(new int[] {8, 9}, PackageConventions.fastMriLowFrequencies(mask("0000011101000000")));
    }

    @Test
    void runToTheEdgeCountsAsZeroAsFastMriArgminDoes() {
        // every row from the centre on acquired: argmin finds no zero and returns 0 -> width 1
        assertArrayEquals(new int[] {4, 5}, PackageConventions.fastMriLowFrequencies(mask("00011111")));
        assertArrayEquals(new int[] {4, 5}, PackageConventions.fastMriLowFrequencies(mask("11111111")));
    }

    @Test
    void calibrationBlockIsTakenAsGiven() throws Exception {
        boolean[] m = mask("1000111111110001");
        SamplingPattern p = SamplingPattern.of(m, 5, 11);
        assertArrayEquals(new int[] {5, 11}, PackageConventions.DEFAULT.sensitivityRows(p));
        PackageConventions fastmri = parse("\"sensitivityInput\": \"fastmri-low-frequencies\"", 2);
        assertArrayEquals(new int[] {4, 12}, fastmri.sensitivityRows(p));
    }

    @Test
    void defaultsWhenAbsentAndVersion2Values() throws Exception {
        assertEquals(PackageConventions.DEFAULT, parse("", 1));
        assertEquals(PackageConventions.DEFAULT, parse("", 2));
        PackageConventions c = parse("\"unetNormalisation\": \"before-padding\", "
                + "\"sensitivityInput\": \"fastmri-low-frequencies\"", 2);
        assertTrue(c.normalisesBeforePadding());
        assertEquals(PackageConventions.SensitivityInput.FASTMRI_LOW_FREQUENCIES, c.sensitivityInput());
        assertEquals(PackageConventions.Output.RSS, c.output());
        assertEquals(PackageConventions.Output.SENSE, parse("\"output\": \"sense\"", 2).output());
    }

    @Test
    void version1CannotDeclareOtherConventionsAndUnknownValuesAreNamed() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> parse("\"unetNormalisation\": \"before-padding\"", 1));
        assertTrue(e.getMessage().contains("need formatVersion 2"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> parse("\"output\": \"sense\"", 1));
        assertTrue(e.getMessage().contains("output sense") && e.getMessage().contains("need formatVersion 2"),
                e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> parse("\"sensitivityInput\": \"acs\"", 2));
        assertTrue(e.getMessage().contains("sensitivityInput is \"acs\"")
                && e.getMessage().contains("fastmri-low-frequencies"), e.getMessage());
    }

    @Test
    void normalisationStatisticsAreTorchs() {
        // re: 1, 2, 3, 6 -> mean 3, unbiased std sqrt(14 / 3); im: 0, 0, 0, 4 -> mean 1, std sqrt(12 / 3) = 2
        double[] s = UnetStage.meanAndStd(new float[] {1, 0, 2, 0, 3, 0, 6, 4});
        assertArrayEquals(new double[] {3, Math.sqrt(14.0 / 3), 1, 2}, s, 1e-12);
    }
}
