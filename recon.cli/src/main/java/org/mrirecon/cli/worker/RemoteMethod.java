package org.mrirecon.cli.worker;

import java.util.List;

import org.mrirecon.api.Acquisition;
import org.mrirecon.api.AcquisitionVolume;
import org.mrirecon.api.MethodDescriptor;
import org.mrirecon.api.ReconContext;
import org.mrirecon.api.ReconParameters;
import org.mrirecon.api.ReconstructedImage;
import org.mrirecon.api.ReconstructionException;
import org.mrirecon.api.Reconstructor;

/**
 * A method that runs in a worker process, as the launcher's registry sees it: the descriptor the worker read, and
 * reconstructions sent over the channel. Registered by the supervisor with the identity of the bundle that really
 * provides the method.
 */
final class RemoteMethod implements Reconstructor {

    final WorkerSupervisor supervisor;
    final int generation;
    final long serviceId;
    final String label;
    private final MethodDescriptor descriptor;

    RemoteMethod(WorkerSupervisor supervisor, int generation, long serviceId, MethodDescriptor descriptor,
            String bundle) {
        this.supervisor = supervisor;
        this.generation = generation;
        this.serviceId = serviceId;
        this.descriptor = descriptor;
        this.label = descriptor.id() + " (" + bundle + ")";
    }

    @Override
    public MethodDescriptor descriptor() {
        return descriptor;
    }

    @Override
    public ReconstructedImage reconstruct(Acquisition input, ReconParameters parameters, ReconContext context)
            throws ReconstructionException {
        List<ReconstructedImage> out = reconstructVolume(AcquisitionVolume.of(List.of(input)), parameters, context);
        return out == null || out.isEmpty() ? null : out.get(0);
    }

    @Override
    public List<ReconstructedImage> reconstructVolume(AcquisitionVolume volume, ReconParameters parameters,
            ReconContext context) throws ReconstructionException {
        return supervisor.call(this, volume, parameters, context);
    }

    @Override
    public String toString() {
        return label + " in worker " + generation;
    }
}
