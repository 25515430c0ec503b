package org.mrirecon.numerics.op;

import org.jtransforms.fft.FloatFFT_1D;
import org.jtransforms.fft.FloatFFT_2D;

import pl.edu.icm.jlargearrays.ConcurrencyUtils;

/** {@link ComplexFft} by JTransforms, pure Java. Its own threading is off: callers parallelise over lines/images. */
final class JTransformsFft implements ComplexFft {

    static final String NAME = "JTransforms 3.1 (Java)";

    static {
        ConcurrencyUtils.setNumberOfThreads(1);
    }

    private final FloatFFT_1D line; // JTransforms' 2-D FFT needs both sizes > 1; a 1 x n image is a 1-D FFT
    private final FloatFFT_2D image;

    JTransformsFft(int rows, int cols) {
        boolean oneD = rows == 1 || cols == 1;
        this.line = oneD ? new FloatFFT_1D((long) rows * cols) : null;
        this.image = oneD ? null : new FloatFFT_2D(rows, cols);
    }

    @Override
    public void forward(float[] data) {
        if (line != null) {
            line.complexForward(data);
        } else {
            image.complexForward(data);
        }
    }

    @Override
    public void inverse(float[] data) {
        if (line != null) {
            line.complexInverse(data, false);
        } else {
            image.complexInverse(data, false);
        }
    }
}
