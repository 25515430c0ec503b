package org.mrirecon.varnet;

import java.util.Map;

import org.mrirecon.api.Acquisition;
import org.mrirecon.api.ReconContext;
import org.mrirecon.api.ReconstructionException;

/**
 * A loaded VarNet, ready to reconstruct: either a model package run cascade by cascade ({@link UnrolledVarNet}) or a
 * single whole graph with fastMRI's interface ({@link WholeGraphVarNet}). Implementations hold their ONNX Runtime
 * sessions for their lifetime and are safe for concurrent calls.
 */
interface VarNetModel extends AutoCloseable {

    /** The model's id, reported with every image. */
    String id();

    /**
     * Reconstructs one slice as the root-sum-of-squares magnitude image, row-major {@code [phaseEncode][readout]}.
     *
     * @throws ReconstructionException if the input does not suit the model (the message says why)
     */
    float[] reconstruct(Acquisition input, ReconContext context) throws ReconstructionException;

    /** What the model reports with each image (id, kind, cascades). */
    Map<String, String> info();

    @Override
    void close();
}
