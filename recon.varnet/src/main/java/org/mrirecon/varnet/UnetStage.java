package org.mrirecon.varnet;

import java.nio.FloatBuffer;

/**
 * One U-Net graph applied to complex images (interleaved, row-major {@code [phaseEncode][readout]}, stacked) as the
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

    /**
     * Runs the graph on a stack of images {@code [n, rows, cols]} (one per coil, or the single coil-combined image) as
     * one batch; returns a new stack.
     */
    float[] run(OnnxGraph graph, ModelManifest.Graph g, float[] stack) {
        int plane = 2 * pad.rows() * pad.cols();
        int n = stack.length / plane;
        if (in == null || in.capacity() != n * pad.planeFloats()) {
            in = OnnxGraph.buffer(n * pad.planeFloats());
        }
        double[][] stats = new double[n][];
        float[] input = stack;
        if (normaliseHere) {
            input = stack.clone();
            for (int i = 0; i < n; i++) {
                stats[i] = meanAndStd(stack, i * plane, plane);
                normalise(input, i * plane, plane, stats[i]);
            }
        }
        pad.put(input, in);
        float[] result = new float[stack.length];
        pad.take(graph.run(g.input(), in, pad.shape(n), g.output()), result);
        if (normaliseHere) {
            for (int i = 0; i < n; i++) {
                restore(result, i * plane, plane, stats[i]);
            }
        }
        return result;
    }

    /** {@link #meanAndStd(float[], int, int)} of a whole interleaved complex image. */
    static double[] meanAndStd(float[] complex) {
        return meanAndStd(complex, 0, complex.length);
    }

    /**
     * {mean re, std re, mean im, std im} of the interleaved complex image at {@code [from, from + length)}; std
     * unbiased (n - 1), as torch.std.
     */
    static double[] meanAndStd(float[] complex, int from, int length) {
        int n = length / 2;
        double[] s = new double[4];
        for (int part = 0; part < 2; part++) {
            double sum = 0;
            for (int i = from + part; i < from + length; i += 2) {
                sum += complex[i];
            }
            double mean = sum / n;
            double squares = 0;
            for (int i = from + part; i < from + length; i += 2) {
                double d = complex[i] - mean;
                squares += d * d;
            }
            s[2 * part] = mean;
            s[2 * part + 1] = Math.sqrt(squares / (n - 1));
        }
        return s;
    }

    private static void normalise(float[] complex, int from, int length, double[] s) {
        for (int i = from; i < from + length; i += 2) {
            complex[i] = (float) ((complex[i] - s[0]) / s[1]);
            complex[i + 1] = (float) ((complex[i + 1] - s[2]) / s[3]);
        }
    }

    private static void restore(float[] complex, int from, int length, double[] s) {
        for (int i = from; i < from + length; i += 2) {
            complex[i] = (float) (complex[i] * s[1] + s[0]);
            complex[i + 1] = (float) (complex[i + 1] * s[3] + s[2]);
        }
    }
}
