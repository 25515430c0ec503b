package org.mrirecon.varnet;

import java.nio.FloatBuffer;

/**
 * One U-Net graph applied to complex images (interleaved, row-major {@code [phaseEncode][readout]}) as the
 * package's conventions say: zero padding to the package's multiple and, for fastMRI-convention packages, the
 * normalisation by each image's per-channel mean and unbiased standard deviation done here, before padding, and
 * undone after cropping (training/varnet.py: {@code VarNet.padded}). For this project's own packages the graph
 * normalises the padded image itself. One instance per reconstruction: it keeps its input buffers between calls
 * (the padding border stays zero, each call rewrites the inside).
 */
final class UnetStage {

    private final Padding pad;
    private final boolean normaliseHere;
    private FloatBuffer in;

    UnetStage(Padding pad, PackageConventions conventions) {
        this.pad = pad;
        this.normaliseHere = conventions.normalisesBeforePadding();
    }

    /** Runs the graph on a batch of images (one per coil, or the single coil-combined image); returns new arrays. */
    float[][] run(OnnxGraph graph, ModelManifest.Graph g, float[]... images) {
        int n = images.length;
        if (in == null || in.capacity() != n * pad.planeFloats()) {
            in = OnnxGraph.buffer(n * pad.planeFloats());
        }
        double[][] stats = new double[n][];
        for (int i = 0; i < n; i++) {
            float[] image = images[i];
            if (normaliseHere) {
                stats[i] = meanAndStd(image);
                image = normalised(image, stats[i]);
            }
            pad.put(image, in, i);
        }
        float[] out = graph.run(g.input(), in, pad.shape(n), g.output());
        float[][] result = new float[n][images[0].length];
        for (int i = 0; i < n; i++) {
            pad.take(out, i, result[i]);
            if (normaliseHere) {
                restore(result[i], stats[i]);
            }
        }
        return result;
    }

    /** {mean re, std re, mean im, std im} of an interleaved complex image; std unbiased (n - 1), as torch.std. */
    static double[] meanAndStd(float[] complex) {
        int n = complex.length / 2;
        double[] s = new double[4];
        for (int part = 0; part < 2; part++) {
            double sum = 0;
            for (int i = part; i < complex.length; i += 2) {
                sum += complex[i];
            }
            double mean = sum / n;
            double squares = 0;
            for (int i = part; i < complex.length; i += 2) {
                double d = complex[i] - mean;
                squares += d * d;
            }
            s[2 * part] = mean;
            s[2 * part + 1] = Math.sqrt(squares / (n - 1));
        }
        return s;
    }

    private static float[] normalised(float[] complex, double[] s) {
        float[] out = new float[complex.length];
        for (int i = 0; i < complex.length; i += 2) {
            out[i] = (float) ((complex[i] - s[0]) / s[1]);
            out[i + 1] = (float) ((complex[i + 1] - s[2]) / s[3]);
        }
        return out;
    }

    private static void restore(float[] complex, double[] s) {
        for (int i = 0; i < complex.length; i += 2) {
            complex[i] = (float) (complex[i] * s[1] + s[0]);
            complex[i + 1] = (float) (complex[i + 1] * s[3] + s[2]);
        }
    }
}
