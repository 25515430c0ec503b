package org.mrirecon.varnet;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.FloatBuffer;
import java.util.Map;

import org.mrirecon.api.Acquisition;
import org.mrirecon.api.KSpace;
import org.mrirecon.api.ReconContext;
import org.mrirecon.api.ReconstructionException;

import ai.onnxruntime.OnnxJavaType;
import ai.onnxruntime.OnnxTensor;
import ai.onnxruntime.OrtEnvironment;
import ai.onnxruntime.OrtException;

/**
 * A whole VarNet in one ONNX graph with fastMRI's interface, as exporters with ONNX DFT operators produce it:
 * {@code masked_kspace [1, C, H, W, 2]} and {@code mask [1, 1, 1, W, 1]} in, the RSS image {@code [1, H, W]} out.
 * fastMRI undersamples along its last image axis W, this API along the rows, so the data are transposed on the way
 * in (H = our readout, W = our phase-encode) and the image on the way out.
 */
final class WholeGraphVarNet implements VarNetModel {

    static final String KSPACE = "masked_kspace";
    static final String MASK = "mask";

    private final String id;
    private final String source;
    private final OnnxGraph graph;
    private final String output;

    /** @throws IllegalArgumentException if the graph lacks fastMRI's inputs or has more than one output */
    WholeGraphVarNet(String id, String source, byte[] model, int threads) {
        this.id = id;
        this.source = source;
        this.graph = new OnnxGraph(id, model, threads);
        try {
            graph.requireInput(KSPACE, 1, -1, -1, -1, 2);
            graph.requireInput(MASK, 1, 1, 1, -1, 1);
            graph.requireInputNames(KSPACE, MASK);
            this.output = graph.singleOutput();
            graph.requireOutput(output, 1, -1, -1);
        } catch (RuntimeException e) {
            graph.close();
            throw e;
        }
    }

    @Override
    public String id() {
        return id;
    }

    @Override
    public Map<String, String> info() {
        return Map.of("model", id, "modelKind", "whole-graph", "modelSource", source);
    }

    @Override
    public float[] reconstruct(Acquisition input, ReconContext context) throws ReconstructionException {
        context.checkCancelled();
        KSpace k = input.kspace();
        int rows = k.phaseEncodes();
        int cols = k.readouts();
        int coils = k.coils();
        float[] flat = k.copyData();
        FloatBuffer data = OnnxGraph.buffer(flat.length);
        for (int c = 0; c < coils; c++) {
            for (int y = 0; y < rows; y++) {
                for (int x = 0; x < cols; x++) {
                    int src = 2 * ((c * rows + y) * cols + x);
                    int dst = 2 * ((c * cols + x) * rows + y);
                    data.put(dst, flat[src]);
                    data.put(dst + 1, flat[src + 1]);
                }
            }
        }
        OrtEnvironment env = OrtEnvironment.getEnvironment();
        float[] image;
        try (OnnxTensor kspace = OnnxTensor.createTensor(env, data, new long[] {1, coils, cols, rows, 2});
                OnnxTensor mask = mask(env, input.pattern().mask())) {
            image = graph.run(Map.of(KSPACE, kspace, MASK, mask), output, new long[] {1, cols, rows});
        } catch (OrtException e) {
            throw new ReconstructionException("cannot pass the data to " + id + ": " + e.getMessage(), e);
        } catch (IllegalArgumentException e) {
            throw new ReconstructionException(e.getMessage() + ": the graph must return an image of the k-space "
                    + "matrix size", e);
        } catch (IllegalStateException e) {
            // A graph exported for fixed sizes fails inside ONNX Runtime on other matrices or coil counts.
            throw new ReconstructionException(e.getMessage() + " (" + coils + " coils, " + cols + " x " + rows
                    + " in fastMRI's layout)", e);
        }
        float[] out = new float[rows * cols];
        for (int y = 0; y < rows; y++) {
            for (int x = 0; x < cols; x++) {
                out[y * cols + x] = image[x * rows + y];
            }
        }
        context.progress(1, "whole-graph VarNet");
        return out;
    }

    /** The sampling mask as fastMRI shapes it, in the element type the graph declares (float or bool). */
    private OnnxTensor mask(OrtEnvironment env, boolean[] acquired) throws OrtException {
        long[] shape = {1, 1, 1, acquired.length, 1};
        if (graph.inputType(MASK) == OnnxJavaType.BOOL) {
            ByteBuffer b = ByteBuffer.allocateDirect(acquired.length).order(ByteOrder.nativeOrder());
            for (boolean a : acquired) {
                b.put((byte) (a ? 1 : 0));
            }
            b.rewind();
            return OnnxTensor.createTensor(env, b, shape, OnnxJavaType.BOOL);
        }
        FloatBuffer f = OnnxGraph.buffer(acquired.length);
        for (int i = 0; i < acquired.length; i++) {
            f.put(i, acquired[i] ? 1f : 0f);
        }
        return OnnxTensor.createTensor(env, f, shape);
    }

    @Override
    public void close() {
        graph.close();
    }
}
