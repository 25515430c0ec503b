package org.mrirecon.numerics.op;

/**
 * Removes readout oversampling from k-space lines as ismrmrd_recon_cartesian_2d and Gadgetron's
 * RemoveROOversamplingGadget do: inverse FFT along the readout, keep the central {@code reconX} samples of the
 * image line, forward FFT back. All transforms are centred and orthonormal, so the noise level per sample is kept.
 * Linear per line, so a streaming reader may apply it to each readout as it arrives (and sum repeated lines after).
 * Not thread-safe: one instance per reader.
 */
public final class ReadoutOversampling {

    private final int encodedX;
    private final int reconX;
    private final CenteredFft encoded;
    private final CenteredFft recon;
    private final float[] line;

    /** For lines of {@code encodedX} samples reduced to the central {@code reconX} ({@code reconX <= encodedX}). */
    public ReadoutOversampling(int encodedX, int reconX) {
        if (reconX < 1 || reconX > encodedX) {
            throw new IllegalArgumentException("cannot keep " + reconX + " of " + encodedX + " readout samples");
        }
        this.encodedX = encodedX;
        this.reconX = reconX;
        this.encoded = new CenteredFft(Shape.of(encodedX), 0);
        this.recon = new CenteredFft(Shape.of(reconX), 0);
        this.line = new float[2 * encodedX];
    }

    /**
     * Reduces the line at {@code src[srcOffset..]} ({@code encodedX} interleaved complex samples, left unchanged) to
     * {@code dst[dstOffset..]} ({@code reconX} samples, overwritten).
     */
    public void reduce(float[] src, int srcOffset, float[] dst, int dstOffset) {
        System.arraycopy(src, srcOffset, line, 0, line.length);
        encoded.inverse(line, 0);
        System.arraycopy(line, 2 * ((encodedX - reconX) / 2), dst, dstOffset, 2 * reconX);
        recon.forward(dst, dstOffset);
    }

    /** New arrays of {@code lines x reconX} samples per coil; lines not acquired stay zero. */
    public static float[][] remove(float[][] coils, int lines, int encodedX, int reconX, boolean[] acquired) {
        ReadoutOversampling r = new ReadoutOversampling(encodedX, reconX);
        float[][] out = new float[coils.length][2 * lines * reconX];
        for (int c = 0; c < coils.length; c++) {
            for (int ky = 0; ky < lines; ky++) {
                if (acquired[ky]) {
                    r.reduce(coils[c], 2 * ky * encodedX, out[c], 2 * ky * reconX);
                }
            }
        }
        return out;
    }
}
