package org.mrirecon.varnet;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.mrirecon.api.Acquisition;
import org.mrirecon.api.ReconContext;
import org.mrirecon.api.ReconstructionException;
import org.mrirecon.api.SamplingPattern;
import org.mrirecon.numerics.coil.CoilCombine;
import org.mrirecon.numerics.coil.CoilImages;
import org.mrirecon.numerics.op.CartesianMask;
import org.mrirecon.numerics.op.CenteredFft;
import org.mrirecon.numerics.op.LinearOperator;
import org.mrirecon.numerics.op.Sensitivity;
import org.mrirecon.numerics.op.Shape;
import org.mrirecon.numerics.op.Vectors;

/**
 * The E2E-VarNet of a model package, run as in training/varnet.py: the sensitivity U-Net on the ACS low-pass coil
 * images, then per cascade {@code k <- k - eta M (k - k0) - F S U(S^H F^H k)} with the cascade's U-Net U and its
 * learned weight eta; the output is the RSS of the final coil images or, where the package says so, the magnitude of
 * their coil combination {@code |S^H F^H k|}. The U-Nets run in ONNX Runtime, the physics on the operators of
 * recon.numerics. The package's {@link PackageConventions} say which rows feed the sensitivity net and who normalises
 * the U-Net inputs ({@link UnetStage}).
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
        SamplingPattern pattern = input.pattern();
        if (pattern.calibrationLines() < manifest.minimumCalibrationLines()) {
            throw new ReconstructionException("model " + manifest.id() + " estimates coil sensitivities from at least "
                    + manifest.minimumCalibrationLines() + " calibration lines, the data has "
                    + pattern.calibrationLines() + ": acquire more ACS lines");
        }
        Shape shape = Shape.of(input.kspace().shape());
        Padding pad = Padding.of(shape.dim(1), shape.dim(2), manifest.paddingMultiple());
        CenteredFft f = new CenteredFft(shape, -2, -1);
        CartesianMask m = new CartesianMask(pattern, shape);
        float[] k0 = input.kspace().copyData();
        int steps = manifest.cascades() + 1;

        context.checkCancelled();
        UnetStage unet = new UnetStage(pad, manifest.conventions());
        LinearOperator fs = sensitivities(k0, pattern, f, unet).then(f); // F S: expand an image to coil k-space
        context.progress(1.0 / steps, "coil sensitivities");

        float[] k = k0.clone();
        float[] eta = manifest.dcWeights();
        float[] image = new float[fs.domain().floats()];
        float[] consistency = new float[k.length]; // reused: a coil stack is tens of MB at 320x320x15
        float[] refinement = new float[k.length];
        for (int t = 0; t < cascades.size(); t++) {
            context.checkCancelled();
            fs.applyAdjoint(k, image);
            float[] regularised = unet.run(cascades.get(t), manifest.cascadeGraphs().get(t), image);
            // k <- k - eta M (k - k0) - F S U(S^H F^H k)
            System.arraycopy(k, 0, consistency, 0, k.length);
            Vectors.axpy(-1, k0, consistency);
            m.apply(consistency, consistency);
            fs.apply(regularised, refinement);
            for (int i = 0; i < k.length; i++) {
                k[i] = k[i] - eta[t] * consistency[i] - refinement[i];
            }
            context.progress((t + 2.0) / steps, "cascade " + (t + 1) + "/" + cascades.size());
        }
        if (manifest.conventions().output() == PackageConventions.Output.SENSE) {
            return Vectors.magnitude(fs.applyAdjoint(k));
        }
        return CoilImages.rss(k, shape);
    }

    /**
     * Coil maps from the sensitivity U-Net, all coils as one batch, fed the coil images of the rows the conventions
     * name alone (varnet.py: ifft2c(acs_lowpass(k0))) and normalised to unit root-sum-of-squares (maps / rss(maps)).
     */
    private Sensitivity sensitivities(float[] k0, SamplingPattern pattern, CenteredFft f, UnetStage unet) {
        Shape shape = f.domain();
        int coils = shape.dim(0);
        int[] rows = manifest.conventions().sensitivityRows(pattern);
        float[] lowpass = new CartesianMask(rowsOnly(pattern.phaseEncodes(), rows[0], rows[1]), shape).apply(k0);
        f.inverse(lowpass);
        float[] maps = unet.run(sensitivity, manifest.sensitivity(), lowpass);
        float[] rss = CoilCombine.rss(maps, coils);
        int pixels = rss.length;
        for (int i = 0; i < maps.length; i += 2) {
            float norm = rss[(i / 2) % pixels];
            // only an all-zero pixel has no RSS; PyTorch would give NaN there, zero maps are the harmless limit
            float scale = norm > 0 ? 1 / norm : 0f;
            maps[i] *= scale;
            maps[i + 1] *= scale;
        }
        return Sensitivity.ofCoils(maps, coils, shape.dim(1), shape.dim(2));
    }

    /** The pattern that keeps rows {@code [start, end)} only. */
    private static SamplingPattern rowsOnly(int phaseEncodes, int start, int end) {
        boolean[] lines = new boolean[phaseEncodes];
        for (int ky = start; ky < end; ky++) {
            lines[ky] = true;
        }
        return SamplingPattern.of(lines, start, end);
    }

    @Override
    public void close() {
        sensitivity.close();
        cascades.forEach(OnnxGraph::close);
    }
}
