package org.mrirecon.io.ismrmrd;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;
import org.mrirecon.api.SamplingPattern;

/** The calibration block that the file readers and the MRD server both find among the acquired lines. */
class CalibrationBlockTest {

    private static boolean[] lines(String marks) {
        boolean[] b = new boolean[marks.length()];
        for (int i = 0; i < b.length; i++) {
            b[i] = marks.charAt(i) == 'x';
        }
        return b;
    }

    private static void assertBlock(int start, int end, SamplingPattern p) {
        assertEquals(start, p.calibrationStart(), "start");
        assertEquals(end, p.calibrationEnd(), "end");
    }

    @Test
    void flaggedLinesGiveTheLongestRunAndTheCentreWinsATie() {
        //                      centre line 8 of 16
        boolean[] acquired = lines("x.x.xxx.xxx.x.x.");
        assertBlock(4, 7, CalibrationBlock.fromFlags(acquired, lines("....xxx.........")));
        assertBlock(8, 11, CalibrationBlock.fromFlags(acquired, lines("....xxx.xxx.....")));
        assertBlock(0, 0, CalibrationBlock.fromFlags(acquired, lines("................")));
    }

    @Test
    void withoutFlagsTheRunAboutTheCentreAndNotASingleLine() {
        assertBlock(6, 11, CalibrationBlock.aroundCentre(lines("x.x...xxxxx...x.")));
        assertBlock(0, 0, CalibrationBlock.aroundCentre(lines("x...x...x...x...")));
        assertBlock(0, 0, CalibrationBlock.aroundCentre(lines("xx.xx.xx.xx.xx.x")));
    }
}
