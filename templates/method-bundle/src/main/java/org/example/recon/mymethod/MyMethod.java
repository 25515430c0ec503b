package org.example.recon.mymethod;

import java.util.Map;

import org.mrirecon.api.Acquisition;
import org.mrirecon.api.KSpace;
import org.mrirecon.api.MethodDescriptor;
import org.mrirecon.api.ParameterSpec;
import org.mrirecon.api.ReconContext;
import org.mrirecon.api.ReconParameters;
import org.mrirecon.api.ReconstructedImage;
import org.mrirecon.api.ReconstructionException;
import org.mrirecon.api.Reconstructor;
import org.mrirecon.numerics.coil.CoilCombine;
import org.mrirecon.numerics.fft.Fft2c;
import org.mrirecon.numerics.sens.Espirit;
import org.mrirecon.numerics.sens.SensitivityMaps;
import org.osgi.framework.BundleContext;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;

/**
 * TEMPLATE: replace the algorithm, keep the shape. This example method reconstructs by zero-filling and combines
 * the coils with ESPIRiT sensitivities (shared numerics), which gives a complex, phase-preserving image.
 *
 * <p>What the framework expects of every method (see the developer guide): a DS component registering
 * {@link Reconstructor} with the service property {@code recon.method=<id>}; a descriptor with id, protocol and
 * parameters; thread safety (one instance serves concurrent calls: keep per-call state local); progress reports and
 * {@code context.checkCancelled()} between steps; a {@link ReconstructionException} naming problem and fix for
 * input the method cannot handle.
 */
@Component(service = Reconstructor.class, property = Reconstructor.METHOD_PROPERTY + "=" + MyMethod.ID)
public class MyMethod implements Reconstructor {

    static final String ID = "my-method";
    private static final int MIN_ACS = 8;

    private final MethodDescriptor descriptor;

    /** Outside a framework (unit tests). */
    public MyMethod() {
        this("0.0.0");
    }

    /** In the framework: the reported version is the bundle's. */
    @Activate
    public MyMethod(BundleContext context) {
        this(context.getBundle().getVersion().toString());
    }

    private MyMethod(String version) {
        descriptor = MethodDescriptor.builder(ID).displayName("My method (zero-filled, ESPIRiT combination)")
                .version(version).description("Template method: zero-filled coil images combined with ESPIRiT maps.")
                .defaultProtocol(4, 20).minimumCalibrationLines(MIN_ACS)
                .parameter(ParameterSpec.real("espiritThreshold", 0.02, 1e-4, 0.5,
                        "ESPIRiT singular-value threshold, relative to the largest"))
                .build();
    }

    @Override
    public MethodDescriptor descriptor() {
        return descriptor;
    }

    @Override
    public ReconstructedImage reconstruct(Acquisition input, ReconParameters parameters, ReconContext context)
            throws ReconstructionException {
        if (input.pattern().calibrationLines() < MIN_ACS) {
            throw new ReconstructionException(ID + " needs at least " + MIN_ACS + " calibration lines for ESPIRiT, "
                    + "the data has " + input.pattern().calibrationLines() + ": acquire more ACS lines");
        }
        KSpace k = input.kspace();
        context.progress(0, "coil sensitivities");
        SensitivityMaps maps = Espirit.estimate(k, input.pattern(), org.mrirecon.numerics.sens.EspiritParameters
                .defaults().withThreshold(parameters.getDouble("espiritThreshold")));
        context.checkCancelled();
        context.progress(0.7, "coil images");
        float[][] coils = k.copyData();
        Fft2c.inverse(coils, k.phaseEncodes(), k.readouts());
        float[] image = CoilCombine.sensitivityWeighted(coils, maps.maps());
        context.progress(1, "done");
        return ReconstructedImage.ofComplex(k.phaseEncodes(), k.readouts(), image, Map.of("maps", "espirit"));
    }
}
