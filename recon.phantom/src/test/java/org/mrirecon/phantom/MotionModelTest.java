package org.mrirecon.phantom;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class MotionModelTest {

    @Test
    void rateZeroNeverMoves() {
        MotionModel still = new MotionModel(0, 7);
        assertTrue(still.isStatic());
        for (double t : new double[] {0, 1, 60, 3600, 1e6}) {
            assertTrue(still.pose(t).isIdentity(), "t = " + t);
        }
        assertEquals(0, still.eventTimes(1e6).length);
        assertTrue(MotionModel.none().pose(600).isIdentity());
    }

    @Test
    void poseStartsAtIdentityAndIsDeterministicInSeedAndTime() {
        MotionModel a = new MotionModel(2, 11);
        assertTrue(a.pose(0).isIdentity());
        MotionModel b = new MotionModel(2, 11);
        for (double t : new double[] {0.5, 17, 66, 300, 17}) {
            assertEquals(a.pose(t), b.pose(t), "t = " + t);
        }
        assertArrayEquals(a.eventTimes(600), b.eventTimes(600));
        assertEquals(a, b);
        assertNotEquals(a.pose(300), new MotionModel(2, 12).pose(300));
        assertTrue(!a.pose(1).isIdentity(), "the drift moves the knee from the first instant");
    }

    @Test
    void eventCountIsPoissonWithTheRate() {
        // 3 events per minute over 2000 minutes: 6000 expected, standard deviation 77
        double[] times = new MotionModel(3, 5).eventTimes(2000 * 60.0);
        assertEquals(6000, times.length, 4 * Math.sqrt(6000));
        for (int i = 1; i < times.length; i++) {
            assertTrue(times[i] > times[i - 1]);
        }
        // and across seeds over a 10-minute scan at 1/min: mean 10
        double sum = 0;
        int seeds = 400;
        for (int s = 0; s < seeds; s++) {
            sum += new MotionModel(1, s).eventTimes(600).length;
        }
        assertEquals(10, sum / seeds, 4 * Math.sqrt(10.0 / seeds));
    }

    @Test
    void jerksHaveTheStatedSizes() {
        int seeds = 3000;
        double su = 0;
        double sv = 0;
        double sr = 0;
        for (int s = 0; s < seeds; s++) {
            MotionModel m = new MotionModel(1, s);
            double t = m.eventTimes(1e5)[0];
            MotionModel.Pose before = m.pose(t * (1 - 1e-9));
            MotionModel.Pose after = m.pose(t);
            su += sq(after.phaseMm() - before.phaseMm());
            sv += sq(after.readoutMm() - before.readoutMm());
            sr += sq(after.rotationDeg() - before.rotationDeg());
        }
        // the standard deviation of a sample of 3000 normals is within 2.6% (2 sigma); clipping at 10 mm / 10 deg
        // cuts a first step practically never
        assertEquals(MotionModel.JERK_TRANSLATION_SD_MM, Math.sqrt(su / seeds), 0.05 * 1.5);
        assertEquals(MotionModel.JERK_TRANSLATION_SD_MM, Math.sqrt(sv / seeds), 0.05 * 1.5);
        assertEquals(MotionModel.JERK_ROTATION_SD_DEG, Math.sqrt(sr / seeds), 0.05 * 2);
    }

    @Test
    void driftIsLinearBetweenJerksAndScalesWithTheRate() {
        int seeds = 2000;
        double sum = 0;
        for (int s = 0; s < seeds; s++) {
            MotionModel m = new MotionModel(1, s);
            double first = m.eventTimes(1e5)[0];
            double t = Math.min(first, 600) / 2; // before the first jerk: drift only
            MotionModel.Pose p = m.pose(t);
            MotionModel.Pose q = m.pose(2 * t * 0.999);
            assertEquals(p.phaseMm() * 1.998, q.phaseMm(), 1e-9);
            sum += sq(p.readoutMm() / (t / 60)); // speed in mm/min at 1 event/min
        }
        assertEquals(MotionModel.DRIFT_TRANSLATION_SD_MM_PER_MIN, Math.sqrt(sum / seeds), 0.06 * 0.5);
        // Common random numbers: the same seed at twice the rate is the same motion in half the time.
        MotionModel slow = new MotionModel(1.5, 9);
        MotionModel fast = new MotionModel(3, 9);
        for (double t : new double[] {10, 45, 130, 500}) {
            MotionModel.Pose a = slow.pose(t);
            MotionModel.Pose b = fast.pose(t / 2);
            assertEquals(a.phaseMm(), b.phaseMm(), 1e-9);
            assertEquals(a.readoutMm(), b.readoutMm(), 1e-9);
            assertEquals(a.rotationDeg(), b.rotationDeg(), 1e-9);
        }
    }

    @Test
    void poseStaysWithinTheCoil() {
        MotionModel wild = new MotionModel(300, 3);
        for (int t = 0; t <= 3600; t += 7) {
            MotionModel.Pose p = wild.pose(t);
            assertTrue(Math.abs(p.phaseMm()) <= MotionModel.MAX_TRANSLATION_MM);
            assertTrue(Math.abs(p.readoutMm()) <= MotionModel.MAX_TRANSLATION_MM);
            assertTrue(Math.abs(p.rotationDeg()) <= MotionModel.MAX_ROTATION_DEG);
        }
    }

    @Test
    void rejectsInvalidRatesAndTimes() {
        assertThrows(IllegalArgumentException.class, () -> new MotionModel(-1, 0));
        assertThrows(IllegalArgumentException.class, () -> new MotionModel(Double.NaN, 0));
        assertThrows(IllegalArgumentException.class, () -> new MotionModel(Double.POSITIVE_INFINITY, 0));
        assertThrows(IllegalArgumentException.class, () -> new MotionModel(1, 0).pose(-1));
        assertThrows(IllegalArgumentException.class, () -> new MotionModel(1, 0).pose(Double.NaN));
    }

    private static double sq(double x) {
        return x * x;
    }
}
