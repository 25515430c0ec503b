package org.mrirecon.varnet;

import org.mrirecon.api.Acquisition;
import org.mrirecon.api.MethodDescriptor;
import org.mrirecon.api.ParameterSpec;
import org.mrirecon.api.ReconContext;
import org.mrirecon.api.ReconParameters;
import org.mrirecon.api.ReconstructedImage;
import org.mrirecon.api.ReconstructionException;
import org.mrirecon.api.Reconstructor;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Deactivate;
import org.osgi.service.metatype.annotations.Designate;

/**
 * The E2E variational network as a reconstruction method: a model (by default the one bundled here, else the
 * configured or requested one) run with ONNX Runtime for the learned U-Nets and Java for the physics. A change of
 * the configuration restarts the component, so the descriptor always names the model it runs by default.
 */
@Component(service = Reconstructor.class, configurationPid = VarNetReconstructor.PID,
        property = Reconstructor.METHOD_PROPERTY + "=" + VarNetReconstructor.ID)
@Designate(ocd = VarNetConfig.class)
public class VarNetReconstructor implements Reconstructor {

    static final String ID = "varnet";
    static final String PID = "org.mrirecon.varnet";
    static final String MODEL = "model";
    static final String THREADS = "threads";
    /** The fewest ACS lines the bundled model's sensitivity net was trained with. */
    static final int MINIMUM_ACS = 8;

    private final MethodDescriptor descriptor;
    private final String defaultModel;
    private final int defaultThreads;
    private final ModelCache models = new ModelCache();

    /** For use outside a framework (tests, scripts): the bundled model, one thread per core. */
    public VarNetReconstructor() {
        this("", 0);
    }

    @Activate
    public VarNetReconstructor(VarNetConfig config) {
        this(config.model(), config.threads());
    }

    VarNetReconstructor(String defaultModel, int defaultThreads) {
        this.defaultModel = defaultModel == null ? "" : defaultModel.strip();
        this.defaultThreads = Math.max(0, defaultThreads);
        this.descriptor = MethodDescriptor.builder(ID).displayName("E2E VarNet (ONNX)")
                .description("End-to-end variational network (Sriram et al. 2020, fastMRI): a U-Net estimates coil "
                        + "sensitivities from the ACS lines, cascades of U-Net regularisers alternate with learned "
                        + "soft data consistency. U-Nets in ONNX Runtime, physics in Java. Model: "
                        + ModelLoader.identify(this.defaultModel))
                .defaultProtocol(4, 20).minimumCalibrationLines(MINIMUM_ACS)
                .parameter(ParameterSpec.text(MODEL, "", "model package folder or .zip, or a whole-graph .onnx "
                        + "(fastMRI interface); empty: the configured default (PID " + PID + "), else the bundled "
                        + "model"))
                .parameter(ParameterSpec.integer(THREADS, 0, 0, 256, "ONNX Runtime intra-op threads; 0: the "
                        + "configured default, else one per physical core"))
                .build();
    }

    @Deactivate
    void deactivate() {
        models.close();
    }

    @Override
    public MethodDescriptor descriptor() {
        return descriptor;
    }

    @Override
    public ReconstructedImage reconstruct(Acquisition input, ReconParameters parameters, ReconContext context)
            throws ReconstructionException {
        String location = parameters.getString(MODEL).strip();
        int threads = parameters.getInt(THREADS);
        VarNetModel model;
        try {
            model = models.get(location.isEmpty() ? defaultModel : location, threads > 0 ? threads : defaultThreads);
        } catch (IllegalArgumentException e) {
            throw new ReconstructionException(e.getMessage(), e);
        }
        float[] image = model.reconstruct(input, context);
        return ReconstructedImage.ofMagnitude(input.kspace().phaseEncodes(), input.kspace().readouts(), image,
                model.info());
    }
}
