package org.mrirecon.varnet;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;

/**
 * Turns a model location into a loaded model: empty for the model bundled with this bundle, a folder or .zip for a
 * model package (manifest.json and graphs), a .onnx file for a whole-graph model with fastMRI's interface.
 */
final class ModelLoader {

    /** The default model, packaged under src/main/resources. */
    static final String BUNDLED = "models/varnet-phantom-v6";

    private ModelLoader() {
    }

    /**
     * @throws IllegalArgumentException naming the location and what is wrong with it
     */
    static VarNetModel load(String location, int threads) {
        if (location.isBlank()) {
            return new UnrolledVarNet(ModelFiles.resources(ModelLoader.class, BUNDLED), threads);
        }
        Path path = Path.of(location);
        if (Files.isDirectory(path)) {
            return new UnrolledVarNet(ModelFiles.directory(path), threads);
        }
        if (!Files.isRegularFile(path)) {
            throw new IllegalArgumentException("model " + location + " does not exist: give a model package folder, "
                    + "a .zip of one, or a whole-graph .onnx file (empty for the bundled model)");
        }
        String name = path.getFileName().toString().toLowerCase(Locale.ROOT);
        if (name.endsWith(".zip")) {
            return new UnrolledVarNet(ModelFiles.zip(path), threads);
        }
        if (name.endsWith(".onnx")) {
            try {
                return new WholeGraphVarNet(wholeGraphId(path), location, Files.readAllBytes(path), threads);
            } catch (IOException e) {
                throw new IllegalArgumentException("cannot read model " + location + ": " + e.getMessage(), e);
            }
        }
        throw new IllegalArgumentException("model " + location + " is neither a folder, a .zip nor a .onnx file");
    }

    /** The model's id without loading its graphs, for the method description; never throws. */
    static String identify(String location) {
        try {
            if (location.isBlank()) {
                return manifestId(ModelFiles.resources(ModelLoader.class, BUNDLED)) + " (bundled)";
            }
            Path path = Path.of(location);
            if (!Files.exists(path)) {
                return location + " (not found)";
            }
            if (Files.isDirectory(path)) {
                return manifestId(ModelFiles.directory(path)) + " (" + location + ")";
            }
            if (path.getFileName().toString().toLowerCase(Locale.ROOT).endsWith(".zip")) {
                return manifestId(ModelFiles.zip(path)) + " (" + location + ")";
            }
            return wholeGraphId(path) + " (whole graph " + location + ")";
        } catch (RuntimeException e) {
            return location + " (unreadable: " + e.getMessage() + ")";
        }
    }

    private static String manifestId(ModelFiles files) {
        return ModelManifest.parse(files.readOrExplain(ModelManifest.FILE), files.location()).id();
    }

    private static String wholeGraphId(Path onnx) {
        String file = onnx.getFileName().toString();
        return file.substring(0, file.length() - ".onnx".length());
    }
}
