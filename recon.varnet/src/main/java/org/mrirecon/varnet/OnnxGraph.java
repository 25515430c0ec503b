package org.mrirecon.varnet;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.FloatBuffer;
import java.util.Arrays;
import java.util.Map;
import java.util.Set;

import ai.onnxruntime.NodeInfo;
import ai.onnxruntime.OnnxJavaType;
import ai.onnxruntime.OnnxTensor;
import ai.onnxruntime.OrtEnvironment;
import ai.onnxruntime.OrtException;
import ai.onnxruntime.OrtSession;
import ai.onnxruntime.TensorInfo;

/**
 * One ONNX Runtime session, created once per graph and shared: {@link OrtSession#run} is thread-safe, and every
 * call brings its own input and output buffers. The constructor checks the graph's inputs and outputs against what
 * the caller expects, so a graph from another model fails at load time with its name in the message.
 */
final class OnnxGraph implements AutoCloseable {

    private final String name;
    private final OrtSession session;

    /**
     * @param name    the graph's file name, for messages
     * @param threads intra-op threads of this session (0: ONNX Runtime's default, one per physical core)
     */
    OnnxGraph(String name, byte[] model, int threads) {
        this.name = name;
        try (OrtSession.SessionOptions options = new OrtSession.SessionOptions()) {
            options.setOptimizationLevel(OrtSession.SessionOptions.OptLevel.ALL_OPT);
            options.setExecutionMode(OrtSession.SessionOptions.ExecutionMode.SEQUENTIAL);
            options.setIntraOpNumThreads(threads);
            // Busy-waiting workers cost far more than they save when other jobs share the cores.
            options.addConfigEntry("session.intra_op.allow_spinning", "0");
            this.session = OrtEnvironment.getEnvironment().createSession(model, options);
        } catch (OrtException e) {
            throw new IllegalArgumentException("ONNX Runtime cannot load " + name + ": " + e.getMessage()
                    + " (the file is not a valid ONNX model, or uses operators this runtime lacks)", e);
        }
    }

    /**
     * Checks that the graph has a float input and output of these names and ranks and, where given, these fixed
     * dimensions ({@code -1} in {@code dims} means any size).
     *
     * @throws IllegalArgumentException naming the graph, the tensor and what differs
     */
    void requireInput(String tensor, long... dims) {
        require(tensor, true, dims);
    }

    void requireOutput(String tensor, long... dims) {
        require(tensor, false, dims);
    }

    /**
     * Checks that the graph takes exactly these inputs, so that a run cannot fail later for want of one.
     *
     * @throws IllegalArgumentException naming the inputs the graph declares
     */
    void requireInputNames(String... names) {
        Set<String> declared = session.getInputNames();
        if (!declared.equals(Set.of(names))) {
            throw new IllegalArgumentException("graph " + name + " takes the inputs " + declared + " but is fed "
                    + Arrays.toString(names) + ": the model does not match the manifest or the interface");
        }
    }

    /**
     * The name of the graph's only output.
     *
     * @throws IllegalArgumentException if it has several
     */
    String singleOutput() {
        var names = session.getOutputNames();
        if (names.size() != 1) {
            throw new IllegalArgumentException("graph " + name + " has outputs " + names
                    + ", expected exactly one (the image)");
        }
        return names.iterator().next();
    }

    /** The element type of an input (FLOAT or BOOL for a mask), after {@link #requireInput} found it. */
    OnnxJavaType inputType(String tensor) {
        try {
            return ((TensorInfo) session.getInputInfo().get(tensor).getInfo()).type;
        } catch (OrtException e) {
            throw new IllegalStateException(e);
        }
    }

    private void require(String tensor, boolean input, long... dims) {
        Map<String, NodeInfo> nodes;
        try {
            nodes = input ? session.getInputInfo() : session.getOutputInfo();
        } catch (OrtException e) {
            throw new IllegalArgumentException("cannot inspect graph " + name + ": " + e.getMessage(), e);
        }
        String kind = input ? "input" : "output";
        NodeInfo node = nodes.get(tensor);
        if (node == null) {
            throw new IllegalArgumentException("graph " + name + " has no " + kind + " '" + tensor + "'; its "
                    + kind + "s are " + nodes.keySet() + ": the model does not match the manifest or the interface");
        }
        if (!(node.getInfo() instanceof TensorInfo)) {
            throw new IllegalArgumentException("graph " + name + ": " + kind + " '" + tensor + "' is not a tensor");
        }
        TensorInfo info = (TensorInfo) node.getInfo();
        long[] shape = info.getShape();
        boolean typeOk = info.type == OnnxJavaType.FLOAT || (input && info.type == OnnxJavaType.BOOL);
        boolean shapeOk = shape.length == dims.length;
        for (int i = 0; shapeOk && i < dims.length; i++) {
            shapeOk = dims[i] < 0 || shape[i] < 0 || shape[i] == dims[i];
        }
        if (!typeOk || !shapeOk) {
            throw new IllegalArgumentException("graph " + name + ": " + kind + " '" + tensor + "' is " + info.type
                    + " " + Arrays.toString(shape) + ", expected float " + describe(dims));
        }
    }

    private static String describe(long[] dims) {
        StringBuilder s = new StringBuilder("[");
        for (int i = 0; i < dims.length; i++) {
            s.append(i > 0 ? ", " : "").append(dims[i] < 0 ? "?" : Long.toString(dims[i]));
        }
        return s.append(']').toString();
    }

    /** A direct buffer ONNX Runtime can read without copying. */
    static FloatBuffer buffer(int floats) {
        return ByteBuffer.allocateDirect(4 * floats).order(ByteOrder.nativeOrder()).asFloatBuffer();
    }

    /** Runs a single-input graph whose output has the shape of its input; returns the output. */
    float[] run(String input, FloatBuffer data, long[] shape, String output) {
        try (OnnxTensor in = OnnxTensor.createTensor(OrtEnvironment.getEnvironment(), data, shape)) {
            return run(Map.of(input, in), output, shape);
        } catch (OrtException e) {
            throw failed(e);
        }
    }

    /**
     * Runs the graph on the given tensors (which the caller closes) and returns the named output.
     *
     * @throws IllegalArgumentException if the output does not have the expected shape
     */
    float[] run(Map<String, OnnxTensor> inputs, String output, long[] expectedShape) {
        try (OrtSession.Result result = session.run(inputs)) {
            OnnxTensor tensor = (OnnxTensor) result.get(output).orElseThrow();
            long[] shape = tensor.getInfo().getShape();
            if (!Arrays.equals(shape, expectedShape)) {
                throw new IllegalArgumentException("graph " + name + " returned " + output + " of shape "
                        + Arrays.toString(shape) + ", expected " + Arrays.toString(expectedShape));
            }
            FloatBuffer out = tensor.getFloatBuffer();
            float[] values = new float[out.remaining()];
            out.get(values);
            return values;
        } catch (OrtException e) {
            throw failed(e);
        }
    }

    private IllegalStateException failed(OrtException e) {
        return new IllegalStateException("ONNX Runtime failed running " + name + ": " + e.getMessage(), e);
    }

    @Override
    public void close() {
        try {
            session.close();
        } catch (OrtException e) {
            throw new IllegalStateException("cannot close the session of " + name, e);
        }
    }
}
