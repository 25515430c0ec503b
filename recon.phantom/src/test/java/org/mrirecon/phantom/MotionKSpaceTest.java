package org.mrirecon.phantom;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import org.mrirecon.api.KSpace;
import org.mrirecon.api.SamplingPattern;
import org.mrirecon.data.Dataset;
import org.mrirecon.numerics.mask.Masks;
import org.mrirecon.phantom.internal.Grid;
import org.mrirecon.phantom.internal.KSpaceSimulator;

class MotionKSpaceTest {

    /** Small and fast (fine grid 320 x 352, 8 coils), with the default slice stack. */
    private static PhantomConfig.Builder small() {
        return PhantomConfig.builder().matrix(160, 176).coils(8);
    }

    @Test
    void rateZeroIsBitIdenticalToTheStaticSlice() {
        KneePhantom phantom = new KneePhantom(small().build());
        AcquisitionSchedule schedule = AcquisitionSchedule.of(Masks.equispaced(160, 2, 16), phantom.header());
        PhantomSlice still = phantom.slice(17);
        PhantomSlice moving = phantom.slice(17, new MotionModel(0, 3), schedule);
        assertEquals(still.kspace(), moving.kspace());
        assertArrayEquals(still.reference(), moving.reference());
        assertArrayEquals(still.objectMagnitude(), moving.objectMagnitude());
    }

    @Test
    void motionChangesOnlyTheLinesMeasuredAfterItAndKeepsNoiseReferenceAndTruth() {
        KneePhantom phantom = new KneePhantom(small().build());
        SamplingPattern pattern = Masks.equispaced(160, 2, 16); // 88 lines, 11 shots
        AcquisitionSchedule schedule = AcquisitionSchedule.of(pattern, phantom.header());
        double jerk = 10; // between shot 3 (9 s) and shot 4 (12 s) for slice 0, offset 0
        MotionModel.Pose moved = new MotionModel.Pose(1.3, -0.8, 2.0);
        PhantomSlice still = phantom.slice(0);
        PhantomSlice moving = phantom.slice(0, t -> t < jerk ? MotionModel.Pose.IDENTITY : moved, schedule);
        assertArrayEquals(still.reference(), moving.reference());
        assertArrayEquals(still.objectMagnitude(), moving.objectMagnitude());
        KSpace a = still.kspace();
        KSpace b = moving.kspace();
        for (int ky = 0; ky < 160; ky++) {
            boolean after = pattern.isAcquired(ky) && schedule.shotOf(ky) >= 4;
            for (int c = 0; c < 8; c++) {
                float[] la = line(a, c, ky);
                float[] lb = line(b, c, ky);
                if (after) {
                    assertTrue(Images.relativeDifference(lb, la) > 0.01, "line " + ky + " coil " + c);
                } else {
                    assertArrayEquals(la, lb, "line " + ky + " coil " + c);
                }
            }
        }
    }

    @Test
    void aTranslationByWholeFinePixelsReproducesTheShiftedObjectsSimulation() {
        KneePhantom phantom = new KneePhantom(small().snr(Double.POSITIVE_INFINITY).build());
        Grid fine = phantom.fineGrid(); // 320 x 352, 0.5 x 0.4545 mm
        int dr = 3;
        int dc = -5;
        MotionModel.Pose pose = new MotionModel.Pose(dr * fine.du(), dc * fine.dv(), 0);
        AcquisitionSchedule schedule = AcquisitionSchedule.of(SamplingPattern.fullySampled(160), phantom.header());
        KSpace moving = phantom.slice(17, t -> pose, schedule).kspace();

        // Independently: shift the rendered object by whole pixels (edges continued), simulate it in full.
        KneePhantom.Fine f = phantom.render(17);
        float[] shifted = new float[f.magnitude.length];
        int rows = fine.rows();
        int cols = fine.cols();
        for (int r = 0; r < rows; r++) {
            for (int c = 0; c < cols; c++) {
                int sr = Math.max(0, Math.min(rows - 1, r - dr));
                int sc = Math.max(0, Math.min(cols - 1, c - dc));
                shifted[r * cols + c] = f.magnitude[sr * cols + sc];
            }
        }
        float[][] expected = KSpaceSimulator.acquire(f.objectFrom(shifted), f.fineMaps(), fine, phantom.grid());
        for (int c = 0; c < 8; c++) {
            double diff = Images.relativeDifference(moving.coil(c), expected[c]);
            assertTrue(diff < 1e-4, "coil " + c + ": relative difference " + diff);
        }
        // and the static slice is a different acquisition
        assertTrue(Images.relativeDifference(phantom.slice(17).kspace().coil(0), expected[0]) > 0.05);
    }

