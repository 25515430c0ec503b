package org.mrirecon.api;

import java.util.ArrayList;
import java.util.List;

import org.osgi.annotation.versioning.ConsumerType;

/**
 * A reconstruction method, registered as an OSGi service (normally a Declarative Services component) with the
 * service property {@value #METHOD_PROPERTY} = its method id. Method bundles implement it; the launcher finds it
 * in the service registry.
 *
 * <p><b>Threading:</b> one instance may be called concurrently; see the package documentation.
 */
@ConsumerType
public interface Reconstructor {

    /** Service property holding the method id, so consumers can filter, e.g. {@code (recon.method=grappa)}. */
    String METHOD_PROPERTY = "recon.method";

    /** Describes the method; must be cheap and return the same content for the life of the service. */
    MethodDescriptor descriptor();

    /**
     * Reconstructs one slice.
     *
     * @param input      the undersampled slice and its sampling pattern
     * @param parameters values validated against {@link #descriptor()}
     * @param context    progress and cancellation for this call
     * @return the method's natural image (complex where it has one, else magnitude) at the k-space matrix size
     *         ({@code phaseEncodes x readouts}); the caller scores every method by one convention, so a method does
     *         no scoring-specific post-processing
     * @throws ReconstructionException if the method cannot handle this input (message names the fix)
     * @throws java.util.concurrent.CancellationException if the context was cancelled
     */
    ReconstructedImage reconstruct(Acquisition input, ReconParameters parameters, ReconContext context)
            throws ReconstructionException;

    /**
     * Reconstructs every slice of a volume, in slice order. The default calls
     * {@link #reconstruct(Acquisition, ReconParameters, ReconContext)} per slice; a method that can share work
     * across slices (e.g. calibrate once when {@link AcquisitionVolume#sharesPattern()}) overrides it.
     */
    default List<ReconstructedImage> reconstructVolume(AcquisitionVolume volume, ReconParameters parameters,
            ReconContext context) throws ReconstructionException {
        List<ReconstructedImage> out = new ArrayList<>(volume.size());
        int n = volume.size();
        for (int i = 0; i < n; i++) {
            context.checkCancelled();
            out.add(reconstruct(volume.slice(i), parameters, context.subTask((double) i / n, (double) (i + 1) / n)));
        }
        context.progress(1, "done");
        return out;
    }
}
