package org.mrirecon.cs;

import org.mrirecon.api.Acquisition;
import org.mrirecon.api.SamplingPattern;
import org.mrirecon.numerics.coil.CoilImages;
import org.mrirecon.numerics.mask.Masks;
import org.mrirecon.numerics.metrics.ImageMetrics;
import org.mrirecon.phantom.KneePhantom;
import org.mrirecon.phantom.PhantomConfig;
import org.mrirecon.phantom.PhantomSlice;

/** A small knee-phantom slice (128 x 128, 8 coils by default), built once per test class that asks for it. */
final class PhantomFixture {

    static final int SIZE = 128;

    final KneePhantom phantom;
    final PhantomSlice slice;
    final float[] reference;
    final double max;

    PhantomFixture(int coils) {
        phantom = new KneePhantom(PhantomConfig.builder().matrix(SIZE, SIZE).coils(coils).seed(7).build());
        slice = phantom.slice(17);
        reference = slice.reference();
        max = ImageMetrics.max(new float[][] {reference});
    }

    Acquisition acquisition(int acceleration, int acs) {
        SamplingPattern p = Masks.equispaced(SIZE, acceleration, acs);
        return Acquisition.of(slice.kspace(), p, slice.index());
    }

    /** Root-sum-of-squares of the zero-filled coil images. */
    static float[] zeroFilled(Acquisition a) {
        return CoilImages.rss(a.kspace());
    }

    double psnr(float[] image) {
        return ImageMetrics.psnr(new float[][] {reference}, new float[][] {image}, max);
    }

    double ssim(float[] image) {
        return ImageMetrics.ssim(reference, image, SIZE, SIZE, max);
    }

    /** Pixels where the reference exceeds 10% of its maximum: the object. */
    boolean[] object() {
        boolean[] m = new boolean[reference.length];
        for (int i = 0; i < m.length; i++) {
            m[i] = reference[i] > 0.1 * max;
        }
        return m;
    }
}
