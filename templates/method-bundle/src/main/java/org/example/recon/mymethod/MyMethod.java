package org.example.recon.mymethod;

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
import org.mrirecon.numerics.coil.CoilImages;
import org.mrirecon.numerics.op.Shape;
import org.osgi.service.component.annotations.Component;

/**
 * TEMPLATE: replace the algorithm, keep the shape. The placeholder algorithm is zero-filling with an optional
 * Hamming filter along readout, coils combined by root-sum-of-squares (shared numerics: {@link CoilImages}); with
 * {@code filter=none} it reproduces the built-in zero-filled method exactly, which the template's tests check.
 * Multi-coil data is one flat coil-major array {@code [coils, ky, kx]} (see {@link KSpace} and {@link Shape}), so a
 * per-sample loop needs no loop over coils. examples/cg-sense shows a real method built from this template, on the
 * shared operators and solvers.
 *
 * <p>What the framework expects of every method (see docs/developer-guide.md): a DS component registering
 * {@link Reconstructor} with the service property {@code recon.method=<id>}; a descriptor with id, protocol and
 * parameters; thread safety (one instance serves concurrent calls: keep per-call state local); progress reports and
 * {@code context.checkCancelled()} between steps; a {@link ReconstructionException} naming problem and fix for
 * input the method cannot handle.
 */
@Component(service = Reconstructor.class, property = Reconstructor.METHOD_PROPERTY + "=" + MyMethod.ID)
public class MyMethod implements Reconstructor {

    static final String ID = "my-method";

    private final MethodDescriptor descriptor;

    public MyMethod() {
        descriptor = MethodDescriptor.builder(ID).displayName("My method (template: filtered zero-filling)")
                .description("Template placeholder: zero-filled coil images, optional Hamming "
                        + "filter along readout, root-sum-of-squares.")
                .defaultProtocol(4, 20).minimumCalibrationLines(0)
                .parameter(ParameterSpec.choice("filter", "none", List.of("none", "hamming"),
                        "k-space filter along readout: none, or a Hamming window (less ringing, less detail)"))
                .build();
    }

    @Override
    public MethodDescriptor descriptor() {
        return descriptor;
    }

    @Override
    public ReconstructedImage reconstruct(Acquisition input, ReconParameters parameters, ReconContext context)
            throws ReconstructionException {
        KSpace k = input.kspace();
        int rows = k.phaseEncodes();
        int cols = k.readouts();
        if (rows < 2 || cols < 2) {
            throw new ReconstructionException(ID + " needs at least a 2x2 matrix, the data is " + rows + "x" + cols);
        }
        float[] data = k.copyData();
        if (parameters.getString("filter").equals("hamming")) {
            for (int i = 0; i < data.length; i += 2) {
                int kx = (i / 2) % cols;
                float w = (float) (0.54 - 0.46 * Math.cos(2 * Math.PI * kx / (cols - 1)));
                data[i] *= w;
                data[i + 1] *= w;
            }
        }
        context.checkCancelled();
        context.progress(0.5, "coil images");
        float[] rss = CoilImages.rss(data, Shape.of(k.shape()));
        context.progress(1, "done");
        return ReconstructedImage.ofMagnitude(rows, cols, rss, Map.of("filter", parameters.getString("filter")));
    }
}
