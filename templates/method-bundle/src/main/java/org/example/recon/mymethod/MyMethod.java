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
import org.mrirecon.numerics.coil.CoilCombine;
import org.mrirecon.numerics.fft.Fft2c;
import org.osgi.service.component.annotations.Component;

/**
 * TEMPLATE: replace the algorithm, keep the shape. The placeholder algorithm is zero-filling with an optional
 * Hamming filter along readout, coils combined by root-sum-of-squares (shared numerics: {@link Fft2c},
 * {@link CoilCombine}); with {@code filter=none} it reproduces the built-in zero-filled method exactly, which the
 * template's tests check. examples/cg-sense shows a real method built from this template.
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
        float[][] coils = new float[k.coils()][];
        for (int c = 0; c < coils.length; c++) {
            coils[c] = k.coil(c);
        }
        if (parameters.getString("filter").equals("hamming")) {
            for (float[] coil : coils) {
                for (int kx = 0; kx < cols; kx++) {
                    float w = (float) (0.54 - 0.46 * Math.cos(2 * Math.PI * kx / (cols - 1)));
                    for (int ky = 0; ky < rows; ky++) {
                        coil[2 * (ky * cols + kx)] *= w;
                        coil[2 * (ky * cols + kx) + 1] *= w;
                    }
                }
            }
        }
        context.checkCancelled();
        context.progress(0.5, "inverse FFT");
        Fft2c.inverse(coils, rows, cols);
        context.progress(1, "done");
        return ReconstructedImage.ofMagnitude(rows, cols, CoilCombine.rss(coils),
                Map.of("filter", parameters.getString("filter")));
    }
}
