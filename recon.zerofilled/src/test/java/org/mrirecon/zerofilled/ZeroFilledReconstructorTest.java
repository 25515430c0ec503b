package org.mrirecon.zerofilled;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import org.mrirecon.api.Acquisition;
import org.mrirecon.api.KSpace;
import org.mrirecon.api.ReconContext;
import org.mrirecon.api.ReconstructedImage;
import org.mrirecon.api.SamplingPattern;
import org.mrirecon.numerics.fft.Fft2c;
import org.mrirecon.numerics.mask.Masks;

class ZeroFilledReconstructorTest {

    private static final int ROWS = 32;
    private static final int COLS = 24;

    /** Two coils seeing a square with different complex weights, {@code [coils, rows, cols]}. */
    private static float[] coilImages() {
        float[] img = new float[2 * 2 * ROWS * COLS];
        for (int y = 10; y < 22; y++) {
            for (int x = 6; x < 18; x++) {
                img[2 * (y * COLS + x)] = 3;
                img[2 * ((ROWS + y) * COLS + x) + 1] = 4;
            }
        }
        return img;
    }

    private static ReconstructedImage reconstruct(SamplingPattern p) {
        float[] k = coilImages();
        Fft2c.forwardStack(k, 2, ROWS, COLS);
        ZeroFilledReconstructor r = new ZeroFilledReconstructor();
        return r.reconstruct(Acquisition.of(KSpace.of(2, ROWS, COLS, k), p, 0), r.descriptor().defaults(),
                ReconContext.none());
    }

    @Test
    void fullySampledGivesRootSumOfSquaresOfCoilImages() {
        ReconstructedImage img = reconstruct(SamplingPattern.fullySampled(ROWS));
        assertEquals(5f, img.magnitudeAt(15, 10), 1e-5f); // sqrt(3^2 + 4^2)
        assertEquals(0f, img.magnitudeAt(2, 2), 1e-5f);
        assertEquals(ROWS, img.height());
        assertEquals(COLS, img.width());
    }

    @Test
    void regularTwofoldUndersamplingFoldsHalfTheSignalByHalfTheFieldOfView() {
        // Keeping every 2nd line (no ACS) multiplies k-space by (1 + (-1)^ky) / 2, so the image becomes
        // (x(y) + x(y - N/2)) / 2: the square (rows 10..21, RSS 5) drops to 2.5 and a 2.5 copy appears at rows 26..37.
        ReconstructedImage img = reconstruct(Masks.equispaced(ROWS, 2, 0));
        assertEquals(2.5f, img.magnitudeAt(15, 10), 1e-4f);
        assertEquals(2.5f, img.magnitudeAt(28, 10), 1e-4f);
        assertEquals(2.5f, img.magnitudeAt(3, 10), 1e-4f);
        assertEquals(0f, img.magnitudeAt(8, 10), 1e-4f);
    }
}
