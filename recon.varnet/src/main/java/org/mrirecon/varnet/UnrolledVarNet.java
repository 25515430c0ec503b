package org.mrirecon.varnet;

import java.nio.FloatBuffer;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.mrirecon.api.Acquisition;
import org.mrirecon.api.KSpace;
import org.mrirecon.api.ReconContext;
import org.mrirecon.api.ReconstructionException;
import org.mrirecon.api.SamplingPattern;

/**
 * The E2E-VarNet of a model package, run as in training/varnet.py: the sensitivity U-Net on the ACS low-pass coil
 * images, then per cascade reduce with the maps, the cascade's U-Net, expand, and soft data consistency with the
 * learned weight; the output is the RSS of the final coil images. The U-Nets run in ONNX Runtime, the rest here.
 */
final class UnrolledVarNet implements VarNetModel {

    private final ModelManifest manifest;
    private final String source;
    private final OnnxGraph sensitivity;
    private final List<OnnxGraph> cascades;

    /**
     * Verifies every graph against the manifest and opens one session per graph.
     *
     * @throws IllegalArgumentException naming the file or tensor that does not match
     */
    UnrolledVarNet(ModelFiles files, int threads) {
        this.manifest = ModelManifest.parse(files.readOrExplain(ModelManifest.FILE), files.location());
        this.source = files.location();
        List<OnnxGraph> opened = new ArrayList<>();
        try {
            this.sensitivity = open(files, manifest.sensitivity(), threads, opened);
            for (ModelManifest.Graph g : manifest.cascadeGraphs()) {
                open(files, g, threads, opened);
            }
        } catch (RuntimeException e) {
            opened.forEach(OnnxGraph::close);
            throw e;
        }
        this.cascades = List.copyOf(opened.subList(1, opened.size()));
    }

    private static OnnxGraph open(ModelFiles files, ModelManifest.Graph g, int threads, List<OnnxGraph> opened) {
        OnnxGraph graph = new OnnxGraph(g.file(), files.verified(g.file(), g.sha256()), threads);
        opened.add(graph);
        graph.requireInput(g.input(), -1, 2, -1, -1);
        graph.requireInputNames(g.input());
        graph.requireOutput(g.output(), -1, 2, -1, -1);
        return graph;
    }

    @Override
    public String id() {
        return manifest.id();
    }

    @Override
    public Map<String, String> info() {
        return Map.of("model", manifest.id(), "modelKind", "package", "modelSource", source, "cascades",
                Integer.toString(manifest.cascades()));
    }

    @Override
    public float[] reconstruct(Acquisition input, ReconContext context) throws ReconstructionException {
        KSpace k0 = input.kspace();
        SamplingPattern pattern = input.pattern();
        if (pattern.calibrationLines() < manifest.minimumCalibrationLines()) {
            throw new ReconstructionException("model " + manifest.id() + " estimates coil sensitivities from at least "
                    + manifest.minimumCalibrationLines() + " calibration lines, the data has "
                    + pattern.calibrationLines() + ": acquire more ACS lines");
        }
        int rows = k0.phaseEncodes();
        int cols = k0.readouts();
        int coils = k0.coils();
        Padding pad = Padding.of(rows, cols, manifest.paddingMultiple());
        float[][] measured = new float[k0.coils()][];
        for (int c = 0; c < measured.length; c++) {
            measured[c] = k0.coil(c);
        }
        float[][] work = new float[coils][2 * rows * cols];
        int steps = manifest.cascades() + 1;

        context.checkCancelled();
        float[][] maps = sensitivities(measured, pattern, pad);
        context.progress(1.0 / steps, "coil sensitivities");

        float[][] k = new float[k0.coils()][];
        for (int c = 0; c < k.length; c++) {
            k[c] = k0.coil(c);
        }
        boolean[] acquired = pattern.mask();
        float[] eta = manifest.dcWeights();
        float[] regularised = new float[2 * rows * cols];
        FloatBuffer in = OnnxGraph.buffer(pad.planeFloats()); // each cascade rewrites the inside, the border stays 0
        for (int t = 0; t < cascades.size(); t++) {
            context.checkCancelled();
            float[] image = CoilPhysics.reduce(k, maps, rows, cols, work);
            pad.put(image, in, 0);
            ModelManifest.Graph g = manifest.cascadeGraphs().get(t);
            pad.take(cascades.get(t).run(g.input(), in, pad.shape(1), g.output()), 0, regularised);
            CoilPhysics.update(k, measured, acquired, eta[t], maps, regularised, rows, cols, work);
            context.progress((t + 2.0) / steps, "cascade " + (t + 1) + "/" + cascades.size());
        }
        return CoilPhysics.rssImage(k, rows, cols, work);
    }

    /** Coil maps from the sensitivity U-Net, all coils as one batch, normalised to unit RSS. */
    private float[][] sensitivities(float[][] measured, SamplingPattern pattern, Padding pad) {
        int rows = pad.rows();
        int cols = pad.cols();
        float[][] lowpass = CoilPhysics.acsLowpassImages(measured, rows, cols, pattern.calibrationStart(),
                pattern.calibrationEnd());
        FloatBuffer in = OnnxGraph.buffer(lowpass.length * pad.planeFloats());
        for (int c = 0; c < lowpass.length; c++) {
            pad.put(lowpass[c], in, c);
        }
        ModelManifest.Graph g = manifest.sensitivity();
        float[] out = sensitivity.run(g.input(), in, pad.shape(lowpass.length), g.output());
        float[][] maps = new float[lowpass.length][2 * rows * cols];
        for (int c = 0; c < maps.length; c++) {
            pad.take(out, c, maps[c]);
        }
        CoilPhysics.normaliseByRss(maps);
        return maps;
    }

    @Override
    public void close() {
        sensitivity.close();
        cascades.forEach(OnnxGraph::close);
    }
}
