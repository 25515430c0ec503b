package org.mrirecon.numerics.metrics;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import org.mrirecon.numerics.Fixtures;

/** Checks against scikit-image / fastMRI evaluate.py values in fixtures.json (see make_fixtures.py). */
class ImageMetricsTest {

    private static final int SLICES = 3;
    private static final int ROWS = 64;
    private static final int COLS = 80;

    private static float[][] volume(String name) {
        float[] flat = Fixtures.floats(name);
        float[][] v = new float[SLICES][ROWS * COLS];
        for (int s = 0; s < SLICES; s++) {
            System.arraycopy(flat, s * ROWS * COLS, v[s], 0, ROWS * COLS);
        }
        return v;
    }

    @Test
    void matchesScikitImageAndFastMriEvaluate() {
        float[][] gt = volume("metrics_gt.f32");
        float[][] pred = volume("metrics_pred.f32");
        assertEquals(Fixtures.number("maxval"), ImageMetrics.max(gt), 1e-7);
        assertEquals(Fixtures.number("nmse"), ImageMetrics.nmse(gt, pred), 1e-7);
        assertEquals(Fixtures.number("psnr"), ImageMetrics.psnr(gt, pred), 1e-3);
        assertEquals(Fixtures.number("ssim"), ImageMetrics.ssim(gt, pred, ROWS, COLS), 1e-4);
    }

    @Test
    void perSliceSsimUsesVolumeMaximum() {
        float[][] gt = volume("metrics_gt.f32");
        float[][] pred = volume("metrics_pred.f32");
        double maxval = ImageMetrics.max(gt);
        double[] expected = Fixtures.numbers("ssim_per_slice");
        for (int s = 0; s < SLICES; s++) {
            assertEquals(expected[s], ImageMetrics.ssim(gt[s], pred[s], ROWS, COLS, maxval), 1e-4, "slice " + s);
        }
    }

    @Test
    void identicalImagesArePerfect() {
        float[][] gt = volume("metrics_gt.f32");
        assertEquals(0, ImageMetrics.nmse(gt, gt), 0);
        assertEquals(1, ImageMetrics.ssim(gt, gt, ROWS, COLS), 1e-12);
        assertTrue(Double.isInfinite(ImageMetrics.psnr(gt, gt)));
    }

    @Test
    void ssimRejectsImagesSmallerThanWindow() {
        assertThrows(IllegalArgumentException.class, () -> ImageMetrics.ssim(new float[36], new float[36], 6, 6, 1));
    }
}
