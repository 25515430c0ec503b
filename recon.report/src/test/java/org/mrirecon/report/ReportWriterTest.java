package org.mrirecon.report;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

class ReportWriterTest {

    private static final int ROWS = 24;
    private static final int COLS = 20;
    private static final int SLICES = 3;

    @BeforeAll
    static void headless() {
        System.setProperty("java.awt.headless", "true");
    }

    private static MethodResult result(String id, int r, int acs, double ssimBase, double scanTime) {
        List<float[]> images = new ArrayList<>();
        for (int s = 0; s < SLICES; s++) {
            float[] img = new float[ROWS * COLS];
            for (int i = 0; i < img.length; i++) {
                img[i] = (i % COLS) / (float) COLS + 0.01f * r;
            }
            images.add(img);
        }
        double[] ssim = {ssimBase, ssimBase + 0.01, ssimBase - 0.005};
        double[] psnr = {30, 31, 29.5};
        double[] nmse = {0.01, 0.012, 0.009};
        return new MethodResult(id, id.toUpperCase(), "1.0.0", r, acs, r * 0.9, scanTime, images, 0.01, 30, ssimBase,
                nmse, psnr, ssim, 0.3);
    }

    private static Comparison comparison() {
        float[][] ref = new float[SLICES][ROWS * COLS];
        for (float[] s : ref) {
            for (int i = 0; i < s.length; i++) {
                s[i] = (i % COLS) / (float) COLS;
            }
        }
        List<MethodResult> results = List.of(result("zero-filled", 4, 20, 0.7, 36), result("grappa", 2, 32, 0.9, 66),
                result("cs", 4, 20, 0.88, 36));
        return new Comparison("test data", ROWS, COLS, ref, results, null);
    }

    @Test
    void grappaAtTwoIsTheDefaultReferenceAndSavingIsRelativeToIt() {
        Comparison c = comparison();
        assertEquals("grappa@2:32", c.referenceMethod().label());
        assertEquals(1 - 36.0 / 66, c.scanTimeSaving(c.results().get(2)), 1e-12);
        assertTrue(c.statistics(c.referenceMethod()).isEmpty());
        assertEquals(-0.02, c.statistics(c.results().get(2)).get("SSIM").meanDifference(), 1e-12);
    }

    @Test
    void unknownReferenceIsAClearError() {
        Comparison c = comparison();
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> new Comparison("x", ROWS, COLS, c.reference(), c.results(), "varnet@4:20"));
        assertTrue(e.getMessage().contains("varnet@4:20") && e.getMessage().contains("grappa@2:32"), e.getMessage());
    }

    @Test
    void writesEveryFileWithEveryNumber(@TempDir Path dir) throws Exception {
        List<Path> files = ReportWriter.write(dir, comparison());
        assertEquals(dir.resolve("report.html"), files.get(0));
        for (Path f : files) {
            assertTrue(Files.size(f) > 0, f + " is empty");
        }
        // 3 methods x 3 slices x (image + error map) + 3 reference slices
        assertEquals(21, files.stream().filter(f -> f.toString().contains("images")).count());
        List<String> slices = Files.readAllLines(dir.resolve("metrics_slices.csv"));
        assertEquals(1 + 3 * SLICES, slices.size());
        assertEquals(1 + 2 * 3, Files.readAllLines(dir.resolve("statistics.csv")).size());
        JsonNode json = new ObjectMapper().readTree(dir.resolve("results.json").toFile());
        assertEquals("grappa@2:32", json.get("referenceMethod").asText());
        assertEquals(3, json.get("methods").size());
        assertEquals(0.88, json.get("methods").get(2).get("ssim").asDouble(), 1e-12);
        String html = Files.readString(dir.resolve("report.html"));
        assertTrue(html.contains("Paired statistics against grappa@2:32"));
        assertTrue(html.contains("<td>45%</td>"), "scan-time saving of 4x against 2x");
        assertTrue(html.split("data:image/png;base64,").length > 12, "images and plots embedded");
    }
}
