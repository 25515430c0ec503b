package org.mrirecon.grappa;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.mrirecon.api.Acquisition;
import org.mrirecon.api.AcquisitionVolume;
import org.mrirecon.api.KSpace;
import org.mrirecon.api.ReconContext;
import org.mrirecon.api.ReconstructedImage;
import org.mrirecon.api.ReconstructionException;
import org.mrirecon.api.SamplingPattern;
import org.mrirecon.numerics.coil.CoilImages;
import org.mrirecon.numerics.mask.Masks;
import org.mrirecon.numerics.metrics.ImageMetrics;
import org.mrirecon.phantom.KneePhantom;
import org.mrirecon.phantom.PhantomConfig;
import org.mrirecon.phantom.PhantomSlice;

/**
 * Image quality on the noisy knee phantom against its fully sampled RSS reference, at a reduced size (160 x 160,
 * two central slices, 15 coils: the coil count sets the array's ring layout, so it is kept).
 * Phase-encode runs anterior-posterior, across the coil elements around the leg, as in clinical knee protocols.
 */
class PhantomQualityTest {

    private static final int N = 160;
    private static final int COILS = 15;
    private static final List<KSpace> SLICES = new ArrayList<>();
    private static final List<float[]> REFERENCES = new ArrayList<>();

    @BeforeAll
    static void generate() {
        KneePhantom phantom = new KneePhantom(PhantomConfig.builder().matrix(N, N).coils(COILS).slices(35).seed(42)
                .build());
        for (int i = 16; i <= 17; i++) {
            PhantomSlice slice = phantom.slice(i);
            SLICES.add(slice.kspace());
            REFERENCES.add(slice.reference());
        }
    }

    /** NMSE, PSNR, SSIM of GRAPPA (default parameters) and of zero filling, over the slices. */
    private static double[][] scores(SamplingPattern p) throws ReconstructionException {
        List<Acquisition> acquisitions = new ArrayList<>();
        float[][] reference = new float[SLICES.size()][];
        float[][] zeroFilled = new float[SLICES.size()][];
        for (int i = 0; i < SLICES.size(); i++) {
            KSpace k = SLICES.get(i);
            reference[i] = REFERENCES.get(i);
            Acquisition acq = Acquisition.of(k, p, i);
            acquisitions.add(acq);
            zeroFilled[i] = CoilImages.rss(acq.kspace());
        }
        GrappaReconstructor grappa = new GrappaReconstructor();
        List<ReconstructedImage> images = grappa.reconstructVolume(AcquisitionVolume.of(acquisitions),
                grappa.descriptor().defaults(), ReconContext.none());
        float[][] recon = new float[images.size()][];
        for (int i = 0; i < recon.length; i++) {
            recon[i] = images.get(i).magnitude();
        }
        return new double[][] { metrics(reference, recon), metrics(reference, zeroFilled) };
    }

    private static double[] metrics(float[][] reference, float[][] image) {
        return new double[] { ImageMetrics.nmse(reference, image), ImageMetrics.psnr(reference, image),
                ImageMetrics.ssim(reference, image, N, N) };
    }

    private static void assertBetter(double[][] s, double nmseFactor, double psnrGain, double ssimGain) {
        String report = String.format(java.util.Locale.ROOT, "GRAPPA NMSE %.5f PSNR %.2f SSIM %.4f, zero-filled NMSE %.5f PSNR %.2f "
                + "SSIM %.4f", s[0][0], s[0][1], s[0][2], s[1][0], s[1][1], s[1][2]);
        System.out.println(report);
        assertTrue(s[0][0] < s[1][0] / nmseFactor, report);
        assertTrue(s[0][1] > s[1][1] + psnrGain, report);
        assertTrue(s[0][2] > s[1][2] + ssimGain, report);
    }

    /** Measured: GRAPPA NMSE 0.00108, PSNR 36.22, SSIM 0.955; zero-filled 0.01041, 26.39, 0.798. */
    @Test
    void clinicalTwofoldWith32CalibrationLines() throws ReconstructionException {
        assertBetter(scores(Masks.equispaced(N, 2, 32)), 4, 5, 0.04);
    }

    /** Measured: GRAPPA NMSE 0.00284, PSNR 32.03, SSIM 0.907; zero-filled 0.02973, 21.83, 0.665. */
    @Test
    void threefoldWith20CalibrationLines() throws ReconstructionException {
        assertBetter(scores(Masks.equispaced(N, 3, 20)), 1.25, 1, 0.03);
    }

    /** Measured: GRAPPA NMSE 0.00571, PSNR 28.99, SSIM 0.851; zero-filled 0.03495, 21.13, 0.634. */
    @Test
    void fourfoldWith20CalibrationLines() throws ReconstructionException {
        assertBetter(scores(Masks.equispaced(N, 4, 20)), 3, 5, 0.1);
    }
}
