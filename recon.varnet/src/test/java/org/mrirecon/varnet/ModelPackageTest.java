package org.mrirecon.varnet;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.OutputStream;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.stream.Stream;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.mrirecon.api.Acquisition;
import org.mrirecon.api.ReconContext;
import org.mrirecon.api.ReconstructionException;

/** Model packages from folders and zips, and the errors a damaged or mismatched package produces. */
class ModelPackageTest {

    @TempDir
    Path dir;

    /** A writable copy of the bundled package. */
    private Path copyOfBundled() throws IOException, URISyntaxException {
        Path source = Path.of(VarNetReconstructor.class.getResource("/" + ModelLoader.BUNDLED + "/"
                + ModelManifest.FILE).toURI()).getParent();
        Path copy = dir.resolve("pkg");
        Files.createDirectories(copy);
        try (Stream<Path> files = Files.list(source)) {
            for (Path f : (Iterable<Path>) files::iterator) {
                Files.copy(f, copy.resolve(f.getFileName()));
            }
        }
        return copy;
    }

    private static String errorOf(String model) {
        VarNetReconstructor varnet = new VarNetReconstructor();
        ReconstructionException e = assertThrows(ReconstructionException.class, () -> varnet.reconstruct(
                TestData.acquisition(32, 32, 2, 4, 8),
                varnet.descriptor().parameters(Map.of(VarNetReconstructor.MODEL, model)), ReconContext.none()));
        return e.getMessage();
    }

    private static void edit(Path manifest, String from, String to) throws IOException {
        String json = Files.readString(manifest);
        assertTrue(json.contains(from), "manifest lacks " + from);
        Files.writeString(manifest, json.replace(from, to));
    }

    @Test
    void bundledManifestDescribesTheExportedModel() {
        ModelFiles files = ModelFiles.resources(ModelLoader.class, ModelLoader.BUNDLED);
        ModelManifest m = ModelManifest.parse(files.readOrExplain(ModelManifest.FILE), files.location());
        assertEquals(m.cascades(), m.cascadeGraphs().size());
        assertEquals(m.cascades(), m.dcWeights().length);
        assertEquals(VarNetReconstructor.MINIMUM_ACS, m.minimumCalibrationLines());
        assertTrue(m.paddingMultiple() >= 8);
    }

    @Test
    void folderAndZipOfTheBundledPackageGiveTheBundledResult() throws Exception {
        Path folder = copyOfBundled();
        Path zip = dir.resolve("model.zip");
        try (OutputStream out = Files.newOutputStream(zip); ZipOutputStream z = new ZipOutputStream(out);
                Stream<Path> files = Files.list(folder)) {
            for (Path f : (Iterable<Path>) files::iterator) {
                z.putNextEntry(new ZipEntry("varnet-model/" + f.getFileName()));
                Files.copy(f, z);
                z.closeEntry();
            }
        }
        Acquisition acq = TestData.acquisition(40, 36, 3, 4, 10);
        VarNetReconstructor varnet = new VarNetReconstructor();
        float[] bundled = varnet.reconstruct(acq, varnet.descriptor().defaults(), ReconContext.none()).magnitude();
        for (Path model : new Path[] {folder, zip}) {
            float[] other = varnet.reconstruct(acq, varnet.descriptor().parameters(
                    Map.of(VarNetReconstructor.MODEL, model.toString())), ReconContext.none()).magnitude();
            assertArrayEquals(bundled, other, model.toString());
        }
    }

    @Test
    void missingGraphIsNamed() throws Exception {
        Path pkg = copyOfBundled();
        Files.delete(pkg.resolve("cascade-03.onnx"));
        assertTrue(errorOf(pkg.toString()).contains("has no file cascade-03.onnx"));
    }

    @Test
    void damagedGraphFailsItsChecksum() throws Exception {
        Path pkg = copyOfBundled();
        Path graph = pkg.resolve("cascade-05.onnx");
        byte[] bytes = Files.readAllBytes(graph);
        bytes[bytes.length / 2] ^= 1;
        Files.write(graph, bytes);
        String message = errorOf(pkg.toString());
        assertTrue(message.contains("cascade-05.onnx") && message.contains("SHA-256"), message);
    }

    @Test
    void graphsOfTheWrongRoleAreRejected() throws Exception {
        Path pkg = copyOfBundled();
        // Name a graph under another file: the checksum must catch the swap.
        Files.copy(pkg.resolve("sensitivity.onnx"), pkg.resolve("cascade-01.onnx"),
                java.nio.file.StandardCopyOption.REPLACE_EXISTING);
        assertTrue(errorOf(pkg.toString()).contains("cascade-01.onnx"));
    }

    @Test
    void wrongTensorNameIsNamed() throws Exception {
        Path pkg = copyOfBundled();
        edit(pkg.resolve(ModelManifest.FILE), "\"input\": \"input\"", "\"input\": \"image\"");
        String message = errorOf(pkg.toString());
        assertTrue(message.contains("has no input 'image'") && message.contains("[input]"), message);
    }

    @Test
    void newerFormatVersionIsRefused() throws Exception {
        Path pkg = copyOfBundled();
        edit(pkg.resolve(ModelManifest.FILE), "\"formatVersion\": 2", "\"formatVersion\": 3");
        assertTrue(errorOf(pkg.toString()).contains("formatVersion 3"));
    }

    @Test
    void inconsistentManifestIsNamed() throws Exception {
        Path pkg = copyOfBundled();
        edit(pkg.resolve(ModelManifest.FILE), "\"cascades\": 8,", "\"cascades\": 7,");
        assertTrue(errorOf(pkg.toString()).contains("declares 7 cascades but lists 8 dcWeights"));
        Files.writeString(pkg.resolve(ModelManifest.FILE), "{ not json", StandardCharsets.UTF_8);
        assertTrue(errorOf(pkg.toString()).contains("is not valid JSON"));
    }

    @Test
    void nonexistentOrForeignLocationsAreExplained() throws Exception {
        assertTrue(errorOf(dir.resolve("nowhere").toString()).contains("does not exist"));
        Path text = Files.writeString(dir.resolve("model.txt"), "hello");
        assertTrue(errorOf(text.toString()).contains("neither a folder, a .zip nor a .onnx"));
        Path junk = Files.writeString(dir.resolve("junk.onnx"), "not a graph");
        assertTrue(errorOf(junk.toString()).contains("ONNX Runtime cannot load junk"));
    }
}
