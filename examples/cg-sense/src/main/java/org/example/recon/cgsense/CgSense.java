package org.example.recon.cgsense;

import java.util.List;
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
import org.mrirecon.numerics.coil.DataConsistency;
import org.mrirecon.numerics.op.LinearOperator;
import org.mrirecon.numerics.op.SenseOperator;
import org.mrirecon.numerics.sens.Espirit;
import org.mrirecon.numerics.sens.EspiritParameters;
import org.mrirecon.numerics.sens.SensitivityMaps;
import org.osgi.service.component.annotations.Component;

/**
 * CG-SENSE (Pruessmann et al. 2001): solves the SENSE normal equations {@code (A^H A + lambda I) x = A^H y} with
 * conjugate gradients, where {@code A = M F S} with ESPIRiT coil maps estimated from the ACS lines. Everything but
 * the solver comes from the framework's shared numerics. The default output is the root-sum-of-squares of the
 * data-consistent coil images, as the built-in methods and the RSS reference; {@code output=sense} gives the complex
 * SENSE image. Stateless, so safe for concurrent calls.
 */
@Component(service = Reconstructor.class, property = Reconstructor.METHOD_PROPERTY + "=" + CgSense.ID)
public class CgSense implements Reconstructor {

    static final String ID = "cg-sense";
    private static final int MIN_ACS = 8;

    private final MethodDescriptor descriptor;

    public CgSense() {
        descriptor = MethodDescriptor.builder(ID).displayName("CG-SENSE (ESPIRiT maps)")
                .description("Conjugate gradient on the SENSE normal equations with ESPIRiT sensitivities; "
                        + "a third-party example built outside the main project.")
                .defaultProtocol(4, 20).minimumCalibrationLines(MIN_ACS)
                .parameter(ParameterSpec.integer("iterations", 12, 1, 500,
                        "CG iterations (early stopping regularises: more iterations amplify noise)"))
                .parameter(ParameterSpec.real("tolerance", 1e-4, 0, 1, "stop when ||r|| / ||A^H y|| falls below"))
                .parameter(ParameterSpec.real("lambda", 0.0, 0, 10, "Tikhonov weight added to the normal operator (0: plain CG-SENSE)"))
                .parameter(ParameterSpec.choice("output", "rss", List.of("rss", "sense"), "rss: root-sum-of-squares "
                        + "of the data-consistent coil images (fastMRI's convention, as the built-in methods); sense: "
                        + "the complex SENSE image"))
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
            throw new ReconstructionException("CG-SENSE needs at least " + MIN_ACS + " calibration lines to "
                    + "estimate coil maps, the data has " + input.pattern().calibrationLines()
                    + ": acquire more ACS lines");
        }
        KSpace k = input.kspace();
        int rows = k.phaseEncodes();
        int cols = k.readouts();
        context.progress(0, "ESPIRiT maps");
        SensitivityMaps maps = Espirit.estimate(k, input.pattern(), EspiritParameters.defaults().withSets(1));
        context.checkCancelled();

        LinearOperator a = SenseOperator.of(maps.maps(), input.pattern(), cols);
        float[] y = new float[2 * k.coils() * rows * cols];
        for (int c = 0; c < k.coils(); c++) {
            System.arraycopy(k.coil(c), 0, y, c * 2 * rows * cols, 2 * rows * cols);
        }
        float[] b = a.applyAdjoint(y);
        int iterations = parameters.getInt("iterations");
        ConjugateGradient.Result result = ConjugateGradient.solve(a.normal(), b, parameters.getDouble("lambda"),
                iterations, parameters.getDouble("tolerance"), it -> {
                    context.checkCancelled();
                    context.progress(0.2 + 0.8 * it / iterations, "CG iteration " + it);
                });
        Map<String, String> info = Map.of("iterations", Integer.toString(result.iterations()), "relativeResidual",
                String.format("%.2e", result.relativeResidual()));
        if (parameters.getString("output").equals("sense")) {
            return ReconstructedImage.ofComplex(rows, cols, result.x(), info);
        }
        return ReconstructedImage.ofMagnitude(rows, cols,
                DataConsistency.rss(k, input.pattern(), maps.maps(), result.x()), info);
    }
}
