package org.mrirecon.io;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.mrirecon.data.Dataset;
import org.mrirecon.data.ScanHeader;
import org.mrirecon.api.KSpace;
import org.mrirecon.api.SamplingPattern;
import org.mrirecon.numerics.coil.CoilCombine;
import org.mrirecon.numerics.fft.Fft2c;

import io.jhdf.HdfFile;

/**
 * The ISMRMRD acceptance file of make_fixtures.sh (ismrmrd_generate_cartesian_shepp_logan -m 64 -c 8 -a 2 -w 16
 * -C): 64 lines x 128 oversampled readout samples, 8 coils, a noise scan, and, with -a 2, two repetitions that each
 * acquire every other line (even, then odd) plus 16 calibration lines 24..39. It also holds the noise-free
 * {@code coil_images} the k-space was made from and ismrmrd_recon_cartesian_2d's image ({@code /dataset/cpp}).
 */
class IsmrmrdReaderTest {

    private static final Path FILE = Fixtures.path("ismrmrd_shepp_logan_64_8coil_R2.h5");
    private static final int N = 64;
    private static final int COILS = 8;
    /** The generator's noise level: standard deviation of each of re and im per k-space sample. */
    private static final double NOISE_SIGMA = 0.05;

    private static Dataset data;

    @BeforeAll
    static void read() throws DataFormatException {
        data = Readers.read(FILE);
    }

    @Test
    void detectsIsmrmrdByContent() throws DataFormatException {
        assertEquals(DataFormat.ISMRMRD, Readers.detect(FILE));
        assertEquals(DataFormat.ISMRMRD.description(), data.format());
    }

    @Test
    void headerFollowsTheXmlAfterOversamplingRemoval() {
        ScanHeader h = data.header();
        assertEquals(N, data.rows());
        assertEquals(N, data.cols(), "128 oversampled readout samples become the 64 of reconSpace");
        assertEquals(COILS, data.coils());
        assertEquals(2, data.sliceCount(), "the two repetitions are two images");
        assertEquals(300, h.fovPhaseMm(), 1e-9);
        assertEquals(300, h.fovReadoutMm(), 1e-9);
        assertEquals(6, h.sliceThicknessMm(), 1e-9);
        assertEquals("2", data.attributes().get("acceleration"));
        assertEquals(16, data.pattern(0).calibrationLines());
        assertEquals(N, data.referenceRows());
        assertEquals(N, data.referenceCols());
        assertFalse(data.hasReference());
        assertNull(data.reference(0));
        assertTrue(data.notes().stream().anyMatch(n -> n.contains("1 noise scan(s) skipped")), data.notes()::toString);
        assertTrue(data.notes().stream().anyMatch(n -> n.contains("readout oversampling removed")));
    }

    @Test
    void patternsAreEveryOtherLinePlusTheCalibrationBlock() {
        for (int rep = 0; rep < 2; rep++) {
            SamplingPattern p = data.pattern(rep);
            assertEquals(24, p.calibrationStart());
            assertEquals(40, p.calibrationEnd());
            for (int ky = 0; ky < N; ky++) {
                boolean expected = ky % 2 == rep || (ky >= 24 && ky < 40);
                assertEquals(expected, p.isAcquired(ky), "repetition " + rep + ", line " + ky);
            }
            assertEquals(40, p.acquiredLines());
        }
        assertFalse(data.isFullySampled());
        assertEquals(2, data.toVolume().size());
    }

