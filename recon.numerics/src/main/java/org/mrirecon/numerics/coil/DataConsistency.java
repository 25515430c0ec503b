package org.mrirecon.numerics.coil;

import org.mrirecon.api.KSpace;
import org.mrirecon.numerics.op.Sense;

/**
 * Hard data consistency with root-sum-of-squares output, for image-domain reconstructions that want the
 * fastMRI-style coil-combined image: expand the images into coil k-space {@code F S x}, replace its acquired lines by
 * the measured samples, and combine the coil images by root-sum-of-squares. The measured lines bring back what a
 * SENSE image leaves out (noise orthogonal to the maps, signal where maps were cropped). Thread-safe (stateless).
 */
public final class DataConsistency {

    private DataConsistency() {
    }

    /**
     * {@code rss(F^H ((I - M) F S x + M y))}.
     *
     * @param measured the k-space y, {@code sense.range()} in shape
     * @param images   {@code sense.domain()}: one complex image per set of maps
     * @return {@code rows * cols} magnitudes
     */
    public static float[] rss(KSpace measured, Sense sense, float[] images) {
        float[] k = sense.sensitivity().apply(images);
        sense.fft().forward(k);
        float[] keep = sense.mask().apply(k);
        float[] y = sense.mask().apply(measured.copyData());
        for (int i = 0; i < k.length; i++) {
            k[i] += y[i] - keep[i];
        }
        sense.fft().inverse(k);
        return CoilCombine.rss(k, measured.coils());
    }
}
