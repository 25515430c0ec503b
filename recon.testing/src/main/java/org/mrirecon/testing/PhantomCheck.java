package org.mrirecon.testing;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.mrirecon.api.Acquisition;
import org.mrirecon.api.AcquisitionVolume;
import org.mrirecon.api.ReconContext;
import org.mrirecon.api.ReconstructedImage;
import org.mrirecon.api.ReconstructionException;
import org.mrirecon.api.Reconstructor;
import org.mrirecon.api.SamplingPattern;
import org.mrirecon.numerics.mask.Masks;
import org.mrirecon.numerics.metrics.ImageMetrics;
import org.mrirecon.phantom.KneePhantom;
import org.mrirecon.phantom.PhantomConfig;
import org.mrirecon.phantom.PhantomSlice;

/**
 * Runs a method on a small knee phantom and scores it, so a method's in-framework test is a few lines:
 *
 * <pre>{@code
 * PhantomCheck.Scores s = PhantomCheck.of(160, 8, 3).run(reconstructor, 4, 20, Map.of());
 * assertTrue(s.ssim() > PhantomCheck.of(160, 8, 3).run(zeroFilled, 4, 20, Map.of()).ssim());
 * }</pre>
 */
public final class PhantomCheck {

    private final int matrix;
    private final List<PhantomSlice> slices = new ArrayList<>();
    private final float[][] reference;

    private PhantomCheck(int matrix, int coils, int sliceCount) {
        this.matrix = matrix;
        KneePhantom phantom = new KneePhantom(PhantomConfig.builder().matrix(matrix, matrix).coils(coils)
                .slices(Math.max(sliceCount, 3) + 2).build());
        int first = 1;
        reference = new float[sliceCount][];
        for (int s = 0; s < sliceCount; s++) {
            PhantomSlice slice = phantom.slice(first + s);
            slices.add(slice);
            reference[s] = slice.reference();
        }
    }

    /** A phantom of {@code matrix x matrix} with that many coils and central slices. */
    public static PhantomCheck of(int matrix, int coils, int slices) {
        return new PhantomCheck(matrix, coils, slices);
    }

    /** Scores of one run, as fastMRI's evaluate.py computes them. */
    public record Scores(double nmse, double psnr, double ssim, List<ReconstructedImage> images) {
    }

    /**
     * Undersamples every slice regularly by {@code acceleration} with {@code acsLines} centre lines, reconstructs
     * the volume with the method and scores it against the fully sampled reference.
     */
    public Scores run(Reconstructor method, int acceleration, int acsLines, Map<String, String> parameters)
            throws ReconstructionException {
        SamplingPattern pattern = Masks.equispaced(matrix, acceleration, acsLines);
        List<Acquisition> acq = new ArrayList<>();
        for (PhantomSlice s : slices) {
            acq.add(Acquisition.of(s.kspace(), pattern, acq.size()));
        }
        List<ReconstructedImage> images = method.reconstructVolume(AcquisitionVolume.of(acq),
                method.descriptor().parameters(parameters), ReconContext.none());
        float[][] pred = new float[images.size()][];
        for (int i = 0; i < pred.length; i++) {
            pred[i] = images.get(i).magnitude();
        }
        return new Scores(ImageMetrics.nmse(reference, pred), ImageMetrics.psnr(reference, pred),
                ImageMetrics.ssim(reference, pred, matrix, matrix), images);
    }
}
