package org.mrirecon.varnet;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.jr.ob.JSON;

/**
 * The manifest.json of a model package, checked field by field: what the Java side needs to run the graphs (the
 * graph files and their SHA-256, tensor names, the learned data-consistency weights, the padding multiple, the
 * fewest ACS lines the sensitivity net was trained with, from format version 2 the conventions of imported models)
 * and the labels reported with each image. Training configuration and validation metrics stay in the file; they
 * document the model but do not drive inference. Read with jackson-jr into maps and lists: every command's start
 * activates this component, and jackson-databind's first use costs ~0.2 s there.
 */
record ModelManifest(String id, int cascades, float[] dcWeights, int paddingMultiple, int minimumCalibrationLines,
        Graph sensitivity, List<Graph> cascadeGraphs, PackageConventions conventions) {

    static final String FORMAT = "org.mrirecon.varnet.package";
    /** The newest format version read; version 1 packages are read as well. */
    static final int FORMAT_VERSION = 2;
    static final String FILE = "manifest.json";

    /** One ONNX graph of the package: file, checksum and the names of its single input and output. */
    record Graph(String file, String sha256, String input, String output) {
    }

    /**
     * Parses and checks a manifest.
     *
     * @param where the package location, for messages
     * @throws IllegalArgumentException naming the field that is missing or wrong
     */
    static ModelManifest parse(byte[] json, String where) {
        Map<String, Object> root;
        try {
            root = JSON.std.mapFrom(json);
        } catch (IOException e) {
            throw new IllegalArgumentException(FILE + " of " + where + " is not valid JSON: " + e.getMessage(), e);
        }
        Fields f = new Fields(root, where, "");
        String format = f.text("format");
        if (!FORMAT.equals(format)) {
            throw new IllegalArgumentException(FILE + " of " + where + " declares format '" + format
                    + "', expected '" + FORMAT + "': this is not a VarNet model package");
        }
        int version = f.integer("formatVersion");
        if (version < 1 || version > FORMAT_VERSION) {
            throw new IllegalArgumentException(FILE + " of " + where + " has formatVersion " + version
                    + " but this bundle reads versions 1 to " + FORMAT_VERSION + ": export the model with the "
                    + "matching training/export.py or update recon.varnet");
        }
        int cascades = f.integer("architecture", "cascades");
        Object weights = f.node("dcWeights");
        Object graphs = f.node("graphs", "cascades");
        if (!(weights instanceof List<?> w) || w.size() != cascades || !(graphs instanceof List<?> g)
                || g.size() != cascades) {
            throw new IllegalArgumentException(FILE + " of " + where + " declares " + cascades + " cascades but lists "
                    + size(weights) + " dcWeights and " + size(graphs) + " cascade graphs");
        }
        float[] dc = new float[cascades];
        List<Graph> cascadeGraphs = new ArrayList<>();
        for (int t = 0; t < cascades; t++) {
            if (!(w.get(t) instanceof Number weight)) {
                throw new IllegalArgumentException(FILE + " of " + where + ": dcWeights[" + t + "] is not a number");
            }
            dc[t] = weight.floatValue();
            cascadeGraphs.add(f.graph(g.get(t), "graphs.cascades[" + t + "]"));
        }
        int multiple = f.integer("paddingMultiple");
        int minAcs = f.integer("minimumCalibrationLines");
        if (multiple < 1 || minAcs < 1) {
            throw new IllegalArgumentException(FILE + " of " + where + ": paddingMultiple and minimumCalibrationLines "
                    + "must be positive, got " + multiple + " and " + minAcs);
        }
        return new ModelManifest(f.text("id"), cascades, dc, multiple, minAcs,
                f.graph(f.node("graphs", "sensitivity"), "graphs.sensitivity"), List.copyOf(cascadeGraphs),
                PackageConventions.parse(root, version, where));
    }

    /** The number of elements of a JSON array or object, 0 for a scalar, for messages. */
    private static int size(Object value) {
        return value instanceof List<?> l ? l.size() : value instanceof Map<?, ?> m ? m.size() : 0;
    }

    /** A value as it is written in JSON, for messages. */
    static String json(Object value) {
        try {
            return JSON.std.asString(value);
        } catch (IOException e) {
            return String.valueOf(value);
        }
    }

    /** The learned soft data-consistency weight of each cascade (a copy). */
    @Override
    public float[] dcWeights() {
        return dcWeights.clone();
    }

    /** Reads required fields, naming the missing or malformed one by its path in the manifest. */
    private static final class Fields {
        private final Object root;
        private final String where;
        private final String prefix;

        Fields(Object root, String where, String prefix) {
            this.root = root;
            this.where = where;
            this.prefix = prefix;
        }

        private String name(String... path) {
            return prefix + String.join(".", path);
        }

        Object node(String... path) {
            Object n = root;
            for (String p : path) {
                n = n instanceof Map<?, ?> m ? m.get(p) : null;
            }
            if (n == null) {
                throw new IllegalArgumentException(FILE + " of " + where + " has no field " + name(path));
            }
            return n;
        }

        String text(String... path) {
            if (!(node(path) instanceof String n) || n.isBlank()) {
                throw new IllegalArgumentException(FILE + " of " + where + ": " + name(path)
                        + " must be a non-empty string");
            }
            return n;
        }

        int integer(String... path) {
            Object n = node(path);
            if (!(n instanceof Integer || n instanceof Long l && l == l.intValue())) {
                throw new IllegalArgumentException(FILE + " of " + where + ": " + name(path)
                        + " must be a whole number, got " + json(n));
            }
            return ((Number) n).intValue();
        }

        Graph graph(Object g, String name) {
            Fields gf = new Fields(g, where, name + ".");
            return new Graph(gf.text("file"), gf.text("sha256"), gf.text("input"), gf.text("output"));
        }
    }
}
