package org.example.recon.cgsense;

import java.util.Locale;
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
import org.mrirecon.numerics.op.LinearOperator;
import org.mrirecon.numerics.op.Operators;
import org.mrirecon.numerics.op.Sense;
import org.mrirecon.numerics.sens.Espirit;
import org.mrirecon.numerics.solve.ConjugateGradient;
import org.mrirecon.numerics.solve.IterationMonitor;
import org.osgi.service.component.annotations.Component;

/**
 * CG-SENSE (Pruessmann et al. 2001): solves the SENSE normal equations {@code (A^H A + lambda I) x = A^H y} with
 * conjugate gradients, where {@code A = M F S} with the two sets of ESPIRiT coil maps estimated from the ACS lines
 * (soft SENSE: one image per set, combined by {@link CoilCombine#sets}). Maps, operator and solver all come from the
 * framework's shared numerics; the output is the complex SENSE image. Stateless, so safe for concurrent calls.
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
        context.progress(0, "ESPIRiT maps");
        Sense a = new Sense(Espirit.estimate(k, input.pattern()).operator(), input.pattern());
        context.checkCancelled();

        float[] b = a.applyAdjoint(k.copyData());
        LinearOperator normal = Operators.sum(a.normal(),
                Operators.scaledIdentity(a.domain(), (float) parameters.getDouble("lambda")));
        float[] x = new float[b.length];
        ConjugateGradient.Result result = ConjugateGradient.solve(normal, b, x, parameters.getInt("iterations"),
                parameters.getDouble("tolerance"), IterationMonitor.of(context.subTask(0.2, 1)));
        Map<String, String> info = Map.of("iterations", Integer.toString(result.iterations()), "relativeResidual",
                String.format(Locale.ROOT, "%.2e", result.relativeResidual()));
        return ReconstructedImage.ofComplex(k.phaseEncodes(), k.readouts(),
                CoilCombine.sets(x, a.sensitivity().sets()), info);
    }
}