    /**
     * ismrmrd_recon_cartesian_2d (Debian's ismrmrd-tools) copies every imaging acquisition into one 128 x 64 buffer
     * per coil (later lines overwrite earlier ones: repetition 0's calibration lines by repetition 1's), applies an
     * unnormalised inverse 2-D FFT, crops the readout to 64 and takes the root-sum-of-squares over the coils. The
     * same lines from our two images, through our oversampling removal, Fft2c and CoilCombine.rss, must give the
     * same image times sqrt(128 * 64).
     */
    @Test
    void matchesIsmrmrdReconCartesian2d() throws Exception {
        float[] merged = mergedRepetitions();
        Fft2c.inverseStack(merged, COILS, N, N);
        float[] ours = CoilCombine.rss(merged, COILS);
        float scale = (float) Math.sqrt(128.0 * 64);
        for (int i = 0; i < ours.length; i++) {
            ours[i] *= scale;
        }
        float[] cpp;
        try (HdfFile f = new HdfFile(FILE)) {
            cpp = Fixtures.flatten(f.getDatasetByPath("/dataset/cpp/data").getData(), N * N); // [1][1][1][y][x]
        }
        double err = Fixtures.relativeError(ours, cpp);
        System.out.printf("ISMRMRD zero-filled RSS vs ismrmrd_recon_cartesian_2d: relative error %.2e%n", err);
        assertTrue(err < 1e-5, "relative error " + err);
    }

    /**
     * The generator made the k-space as fft2c of {@code coil_images} (64 x 128, noise-free) plus white noise of
     * sigma 0.05, then kept the acquired lines. On every acquired line our k-space must equal Fft2c of the coil images
     * cropped to the central 64 readout samples, up to that noise: the residual's RMS per component must be the
     * noise sigma and the least-squares gain 1.
     */
    @Test
    void matchesTheStoredCoilImagesWhereLinesWereAcquired() throws Exception {
        float[] truth = Fixtures.coilImagesKSpace(FILE, COILS, N);
        for (int rep = 0; rep < 2; rep++) {
            KSpace k = data.kspace(rep);
            double residual = 0;
            double signal = 0;
            double cross = 0;
            long n = 0;
            float[] ours = k.copyData();
            for (int c = 0; c < COILS; c++) {
                for (int ky = 0; ky < N; ky++) {
                    if (!data.pattern(rep).isAcquired(ky)) {
                        continue;
                    }
                    for (int j = 2 * (c * N + ky) * N; j < 2 * (c * N + ky + 1) * N; j++) {
                        double d = ours[j] - truth[j];
                        residual += d * d;
                        signal += (double) truth[j] * truth[j];
                        cross += (double) ours[j] * truth[j];
                        n++;
                    }
                }
            }
            double rms = Math.sqrt(residual / n);
            double gain = cross / signal;
            System.out.printf("ISMRMRD repetition %d vs coil_images on acquired lines: relative error %.3f, residual "
                    + "RMS %.4f (noise sigma %.2f), gain %.4f%n", rep, Math.sqrt(residual / signal), rms, NOISE_SIGMA,
                    gain);
            assertEquals(NOISE_SIGMA, rms, 0.1 * NOISE_SIGMA, "the residual is the generator's noise");
            assertEquals(1.0, gain, 0.01, "no scale or orientation error");
        }
        // Image domain: the complex coil images of the merged lines differ from the truth by the same white noise
        float[] merged = mergedRepetitions();
        Fft2c.inverseStack(merged, COILS, N, N);
        Fft2c.inverseStack(truth, COILS, N, N);
        double sum = 0;
        for (int j = 0; j < merged.length; j++) {
            double d = merged[j] - truth[j];
            sum += d * d;
        }
        double rms = Math.sqrt(sum / (COILS * 2.0 * N * N));
        double err = Fixtures.relativeError(CoilCombine.rss(merged, COILS), CoilCombine.rss(truth, COILS));
        System.out.printf("ISMRMRD zero-filled coil images (both repetitions' lines) vs coil_images: residual RMS "
                + "%.4f (noise sigma %.2f); RSS relative error %.3f%n", rms, NOISE_SIGMA, err);
        assertEquals(NOISE_SIGMA, rms, 0.1 * NOISE_SIGMA);
    }

    /** Every line once, as ismrmrd_recon_cartesian_2d fills its buffer: repetition 1 where it has the line. */
    private static float[] mergedRepetitions() {
        float[] merged = new float[2 * COILS * N * N];
        for (int c = 0; c < COILS; c++) {
            for (int ky = 0; ky < N; ky++) {
                (data.pattern(1).isAcquired(ky) ? data.kspace(1) : data.kspace(0)).copyLine(c, ky, merged,
                        2 * (c * N + ky) * N);
            }
        }
        return merged;
    }
}
