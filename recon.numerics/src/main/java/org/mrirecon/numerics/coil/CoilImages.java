package org.mrirecon.numerics.coil;

import org.mrirecon.api.KSpace;
import org.mrirecon.numerics.op.CenteredFft;
import org.mrirecon.numerics.op.Shape;

/**
 * The coil images of multi-coil k-space and their root-sum-of-squares combination: the zero-filled reconstruction,
 * fastMRI's {@code rss(ifft2c(kspace))}. Written once here so that methods, the evaluation and the tools do not
 * repeat the per-coil loop. Thread-safe (stateless).
 */
public final class CoilImages {

    private CoilImages() {
    }

    /** {@code F^H k} per coil (lines not acquired are zero), flat coil-major {@code [coils][rows][cols]}. */
    public static float[] of(KSpace k) {
        float[] images = k.copyData();
        new CenteredFft(Shape.of(k.shape()), -2, -1).inverse(images);
        return images;
    }

    /** Root-sum-of-squares of the coil images: {@code rows * cols} floats, row-major. */
    public static float[] rss(KSpace k) {
        return CoilCombine.rss(of(k), k.coils());
    }

    /** Root-sum-of-squares of the coil images of flat coil-major k-space {@code [coils, rows, cols]}. */
    public static float[] rss(float[] kspace, Shape shape) {
        float[] images = kspace.clone();
        new CenteredFft(shape, -2, -1).inverse(images);
        return CoilCombine.rss(images, shape.dim(0));
    }
}
