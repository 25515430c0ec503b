package org.mrirecon.varnet;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.net.URISyntaxException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;
import org.junit.jupiter.api.io.TempDir;
import org.mrirecon.api.Acquisition;
import org.mrirecon.api.KSpace;
import org.mrirecon.api.ReconContext;
import org.mrirecon.api.SamplingPattern;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * Models imported from fastMRI and Johnson 2022 checkpoints (training/import_fastmri.py) run by Java + ONNX Runtime
 * reproduce the original architectures' PyTorch output (training/fastmri_reference.py, random weights) on
 * fastMRI-layout phantom files, centre-cropped to the reconstruction size, within 1e-4 of the maximum. The small
 * cases are committed (training/make_import_fixtures.py --small); the full-size ones (29.9 M parameters, 15 coils,
 * 640 x 368 and 640 x 372) are generated on demand with --full DIR and run when the environment variable
 * {@value #FULL} (or the system property of that name) names DIR.
 */
class ImportedModelParityTest {

    static final String FULL = "VARNET_IMPORT_PARITY";
    static final double TOLERANCE = 1e-4;

    @TempDir
    Path dir;

    static Path committed() throws URISyntaxException {
        return Path.of(ImportedModelParityTest.class.getResource("imported/index.json").toURI()).getParent();
    }

    static List<Path> cases(Path root) throws IOException {
        List<Path> cases = new ArrayList<>();
        for (JsonNode c : new ObjectMapper().readTree(root.resolve("index.json").toFile()).get("cases")) {
            cases.add(root.resolve(c.asText()));
        }
        return cases;
    }

    @TestFactory
    Stream<DynamicTest> committedCasesMatchPyTorch() throws Exception {
        return cases(committed()).stream().map(c -> DynamicTest.dynamicTest(c.getFileName().toString(),
                () -> assertParity(c)));
    }

    @TestFactory
    Stream<DynamicTest> fullSizeCasesMatchPyTorch() throws Exception {
        String folder = System.getProperty(FULL, System.getenv(FULL));
        assumeTrue(folder != null && !folder.isBlank(), FULL + " is not set: run training/make_import_fixtures.py "
                + "--full DIR and set it to DIR");
        return cases(Path.of(folder)).stream().map(c -> DynamicTest.dynamicTest(c.getFileName().toString(),
                () -> assertParity(c)));
    }

    /** fastMRI's mask-derived sensitivity block, computed here, is the one the PyTorch reference used. */
    @Test
    void lowFrequencyBlockIsTheReferences() throws Exception {
        for (Path c : cases(committed())) {
            Case k = Case.load(c);
            if (k.meta.get("layout").asText().startsWith("fastmri")) {
                int start = k.meta.get("lowFrequencyBlock").get(0).asInt();
                int count = k.meta.get("lowFrequencyBlock").get(1).asInt();
                assertArrayEquals(new int[] {start, start + count},
                        PackageConventions.fastMriLowFrequencies(k.acquisition.pattern().mask()), c.toString());
            }
        }
    }

    /** The conventions matter: the same package run with the ACS block as given misses the reference widely. */
    @Test
    void wrongSensitivityInputIsCaught() throws Exception {
        Path source = committed().resolve("fastmri-small-w70-random");
        Case k = Case.load(source);
        assertTrue(k.acquisition.pattern().calibrationLines() != k.meta.get("lowFrequencyBlock").get(1).asInt(),
                "the case must have a calibration block other than fastMRI's");
        Path pkg = dir.resolve("pkg");
        Files.createDirectories(pkg);
        try (Stream<Path> files = Files.list(k.pkg)) {
            for (Path f : (Iterable<Path>) files::iterator) {
                Files.copy(f, pkg.resolve(f.getFileName()));
            }
        }
        Path manifest = pkg.resolve(ModelManifest.FILE);
        String json = Files.readString(manifest);
        String fastmri = "\"sensitivityInput\": \"fastmri-low-frequencies\"";
        assertTrue(json.contains(fastmri));
        Files.writeString(manifest, json.replace(fastmri, "\"sensitivityInput\": \"calibration-block\""));
        double[] err = k.run(pkg);
        System.out.printf("%s with the calibration block as given: max |diff| / max = %.3g%n", source.getFileName(),
                err[0]);
        assertTrue(err[0] > 100 * TOLERANCE, "a wrong sensitivity input went unnoticed: " + err[0]);
    }

    static void assertParity(Path c) throws Exception {
        Case k = Case.load(c);
        long t0 = System.nanoTime();
        double[] err = k.run(k.pkg);
        System.out.printf("%s (%s, %d coils, %d x %d, crop %d x %d): max |Java - PyTorch| / max = %.3g, "
                + "||Java - PyTorch|| / ||PyTorch|| = %.3g, %.1f s%n", c.getFileName(), k.meta.get("layout").asText(),
                k.coils, k.rows, k.cols, k.cropRows, k.cropCols, err[0], err[1], (System.nanoTime() - t0) / 1e9);
        assertTrue(err[0] < TOLERANCE, c + ": max relative difference " + err[0]);
        assertTrue(err[1] < TOLERANCE, c + ": L2 relative difference " + err[1]);
    }

    /** One fixture case: the acquisition in this project's layout, the package and the expected crop. */
    record Case(JsonNode meta, Path pkg, Acquisition acquisition, float[] expected, int coils, int rows, int cols,
            int cropRows, int cropCols) {

        static Case load(Path c) throws IOException {
            JsonNode m = new ObjectMapper().readTree(c.resolve("fixture.json").toFile());
            int coils = m.get("coils").asInt();
            int rows = m.get("rows").asInt();
            int cols = m.get("cols").asInt();
            float[] flat = floats(c.resolve("kspace.f32"));
            float[][] data = new float[coils][2 * rows * cols];
            for (int i = 0; i < coils; i++) {
                System.arraycopy(flat, i * data[i].length, data[i], 0, data[i].length);
            }
            boolean[] mask = new boolean[rows];
            for (int y = 0; y < rows; y++) {
                mask[y] = m.get("mask").get(y).asInt() == 1;
            }
            SamplingPattern pattern = SamplingPattern.of(mask, m.get("acsStart").asInt(), m.get("acsEnd").asInt(),
                    m.get("encodedStart").asInt(), m.get("encodedEnd").asInt());
            Acquisition acq = Acquisition.of(KSpace.ofCoils(rows, cols, data), pattern, 0);
            return new Case(m, c.resolve(m.get("package").asText()).normalize(), acq,
                    floats(c.resolve("expected.f32")), coils, rows, cols, m.get("cropRows").asInt(),
                    m.get("cropCols").asInt());
        }

        /** Runs a package on the acquisition (2 threads); {max |diff| / max, ||diff|| / ||ref||} on the crop. */
        double[] run(Path model) throws Exception {
            float[] image;
            try (VarNetModel m = ModelLoader.load(model.toString(), 2)) {
                image = m.reconstruct(acquisition, ReconContext.none());
            }
            assertEquals(rows * cols, image.length);
            int r0 = (rows - cropRows) / 2;
            int c0 = (cols - cropCols) / 2;
            double maxRef = 0;
            double maxErr = 0;
            double err2 = 0;
            double ref2 = 0;
            for (int y = 0; y < cropRows; y++) {
                for (int x = 0; x < cropCols; x++) {
                    double want = expected[y * cropCols + x];
                    double d = image[(y + r0) * cols + x + c0] - want;
                    maxRef = Math.max(maxRef, Math.abs(want));
                    maxErr = Math.max(maxErr, Math.abs(d));
                    err2 += d * d;
                    ref2 += want * want;
                }
            }
            return new double[] {maxErr / maxRef, Math.sqrt(err2 / ref2)};
        }

        private static float[] floats(Path file) throws IOException {
            ByteBuffer b = ByteBuffer.wrap(Files.readAllBytes(file)).order(ByteOrder.LITTLE_ENDIAN);
            float[] f = new float[b.remaining() / 4];
            b.asFloatBuffer().get(f);
            return f;
        }
    }
}
