package org.mrirecon.grappa;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.mrirecon.api.Acquisition;
import org.mrirecon.api.AcquisitionHeader;
import org.mrirecon.api.AcquisitionVolume;
import org.mrirecon.api.KSpace;
import org.mrirecon.api.ReconContext;
import org.mrirecon.api.ReconstructedImage;
import org.mrirecon.api.ReconstructionException;
import org.mrirecon.api.SamplingPattern;
import org.mrirecon.numerics.coil.CoilCombine;
import org.mrirecon.numerics.fft.Fft2c;
import org.mrirecon.numerics.mask.Masks;
import org.mrirecon.numerics.metrics.ImageMetrics;
import org.mrirecon.phantom.KneePhantom;
import org.mrirecon.phantom.PhantomConfig;
import org.mrirecon.phantom.PhantomSlice;

/**
 * Image quality on the noisy knee phantom against its fully sampled RSS reference, at a reduced size (160 x 160,
 * two central slices, 15 coils: the coil count sets the array's ring layout, so it is kept).
 *
 * <p>The phantom's phase-encode axis (superior-inferior) runs along the axis of its cylindrical coil array, where
 * only the 3 rings of coils differ: 2x and 3x unfold along it, 4x does not (GRAPPA, like any parallel imaging, is
 * then no better than zero filling). The 4x case is therefore checked on the same slices transposed, i.e. with
 * phase-encode anterior-posterior, across the rings, as knee protocols can choose.
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
    private static double[][] scores(SamplingPattern p, boolean transposed) throws ReconstructionException {
        List<Acquisition> acquisitions = new ArrayList<>();
        float[][] reference = new float[SLICES.size()][];
        float[][] zeroFilled = new float[SLICES.size()][];
        for (int i = 0; i < SLICES.size(); i++) {
            KSpace k = transposed ? transpose(SLICES.get(i)) : SLICES.get(i);
            reference[i] = transposed ? transpose(REFERENCES.get(i)) : REFERENCES.get(i);
            Acquisition acq = Acquisition.of(k, p, AcquisitionHeader.builder(N, N, COILS)
                    .sampling(p).build(), i);
            acquisitions.add(acq);
            float[][] coils = acq.kspace().copyData();
            Fft2c.inverse(coils, N, N);
            zeroFilled[i] = CoilCombine.rss(coils);
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

    /** Transposing k-space transposes the image (square matrix): the same slice with the axes swapped. */
    private static KSpace transpose(KSpace k) {
        float[][] data = k.copyData();
        float[][] out = new float[data.length][2 * N * N];
        for (int c = 0; c < data.length; c++) {
            for (int y = 0; y < N; y++) {
                for (int x = 0; x < N; x++) {
                    out[c][2 * (x * N + y)] = data[c][2 * (y * N + x)];
                    out[c][2 * (x * N + y) + 1] = data[c][2 * (y * N + x) + 1];
                }
            }
        }
        return KSpace.wrap(N, N, out);
    }

    private static float[] transpose(float[] image) {
        float[] out = new float[image.length];
        for (int y = 0; y < N; y++) {
            for (int x = 0; x < N; x++) {
                out[x * N + y] = image[y * N + x];
            }
        }
        return out;
    }

    private static void assertBetter(double[][] s, double nmseFactor, double psnrGain, double ssimGain) {
        String report = String.format("GRAPPA NMSE %.5f PSNR %.2f SSIM %.4f, zero-filled NMSE %.5f PSNR %.2f "
                + "SSIM %.4f", s[0][0], s[0][1], s[0][2], s[1][0], s[1][1], s[1][2]);
        assertTrue(s[0][0] < s[1][0] / nmseFactor, report);
        assertTrue(s[0][1] > s[1][1] + psnrGain, report);
        assertTrue(s[0][2] > s[1][2] + ssimGain, report);
    }

    /** Measured: GRAPPA NMSE 0.00082, PSNR 35.98, SSIM 0.962; zero-filled 0.00432, 28.78, 0.902. */
    @Test
    void clinicalTwofoldWith32CalibrationLines() throws ReconstructionException {
        assertBetter(scores(Masks.equispaced(N, 2, 32), false), 4, 5, 0.04);
    }

    /** Measured: GRAPPA NMSE 0.0084, PSNR 25.89, SSIM 0.843; zero-filled 0.0119, 24.38, 0.793. */
    @Test
    void threefoldWith20CalibrationLines() throws ReconstructionException {
        assertBetter(scores(Masks.equispaced(N, 3, 20), false), 1.25, 1, 0.03);
    }

    /** Measured (phase-encode AP): GRAPPA NMSE 0.0069, PSNR 26.76, SSIM 0.810; zero-filled 0.0282, 20.64, 0.631. */
    @Test
    void fourfoldWith20CalibrationLinesAcrossTheCoilRings() throws ReconstructionException {
        assertBetter(scores(Masks.equispaced(N, 4, 20), true), 3, 5, 0.1);
    }
}
