package org.mrirecon.evaluation;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;

import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

/** Foreground masks and region metrics against scipy.ndimage and scikit-image (fixtures/make_scoring_fixture.py). */
class ScoringTest {

    private static final int ROWS = 48;
    private static final int COLS = 40;

    private static float[][] volume(String name) throws IOException {
        try (InputStream in = ScoringTest.class.getResourceAsStream("/fixtures/scoring_" + name + ".f32")) {
            ByteBuffer b = ByteBuffer.wrap(in.readAllBytes()).order(ByteOrder.LITTLE_ENDIAN);
            float[][] v = new float[2][ROWS * COLS];
            for (float[] s : v) {
                b.asFloatBuffer().get(s);
                b.position(b.position() + 4 * s.length);
            }
            return v;
        }
    }

    private static boolean[][] mask(String name) throws IOException {
        float[][] f = volume(name);
        boolean[][] m = new boolean[f.length][f[0].length];
        for (int s = 0; s < f.length; s++) {
            for (int i = 0; i < f[s].length; i++) {
                m[s][i] = f[s][i] != 0;
            }
        }
        return m;
    }

    @Test
    void foregroundMasksMatchScipy() throws IOException {
        float[][] truth = volume("truth");
        float[][] reference = volume("reference");
        boolean[][] fromTruth = Foreground.masks(truth, ROWS, COLS, false);
        boolean[][] fromReference = Foreground.masks(reference, ROWS, COLS, true);
        boolean[][] expectedTruth = mask("mask_truth");
        boolean[][] expectedReference = mask("mask_reference");
        for (int s = 0; s < 2; s++) {
            for (int i = 0; i < ROWS * COLS; i++) {
                assertEquals(expectedTruth[s][i], fromTruth[s][i], "truth mask, slice " + s + " pixel " + i);
                assertEquals(expectedReference[s][i], fromReference[s][i], "reference mask, slice " + s + " pixel "
                        + i);
            }
        }
    }

    @Test
    void regionMetricsMatchScikitImage() throws IOException {
        JsonNode root;
        try (InputStream in = getClass().getResourceAsStream("/fixtures/scoring.json")) {
            root = new ObjectMapper().readTree(in);
        }
        float[][] prediction = volume("prediction");
        for (JsonNode c : root.get("cases")) {
            String y = c.get("yardstick").asText();
            float[][] yard = volume(y);
            boolean[][] region = mask("mask_" + y);
            double range = c.get("range").asDouble();
            for (int s = 0; s < 2; s++) {
                JsonNode e = c.get("per_slice").get(s);
                assertEquals(e.get("nmse").asDouble(), Metrics.NMSE.slice(yard[s], prediction[s], region[s], ROWS,
                        COLS, range), 1e-7, y + " NMSE slice " + s);
                assertEquals(e.get("psnr").asDouble(), Metrics.PSNR.slice(yard[s], prediction[s], region[s], ROWS,
                        COLS, range), 1e-4, y + " PSNR slice " + s);
                assertEquals(e.get("ssim").asDouble(), Metrics.SSIM.slice(yard[s], prediction[s], region[s], ROWS,
                        COLS, range), 1e-5, y + " SSIM slice " + s);
                assertEquals(e.get("ssim_whole").asDouble(), Metrics.SSIM.slice(yard[s], prediction[s], null, ROWS,
                        COLS, range), 1e-5, y + " whole-image SSIM slice " + s);
            }
            JsonNode v = c.get("volume");
            assertEquals(v.get("nmse").asDouble(), Metrics.NMSE.volume(yard, prediction, region, ROWS, COLS, range),
                    1e-7);
            assertEquals(v.get("psnr").asDouble(), Metrics.PSNR.volume(yard, prediction, region, ROWS, COLS, range),
                    1e-4);
            assertEquals(v.get("ssim").asDouble(), Metrics.SSIM.volume(yard, prediction, region, ROWS, COLS, range),
                    1e-5);
        }
    }

    @Test
    void exactImageHasInfinitePsnrAndUndefinedNmseOfZeroYardstickIsNaN() {
        float[] y = {1, 2, 3, 4};
        assertEquals(Double.POSITIVE_INFINITY, Metrics.PSNR.slice(y, y.clone(), null, 2, 2, 4));
        assertEquals(0.0, Metrics.NMSE.slice(y, y.clone(), null, 2, 2, 4));
        assertEquals(Double.NaN, Metrics.NMSE.slice(new float[4], y, null, 2, 2, 4));
    }
}
