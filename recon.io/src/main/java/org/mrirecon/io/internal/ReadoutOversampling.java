package org.mrirecon.io.internal;

import org.mrirecon.numerics.op.CenteredFft;
import org.mrirecon.numerics.op.Shape;

/**
 * Removes readout oversampling from k-space lines as ismrmrd_recon_cartesian_2d and Gadgetron's
 * RemoveROOversamplingGadget do: inverse FFT along the readout, keep the central {@code reconX} samples of the
 * image line, forward FFT back. All transforms are centred and orthonormal, so the noise level per sample is kept.
 */
final class ReadoutOversampling {

    private ReadoutOversampling() {
    }

    /** New arrays of {@code lines x reconX} samples per coil; lines not acquired stay zero. */
    static float[][] remove(float[][] coils, int lines, int encodedX, int reconX, boolean[] acquired) {
        int start = (encodedX - reconX) / 2;
        float[][] out = new float[coils.length][2 * lines * reconX];
        CenteredFft encoded = new CenteredFft(Shape.of(encodedX), 0);
        CenteredFft recon = new CenteredFft(Shape.of(reconX), 0);
        for (int c = 0; c < coils.length; c++) {
            for (int ky = 0; ky < lines; ky++) {
                if (!acquired[ky]) {
                    continue;
                }
                encoded.inverse(coils[c], 2 * ky * encodedX);
                System.arraycopy(coils[c], 2 * (ky * encodedX + start), out[c], 2 * ky * reconX, 2 * reconX);
                recon.forward(out[c], 2 * ky * reconX);
            }
        }
        return out;
    }
}
