package org.mrirecon.cs;

import java.util.LinkedHashMap;
import java.util.List;
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
import org.mrirecon.numerics.op.Sensitivity;
import org.mrirecon.numerics.op.Wavelet;
import org.mrirecon.numerics.sens.Espirit;
import org.mrirecon.numerics.sens.EspiritParameters;
import org.mrirecon.numerics.solve.IterationMonitor;
import org.osgi.service.component.annotations.Component;

/**
 * Compressed sensing with an l1-wavelet prior on ESPIRiT coil maps, the classical baseline beyond parallel imaging
 * (BART's {@code ecalib} + {@code pics -l1}). Single-coil data uses a map of ones. With two sets of ESPIRiT maps
 * (the default, as BART's) one image per set is reconstructed and the complex output combines them as BART's
 * multi-map output is combined ({@link CoilCombine#sets}): root-sum-of-squares magnitude, phase of the first. Maps
 * are normalised to {@code sum |S|^2 = 1}, so the magnitude is on the scale of the root-sum-of-squares of the coil
 * images. Stateless between calls, so safe for concurrent use.
 */
@Component(service = Reconstructor.class, property = Reconstructor.METHOD_PROPERTY + "=" + CompressedSensingReconstructor.ID)
public class CompressedSensingReconstructor implements Reconstructor {

    static final String ID = "cs";
    static final String ITERATIONS = "iterations";
    static final String LAMBDA = "lambda";
    static final String WAVELET = "wavelet";
    static final String LEVELS = "levels";
    static final String SOLVER = "solver";
    static final String CYCLE_SPINNING = "cycleSpinning";
    static final String CROP = "espiritCrop";
    static final String THRESHOLD = "espiritThreshold";
    static final String MAPS = "espiritMaps";

    private final MethodDescriptor descriptor;

    public CompressedSensingReconstructor() {
        EspiritParameters e = EspiritParameters.defaults();
        this.descriptor = MethodDescriptor.builder(ID).displayName("Compressed sensing (l1-wavelet)")
                .description("SENSE with ESPIRiT coil maps and an l1 penalty on orthogonal Daubechies wavelet "
                        + "coefficients (random shifts per iteration), solved with FISTA or ADMM; "
                        + "the counterpart of BART's ecalib + pics -l1.")
                .defaultProtocol(4, 20).minimumCalibrationLines(e.kernelSize())
                .parameter(ParameterSpec.integer(ITERATIONS, 50, 1, 1000, "solver iterations"))
                .parameter(ParameterSpec.real(LAMBDA, 0.003, 0, 1,
                        "l1 weight relative to the peak of the coil-combined zero-filled image"))
                .parameter(ParameterSpec.choice(WAVELET, Wavelet.DB4.id(), Wavelet.ids(),
                        "orthogonal Daubechies wavelet (haar = db1)"))
                .parameter(ParameterSpec.integer(LEVELS, 4, 1, 8, "wavelet decomposition levels"))
                .parameter(ParameterSpec.choice(SOLVER, "fista", List.of("fista", "admm"), "optimisation algorithm"))
                .parameter(ParameterSpec.bool(CYCLE_SPINNING, true, "random wavelet shifts every iteration"))
                .parameter(ParameterSpec.real(CROP, e.crop(), 0, 1,
                        "ESPIRiT: zero the maps where the eigenvalue is at or below this (BART ecalib -c)"))
                .parameter(ParameterSpec.real(THRESHOLD, e.threshold(), 0, 0.5,
                        "ESPIRiT: keep calibration singular vectors with sigma^2/sigma_max^2 above this (ecalib -t)"))
                .parameter(ParameterSpec.integer(MAPS, e.sets(), 1, 2, "ESPIRiT: sets of maps (ecalib -m); the "
                        + "second captures signal folding in where the object is larger than the field of view"))
                .build();
    }

    @Override
    public MethodDescriptor descriptor() {
        return descriptor;
    }

    @Override
    public ReconstructedImage reconstruct(Acquisition input, ReconParameters parameters, ReconContext context)
            throws ReconstructionException {
        context.checkCancelled();
        KSpace k = input.kspace();
        long t0 = System.nanoTime();
        Sensitivity maps = maps(input, parameters);
        long t1 = System.nanoTime();
        context.progress(0.05, "coil maps");
        context.checkCancelled();

        L1WaveletSense.Settings settings = new L1WaveletSense.Settings(Wavelet.of(parameters.getString(WAVELET)),
                parameters.getInt(LEVELS), parameters.getDouble(LAMBDA), parameters.getInt(ITERATIONS),
                L1WaveletSense.Solver.valueOf(parameters.getString(SOLVER).toUpperCase(Locale.ROOT)),
                parameters.getBoolean(CYCLE_SPINNING));
        L1WaveletSense.Result r = L1WaveletSense.solve(k, input.pattern(), maps, settings,
                IterationMonitor.of(context.subTask(0.05, 1)));
        long t2 = System.nanoTime();

        Map<String, String> info = new LinkedHashMap<>();
        info.put("iterations", Integer.toString(settings.iterations()));
        info.put("solver", settings.solver().name().toLowerCase(Locale.ROOT));
        info.put("wavelet", settings.wavelet().id() + "x" + settings.levels());
        info.put("coilMaps", k.coils() == 1 ? "ones (single coil)" : "espirit x" + maps.sets());
        info.put("espiritMs", String.format(Locale.ROOT, "%.0f", (t1 - t0) / 1e6));
        info.put("solverMs", String.format(Locale.ROOT, "%.0f", (t2 - t1) / 1e6));
        info.put("lipschitz", String.format(Locale.ROOT, "%.4g", r.lipschitz()));
        info.put("lambdaAbsolute", String.format(Locale.ROOT, "%.4g", r.lambdaAbsolute()));
        context.progress(1, "done");
        return ReconstructedImage.ofComplex(k.phaseEncodes(), k.readouts(), CoilCombine.sets(r.images(), maps.sets()),
                info);
    }

    private static Sensitivity maps(Acquisition input, ReconParameters parameters) throws ReconstructionException {
        KSpace k = input.kspace();
        if (k.coils() == 1) {
            float[] ones = new float[2 * k.phaseEncodes() * k.readouts()];
            for (int i = 0; i < ones.length; i += 2) {
                ones[i] = 1;
            }
            return Sensitivity.ofCoils(ones, 1, k.phaseEncodes(), k.readouts());
        }
        EspiritParameters p = EspiritParameters.defaults().withCrop(parameters.getDouble(CROP))
                .withThreshold(parameters.getDouble(THRESHOLD)).withSets(parameters.getInt(MAPS));
        try {
            return Espirit.estimate(k, input.pattern(), p).operator();
        } catch (IllegalArgumentException e) {
            throw new ReconstructionException("compressed sensing cannot calibrate its coil maps: " + e.getMessage(),
                    e);
        }
    }
}
