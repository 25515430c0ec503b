package org.mrirecon.phantom;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import java.util.HashSet;
import java.util.Set;

import org.junit.jupiter.api.Test;
import org.mrirecon.api.SamplingPattern;
import org.mrirecon.data.ScanHeader;
import org.mrirecon.numerics.mask.Masks;

class AcquisitionScheduleTest {

    private static final ScanHeader PD = new KneePhantom(PhantomConfig.builder().matrix(320, 320).build()).header();

    @Test
    void seedStudyProtocolsTakeTheirScanTimes() {
        assertEquals(3000, PD.repetitionTimeMs());
        assertEquals(8, PD.echoTrainLength());
        AcquisitionSchedule twoX = AcquisitionSchedule.of(Masks.equispaced(320, 2, 32), PD);
        assertEquals(176, twoX.pattern().acquiredLines());
        assertEquals(22, twoX.shots());
        assertEquals(66, twoX.durationSeconds(), 1e-9);
        assertEquals(PD.scanTimeSeconds(176), twoX.durationSeconds(), 1e-9);
        AcquisitionSchedule fourX = AcquisitionSchedule.of(Masks.equispaced(320, 4, 20), PD);
        assertEquals(95, fourX.pattern().acquiredLines()); // 80 lines at 4x plus the 15 more of the ACS block
        assertEquals(12, fourX.shots());
        assertEquals(36, fourX.durationSeconds(), 1e-9);
        for (int s = 0; s < 22; s++) {
            assertEquals(3.0 * s, twoX.shotTimeSeconds(s), 1e-12);
        }
        AcquisitionSchedule full = AcquisitionSchedule.of(SamplingPattern.fullySampled(320), PD);
        assertEquals(40, full.shots());
        assertEquals(120, full.durationSeconds(), 1e-9);
    }

    @Test
    void shotsTakeInterleavedSegmentsOfTheAcquiredLines() {
        SamplingPattern p = Masks.equispaced(320, 2, 32);
        AcquisitionSchedule s = AcquisitionSchedule.of(p, PD);
        int[] acquired = java.util.stream.IntStream.range(0, 320).filter(p::isAcquired).toArray();
        Set<Integer> seen = new HashSet<>();
        for (int shot = 0; shot < 22; shot++) {
            int[] lines = s.shotLines(shot);
            assertEquals(8, lines.length);
            for (int e = 0; e < 8; e++) {
                assertEquals(acquired[shot + 22 * e], lines[e], "shot " + shot + " echo " + e);
                assertEquals(shot, s.shotOf(lines[e]));
                assertTrue(seen.add(lines[e]));
            }
        }
        assertEquals(176, seen.size());
        assertEquals(-1, s.shotOf(1), "line 1 is skipped by 2x");
        // every echo train runs through k-space from top to bottom
        assertEquals(0, s.shotLines(0)[0]);
        assertEquals(276, s.shotLines(0)[7]);
        assertEquals(42, s.shotLines(21)[0]);
        assertEquals(318, s.shotLines(21)[7]);
        double[] times = s.lineTimesSeconds(0, 35);
        for (int ky = 0; ky < 320; ky++) {
            if (p.isAcquired(ky)) {
                assertEquals(3.0 * s.shotOf(ky), times[ky], 1e-12);
            } else {
                assertTrue(Double.isNaN(times[ky]));
            }
        }
    }

    @Test
    void lastShotsMayBeOneEchoShort() {
        boolean[] mask = new boolean[200];
        Arrays.fill(mask, 0, 95, true);
        AcquisitionSchedule s = AcquisitionSchedule.of(SamplingPattern.of(mask, 0, 0), PD);
        assertEquals(12, s.shots());
        assertEquals(36, s.durationSeconds(), 1e-9);
        assertEquals(PD.scanTimeSeconds(95), s.durationSeconds(), 1e-9);
        int total = 0;
        for (int shot = 0; shot < 12; shot++) {
            total += s.shotLines(shot).length;
            assertEquals(shot < 11 ? 8 : 7, s.shotLines(shot).length, "shot " + shot);
        }
        assertEquals(95, total);
    }

    @Test
    void averagesRepeatTheShotsAndLongerTrainsShortenTheScan() {
        ScanHeader twoAverages = PD.toBuilder().averages(2).build();
        AcquisitionSchedule s = AcquisitionSchedule.of(Masks.equispaced(320, 2, 32), twoAverages);
        assertEquals(22, s.shotsPerAverage());
        assertEquals(44, s.shots());
        assertEquals(132, s.durationSeconds(), 1e-9);
        assertArrayEquals(s.shotLines(3), s.shotLines(25));
        assertEquals(25 * 3.0, s.shotTimeSeconds(25), 1e-12);
        assertThrows(IndexOutOfBoundsException.class, () -> s.shotTimeSeconds(44));

        ScanHeader t2 = new KneePhantom(PhantomConfig.builder().contrast(Contrast.T2_FS).build()).header();
        AcquisitionSchedule t2s = AcquisitionSchedule.of(Masks.equispaced(320, 2, 32), t2);
        assertEquals(15, t2s.shots()); // 176 / 12
        assertEquals(60, t2s.durationSeconds(), 1e-9);
    }

    @Test
    void slicesAreInterleavedWithinEachRepetition() {
        AcquisitionSchedule s = AcquisitionSchedule.of(Masks.equispaced(320, 4, 20), PD);
        assertEquals(0, s.sliceOffsetSeconds(0, 35), 1e-12);
        assertEquals(3.0 / 35, s.sliceOffsetSeconds(2, 35), 1e-12);
        assertEquals(3.0 * 18 / 35, s.sliceOffsetSeconds(1, 35), 1e-12);
        assertEquals(3.0 * 34 / 35, s.sliceOffsetSeconds(33, 35), 1e-12);
        Set<Double> offsets = new HashSet<>();
        for (int i = 0; i < 35; i++) {
            double o = s.sliceOffsetSeconds(i, 35);
            assertTrue(o >= 0 && o < 3);
            offsets.add(o);
        }
        assertEquals(35, offsets.size());
        assertEquals(3.0 * 5 + 3.0 * 18 / 35, s.lineTimesSeconds(1, 35)[s.shotLines(5)[2]], 1e-12);
    }

    @Test
    void aLongerProtocolMeetsMoreMotion() {
        MotionModel motion = new MotionModel(2, 42);
        AcquisitionSchedule twoX = AcquisitionSchedule.of(Masks.equispaced(320, 2, 32), PD);
        AcquisitionSchedule fourX = AcquisitionSchedule.of(Masks.equispaced(320, 4, 20), PD);
        double[] during2x = motion.eventTimes(twoX.durationSeconds());
        double[] during4x = motion.eventTimes(fourX.durationSeconds());
        assertTrue(during2x.length >= during4x.length);
        assertArrayEquals(during4x, Arrays.copyOf(during2x, during4x.length));
    }
}
