package org.mrirecon.report;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.awt.image.BufferedImage;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import javax.imageio.ImageIO;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.mrirecon.api.Acquisition;
import org.mrirecon.api.KSpace;
import org.mrirecon.api.MethodDescriptor;
import org.mrirecon.api.ReconContext;
import org.mrirecon.api.ReconParameters;
import org.mrirecon.api.ReconstructedImage;
import org.mrirecon.api.Reconstructor;
import org.mrirecon.api.SamplingPattern;
import org.mrirecon.data.Dataset;
import org.mrirecon.data.ScanHeader;
import org.mrirecon.evaluation.Comparison;
import org.mrirecon.evaluation.Evaluation;
import org.mrirecon.evaluation.MethodIdentity;
import org.mrirecon.evaluation.Sampling;
import org.mrirecon.evaluation.Trial;
import org.mrirecon.evaluation.TrialResult;
import org.mrirecon.evaluation.Yardsticks;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

/** The report of a real (tiny) evaluation: every file written, every number traceable, no crash on edge values. */
class ReportWriterTest {

    private static final int ROWS = 24;
    private static final int COLS = 20;
    private static final int SLICES = 3;

    @BeforeAll
    static void headless() {
        System.setProperty("java.awt.headless", "true");
    }

    /** A disc of intensity 1 in air; the reference adds a constant floor of 0.02, as noise would. */
    private static Dataset dataset() {
        Dataset.Builder b = Dataset.builder("disc", "synthetic", ScanHeader.defaults()).fullySampled(true)
                .note("a note from the reader");
        for (int s = 0; s < SLICES; s++) {
            float[] truth = new float[ROWS * COLS];
            float[] reference = new float[ROWS * COLS];
            for (int i = 0; i < truth.length; i++) {
                int y = i / COLS - ROWS / 2;
                int x = i % COLS - COLS / 2;
                truth[i] = y * y + x * x < 49 ? 1f + 0.1f * s : 0f;
                reference[i] = truth[i] + 0.02f;
            }
            b.slice(KSpace.wrap(1, ROWS, COLS, new float[2 * ROWS * COLS]), SamplingPattern.fullySampled(ROWS),
                    10 + s).reference(reference).truth(truth);
        }
        return b.build();
    }

    /** Returns the truth plus a constant error: exact (infinite PSNR) for error 0. */
    private static Reconstructor method(String id, float error, Dataset d) {
        MethodDescriptor descriptor = MethodDescriptor.builder(id).defaultProtocol(1, 0).build();
        return new Reconstructor() {
            @Override
            public MethodDescriptor descriptor() {
                return descriptor;
            }

            @Override
            public ReconstructedImage reconstruct(Acquisition input, ReconParameters p, ReconContext c) {
                float[] img = d.truth(input.sliceIndex());
                for (int i = 0; i < img.length; i++) {
                    img[i] += error;
                }
                return ReconstructedImage.ofMagnitude(ROWS, COLS, img, Map.of("error", Float.toString(error)));
            }
        };
    }

    private static Comparison comparison(boolean withFailure) throws Exception {
        Dataset d = dataset();
        Yardsticks y = Yardsticks.of(d);
        List<TrialResult> results = new ArrayList<>();
        for (Object[] m : new Object[][] {{"exact", 0f, 1}, {"close", 0.01f, 2}, {"far", 0.1f, 4}}) {
            Trial t = new Trial((String) m[0], new Sampling.Protocol((Integer) m[2], 4), Map.of());
            results.add(Evaluation.run(method((String) m[0], (Float) m[1], d), MethodIdentity.unbundled(
                    (String) m[0], (String) m[0]), d, y, t, d.source(), ReconContext.none()));
        }
        if (withFailure) {
            Trial t = new Trial("broken", new Sampling.Protocol(4, 4), Map.of());
            results.add(TrialResult.builder(t, MethodIdentity.unbundled("broken", "Broken"), d.source(),
                    new int[] {10, 11, 12}).error("broken threw IllegalStateException: no").build());
        }
        return new Comparison("disc phantom", d.notes(), y, results, "close@2:4");
    }

