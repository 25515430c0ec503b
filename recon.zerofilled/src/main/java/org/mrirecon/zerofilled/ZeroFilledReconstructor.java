package org.mrirecon.zerofilled;

import java.util.Map;

import org.mrirecon.api.Acquisition;
import org.mrirecon.api.KSpace;
import org.mrirecon.api.MethodDescriptor;
import org.mrirecon.api.ReconContext;
import org.mrirecon.api.ReconParameters;
import org.mrirecon.api.ReconstructedImage;
import org.mrirecon.api.Reconstructor;
import org.mrirecon.numerics.coil.CoilImages;
import org.osgi.service.component.annotations.Component;

/**
 * Zero-filled reconstruction: the inverse centred FFT of the undersampled k-space with missing lines left at zero,
 * coils combined by root-sum-of-squares. fastMRI's baseline; it shows the aliasing the other methods remove.
 * Stateless, so safe for concurrent calls.
 */
@Component(service = Reconstructor.class, property = Reconstructor.METHOD_PROPERTY + "=" + ZeroFilledReconstructor.ID)
public class ZeroFilledReconstructor implements Reconstructor {

    static final String ID = "zero-filled";

    private final MethodDescriptor descriptor;

    public ZeroFilledReconstructor() {
        this.descriptor = MethodDescriptor.builder(ID).displayName("Zero-filled (RSS)")
                .description("Inverse FFT of the undersampled k-space, root-sum-of-squares over coils; no "
                        + "unaliasing. The lower bound every method must beat.")
                .defaultProtocol(4, 20).minimumCalibrationLines(0).build();
    }

    @Override
    public MethodDescriptor descriptor() {
        return descriptor;
    }

    @Override
    public ReconstructedImage reconstruct(Acquisition input, ReconParameters parameters, ReconContext context) {
        context.checkCancelled();
        KSpace k = input.kspace();
        float[] rss = CoilImages.rss(k);
        context.progress(1, "zero-filled");
        return ReconstructedImage.ofMagnitude(k.phaseEncodes(), k.readouts(), rss, Map.of("coilCombination", "rss"));
    }
}
