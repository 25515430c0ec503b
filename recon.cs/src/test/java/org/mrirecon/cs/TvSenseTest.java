package org.mrirecon.cs;

import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.concurrent.CancellationException;

import org.junit.jupiter.api.Test;
import org.mrirecon.api.Acquisition;
import org.mrirecon.api.ReconContext;
import org.mrirecon.api.ReconstructedImage;

/** The TV-SENSE worked example of the developer guide works as a method. */
class TvSenseTest {

    private final TvSense tv = new TvSense();

    @Test
    void beatsZeroFilledAt4xAndComesNearCs() throws Exception {
        PhantomFixture knee = new PhantomFixture(8);
        Acquisition a = knee.acquisition(4, 20);
        ReconstructedImage img = tv.reconstruct(a, tv.descriptor().defaults(), ReconContext.none());
        double psnr = knee.psnr(img.magnitude());
        double zf = knee.psnr(PhantomFixture.zeroFilled(a));
        System.out.printf("128x128x8 at 4x/20: TV-SENSE PSNR %.2f SSIM %.4f, zero-filled PSNR %.2f%n", psnr,
                knee.ssim(img.magnitude()), zf);
        // measured 29.1 dB, SSIM 0.79 (CS 29.6 dB, 0.80; zero-filled 20.7 dB)
        assertTrue(psnr > zf + 6, "TV-SENSE " + psnr + " dB vs zero-filled " + zf + " dB");
        assertTrue(knee.ssim(img.magnitude()) > 0.7);
        assertTrue(img.hasComplex());
    }

    @Test
    void stopsWhenCancelled() {
        PhantomFixture knee = new PhantomFixture(4);
        ReconContext cancelled = new ReconContext() {
            @Override
            public void progress(double fraction, String message) {
            }

            @Override
            public boolean isCancelled() {
                return true;
            }
        };
        assertThrows(CancellationException.class,
                () -> tv.reconstruct(knee.acquisition(4, 20), tv.descriptor().defaults(), cancelled));
    }
}