    @Test
    void writesEveryFileWithEveryNumberAndSaysWhatItWasMeasuredAgainst(@TempDir Path dir) throws Exception {
        List<Path> files = ReportWriter.write(dir, comparison(false), Display.AS_STORED);
        assertEquals(dir.resolve("report.html"), files.get(0));
        for (Path f : files) {
            assertTrue(Files.size(f) > 0, f + " is empty");
        }
        // per slice: reference, truth, mask + 3 trials x (image + error map); slices keep their real numbers
        assertEquals(SLICES * (3 + 3 * 2), files.stream().filter(f -> f.toString().contains("images")).count());
        assertTrue(Files.isRegularFile(dir.resolve("images/truth/slice_012.png")));
        assertTrue(Files.isRegularFile(dir.resolve("images/far_4_4/error_x5_slice_010.png")));
        List<String> volume = Files.readAllLines(dir.resolve("metrics_volume.csv"));
        assertTrue(volume.get(0).contains("truth.foreground.SSIM") && volume.get(0).contains("reference.whole.PSNR"),
                volume.get(0));
        assertTrue(volume.get(1).contains(",inf,"), "an exact image's PSNR is written as inf: " + volume.get(1));
        List<String> slices = Files.readAllLines(dir.resolve("metrics_slices.csv"));
        assertEquals(1 + 3 * SLICES, slices.size());
        assertTrue(slices.get(1).startsWith("exact@1:4,disc,10,"), slices.get(1));
        JsonNode json = new ObjectMapper().readTree(dir.resolve("results.json").toFile());
        assertEquals("close@2:4", json.get("referenceTrial").asText());
        assertTrue(json.get("scoringConvention").asText().contains("magnitude"));
        assertEquals("the noise-free object magnitude the data carries",
                json.get("yardsticks").get("truth").get("source").asText());
        double far = Double.parseDouble(json.get("trials").get(2).get("scores").get("truth.whole.NMSE")
                .get("volume").asText());
        double close = Double.parseDouble(json.get("trials").get(1).get("scores").get("truth.whole.NMSE")
                .get("volume").asText());
        assertEquals(100, far / close, 1e-3, "NMSE grows with the square of a constant error");
        String html = Files.readString(dir.resolve("report.html"));
        assertTrue(html.contains("measured against the noise-free truth over the anatomy"), "headline yardstick");
        assertTrue(html.contains("Against the fully sampled reference"), "second table");
        assertTrue(html.contains("a note from the reader"));
        assertTrue(html.contains("Paired statistics against close@2:4"));
        assertTrue(html.contains("<td>inf</td>"), "infinite PSNR shown, not a crash");
    }

    @Test
    void aFailedTrialIsARowAndEverythingElseIsWritten(@TempDir Path dir) throws Exception {
        ReportWriter.write(dir, comparison(true), Display.AS_STORED);
        String html = Files.readString(dir.resolve("report.html"));
        assertTrue(html.contains("failed: broken threw IllegalStateException: no"), "failure shown");
        List<String> volume = Files.readAllLines(dir.resolve("metrics_volume.csv"));
        assertTrue(volume.get(4).startsWith("broken@4:4,broken,") && volume.get(4).contains(",failed,"),
                volume.get(4));
        JsonNode json = new ObjectMapper().readTree(dir.resolve("results.json").toFile());
        assertEquals("failed", json.get("trials").get(3).get("status").asText());
    }

    @Test
    void displayTransposesPicturesButNotArrays(@TempDir Path dir) throws Exception {
        ReportWriter.write(dir, comparison(false), new Display(true, "superior up, anterior left"));
        BufferedImage png = ImageIO.read(dir.resolve("images/truth/slice_010.png").toFile());
        assertEquals(ROWS, png.getWidth(), "transposed: stored rows run left to right");
        assertEquals(COLS, png.getHeight());
        assertTrue(Files.readString(dir.resolve("report.html")).contains("superior up, anterior left"));
    }
}
