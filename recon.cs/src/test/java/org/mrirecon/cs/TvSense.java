package org.mrirecon.cs;

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
import org.mrirecon.api.SamplingPattern;
import org.mrirecon.numerics.coil.CoilCombine;
import org.mrirecon.numerics.op.LinearOperator;
import org.mrirecon.numerics.op.Sense;
import org.mrirecon.numerics.op.Sensitivity;
import org.mrirecon.numerics.op.Vectors;
import org.mrirecon.numerics.sens.Espirit;
import org.mrirecon.numerics.sens.EspiritParameters;
import org.mrirecon.numerics.solve.Fista;
import org.mrirecon.numerics.solve.IterationMonitor;
import org.mrirecon.numerics.solve.TotalVariation;

/**
 * TV-regularised SENSE written against the exported numerics alone, the worked example of docs/developer-guide.md:
 * {@code min_x 1/2 ||M F S x - y||^2 + lambda TV(x)} with two sets of ESPIRiT maps (soft SENSE, no edge artefact where
 * the object is larger than the field of view), the SENSE operator's fast normal operator and FISTA with the
 * total-variation proximal operator. In a bundle the class carries
 * {@code @Component(service = Reconstructor.class, property = Reconstructor.METHOD_PROPERTY + "=tv-sense")}.
 */
public class TvSense implements Reconstructor {

    /** Dual iterations of the TV proximal operator per FISTA iteration; warm-started, so a few suffice. */
    static final int TV_ITERATIONS = 3;

    private final MethodDescriptor descriptor = MethodDescriptor.builder("tv-sense").displayName("TV-SENSE")
            .description("SENSE with two sets of ESPIRiT maps and a total-variation penalty, solved with FISTA")
            .defaultProtocol(4, 20).minimumCalibrationLines(EspiritParameters.defaults().kernelSize())
            .parameter(ParameterSpec.integer("iterations", 50, 1, 1000, "FISTA iterations"))
            .parameter(ParameterSpec.real("lambda", 0.004, 0, 1, "TV weight relative to the peak of A^H y"))
            .build();

    @Override
    public MethodDescriptor descriptor() {
        return descriptor;
    }

    @Override
    public ReconstructedImage reconstruct(Acquisition input, ReconParameters parameters, ReconContext context)
            throws ReconstructionException {
        Sensitivity maps;
        try {
            maps = Espirit.estimate(input.kspace(), input.pattern()).operator();
        } catch (IllegalArgumentException e) {
            throw new ReconstructionException("TV-SENSE cannot calibrate its coil maps: " + e.getMessage(), e);
        }
        context.checkCancelled();
        KSpace k = input.kspace();
        float[] images = solve(k, input.pattern(), maps, parameters.getDouble("lambda"),
                parameters.getInt("iterations"), IterationMonitor.of(context));
        return ReconstructedImage.ofComplex(k.phaseEncodes(), k.readouts(), CoilCombine.sets(images, maps.sets()),
                Map.of("iterations", Integer.toString(parameters.getInt("iterations"))));
    }

    /** One image per set of maps, {@code [sets, rows, cols]}. */
    static float[] solve(KSpace k, SamplingPattern pattern, Sensitivity maps, double lambda, int iterations,
            IterationMonitor monitor) {
        Sense a = new Sense(maps, pattern);
        LinearOperator normal = a.normal();
        float[] aty = a.applyAdjoint(k.copyData());
        double peak = Vectors.maxMagnitude(aty);
        if (peak == 0) {
            return aty;
        }
        double lipschitz = a.normalBound(); // ||A^H A|| <= the maps' largest gain: FISTA's step bound, proven
        TotalVariation tv = new TotalVariation(a.domain(), lambda * peak, TV_ITERATIONS, -2, -1);
        return Fista.solve(normal, aty, tv, lipschitz, iterations, monitor);
    }
}