    @Test
    void aHigherRateGivesAWorseImage() {
        KneePhantom phantom = new KneePhantom(small().build());
        AcquisitionSchedule full = AcquisitionSchedule.of(SamplingPattern.fullySampled(160), phantom.header());
        double[] rates = {0, 1, 4};
        double[] error = new double[rates.length];
        for (int seed = 1; seed <= 3; seed++) {
            for (int i = 0; i < rates.length; i++) {
                PhantomSlice s = phantom.slice(17, new MotionModel(rates[i], seed), full);
                float[] image = Images.rss(Images.coilImages(s.kspace()));
                error[i] += Images.relativeDifference(image, s.objectMagnitude()) / 3;
            }
        }
        assertTrue(error[0] < error[1] && error[1] < error[2],
                String.format("error against truth at 0, 1, 4 events/min: %.4f %.4f %.4f", error[0], error[1],
                        error[2]));
        assertTrue(error[2] > 1.5 * error[0], "motion at 4/min should dominate the noise: " + error[2] + " vs "
                + error[0]);
    }

    @Test
    void datasetCarriesTheMovingKSpaceAndTheUnmovedReferenceAndTruth() {
        KneePhantom phantom = new KneePhantom(small().build());
        SamplingPattern pattern = Masks.equispaced(160, 4, 10);
        MotionModel motion = new MotionModel(6, 2);
        Dataset d = phantom.dataset("moving", motion, pattern, 4, 2);
        assertEquals(2, d.sliceCount());
        assertEquals(2, d.sliceNumber(1));
        assertTrue(d.isFullySampled() && d.hasReference() && d.hasTruth());
        PhantomSlice still = phantom.slice(2);
        PhantomSlice moving = phantom.slice(2, motion, AcquisitionSchedule.of(pattern, phantom.header()));
        assertEquals(moving.kspace(), d.kspace(1));
        assertArrayEquals(still.reference(), d.reference(1));
        assertArrayEquals(still.objectMagnitude(), d.truth(1));
        assertEquals("6.0", d.attributes().get("motion.eventsPerMinute"));
        assertEquals("2", d.attributes().get("motion.seed"));
        assertEquals(String.valueOf(pattern.acquiredLines() / 8 + (pattern.acquiredLines() % 8 == 0 ? 0 : 1)),
                d.attributes().get("motion.shots"));
        assertThrows(IllegalArgumentException.class,
                () -> phantom.dataset("wrong size", motion, Masks.equispaced(320, 4, 20), 2));
    }

    @Test
    void averagesMeanTheirPoses() {
        KneePhantom phantom = new KneePhantom(small().snr(Double.POSITIVE_INFINITY).build());
        SamplingPattern pattern = Masks.equispaced(160, 4, 10);
        AcquisitionSchedule one = AcquisitionSchedule.of(pattern, phantom.header());
        AcquisitionSchedule two = AcquisitionSchedule.of(pattern, phantom.header().toBuilder().averages(2).build());
        MotionModel.Pose moved = new MotionModel.Pose(2, 0, 0);
        double secondAverage = one.durationSeconds();
        // first average unmoved, second moved: each line is the mean of the static and the moved line
        KSpace mixed = phantom.slice(17, t -> t < secondAverage ? MotionModel.Pose.IDENTITY : moved, two).kspace();
        KSpace still = phantom.slice(17).kspace();
        KSpace shifted = phantom.slice(17, t -> moved, one).kspace();
        for (int ky : new int[] {0, 80, 84}) {
            float[] a = line(still, 0, ky);
            float[] b = line(shifted, 0, ky);
            float[] m = line(mixed, 0, ky);
            for (int j = 0; j < m.length; j++) {
                assertEquals(0.5 * (a[j] + b[j]), m[j], 1e-6 * (1 + Math.abs(a[j])), "line " + ky);
            }
        }
    }

    private static float[] line(KSpace k, int coil, int ky) {
        float[] all = k.coil(coil);
        int n = 2 * k.readouts();
        float[] out = new float[n];
        System.arraycopy(all, ky * n, out, 0, n);
        return out;
    }
}
