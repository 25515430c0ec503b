package org.mrirecon.varnet;

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
 * The package's {@link PackageConventions} say which rows feed the sensitivity net and who normalises the U-Net
 * inputs ({@link UnetStage}).
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
        UnetStage unet = new UnetStage(pad, manifest.conventions());
        float[][] maps = sensitivities(measured, pattern, pad, unet);
        context.progress(1.0 / steps, "coil sensitivities");

        float[][] k = new float[k0.coils()][];
        for (int c = 0; c < k.length; c++) {
            k[c] = k0.coil(c);
        }
        boolean[] acquired = pattern.mask();
        float[] eta = manifest.dcWeights();
        for (int t = 0; t < cascades.size(); t++) {
            context.checkCancelled();
            float[] image = CoilPhysics.reduce(k, maps, rows, cols, work);
            float[] regularised = unet.run(cascades.get(t), manifest.cascadeGraphs().get(t), image)[0];
            CoilPhysics.update(k, measured, acquired, eta[t], maps, regularised, rows, cols, work);
            context.progress((t + 2.0) / steps, "cascade " + (t + 1) + "/" + cascades.size());
        }
        return CoilPhysics.rssImage(k, rows, cols, work);
    }

    /** Coil maps from the sensitivity U-Net, all coils as one batch, normalised to unit RSS. */
    private float[][] sensitivities(float[][] measured, SamplingPattern pattern, Padding pad, UnetStage unet) {
        int[] block = manifest.conventions().sensitivityRows(pattern);
        float[][] lowpass = CoilPhysics.acsLowpassImages(measured, pad.rows(), pad.cols(), block[0], block[1]);
        float[][] maps = unet.run(sensitivity, manifest.sensitivity(), lowpass);
        CoilPhysics.normaliseByRss(maps);
        return maps;
    }

    @Override
    public void close() {
        sensitivity.close();
        cascades.forEach(OnnxGraph::close);
    }
}
