package org.mrirecon.cs;

import java.util.SplittableRandom;
import java.util.stream.IntStream;

/**
 * The proximal operator of {@code tau ||W x||_1} for an orthogonal wavelet {@code W}:
 * {@code W^H soft(W x, tau)}, with complex soft-thresholding {@code c -> c max(0, 1 - tau/|c|)} of the detail bands
 * (the coarsest low-pass band is left alone, it holds the image contrast, not its sparsity). {@code x} may be a stack
 * of images (one per set of coil maps), each shrunk on its own. With cycle spinning each call first shifts the images
 * circularly by a random offset in {@code [0, 2^levels)} per axis and shifts back afterwards, as BART's {@code pics}
 * does, so that the block structure of the wavelet does not print into the image.
 *
 * <p>One instance per solve: it owns a work buffer and a seeded random generator (reproducible), so it is not
 * thread-safe; the transform itself runs in parallel.
 */
final class WaveletShrinkage {

    private final WaveletTransform w;
    private final SplittableRandom random;
    private final boolean cycleSpinning;
    private final float[] coefficients;

    WaveletShrinkage(WaveletTransform w, boolean cycleSpinning, long seed) {
        this.w = w;
        this.cycleSpinning = cycleSpinning;
        this.random = new SplittableRandom(seed);
        this.coefficients = new float[2 * w.rows() * w.cols()];
    }

    /**
     * {@code out = prox_{tau ||W .||_1}(in)} for each image of the stack; {@code in} and {@code out} may be the same
     * array.
     */
    void apply(float[] in, float[] out, double tau) {
        int unit = 1 << w.levels();
        int dy = cycleSpinning ? random.nextInt(unit) : 0;
        int dx = cycleSpinning ? random.nextInt(unit) : 0;
        for (int offset = 0; offset < in.length; offset += coefficients.length) {
            shift(in, offset, coefficients, 0, dy, dx);
            w.forward(coefficients);
            threshold(coefficients, (float) tau);
            w.inverse(coefficients);
            shift(coefficients, 0, out, offset, w.rows() - dy, w.cols() - dx);
        }
    }

    private void threshold(float[] c, float tau) {
        int rows = w.rows();
        int cols = w.cols();
        int approxRows = rows >> w.levels();
        int approxCols = cols >> w.levels();
        IntStream.range(0, rows).parallel().forEach(y -> {
            int from = y < approxRows ? approxCols : 0;
            for (int i = y * cols + from, end = (y + 1) * cols; i < end; i++) {
                float re = c[2 * i];
                float im = c[2 * i + 1];
                float mag = (float) Math.sqrt(re * re + im * im);
                float scale = mag > tau ? 1 - tau / mag : 0f;
                c[2 * i] = re * scale;
                c[2 * i + 1] = im * scale;
            }
        });
    }

    /** {@code dst[(y + dy) mod rows][(x + dx) mod cols] = src[y][x]} for the images at the given float offsets. */
    private void shift(float[] src, int srcOffset, float[] dst, int dstOffset, int dy, int dx) {
        int rows = w.rows();
        int cols = w.cols();
        dy %= rows;
        dx %= cols;
        int head = 2 * (cols - dx);
        for (int y = 0; y < rows; y++) {
            int s = srcOffset + 2 * y * cols;
            int d = dstOffset + 2 * ((y + dy) % rows) * cols;
            System.arraycopy(src, s, dst, d + 2 * dx, head);
            System.arraycopy(src, s + head, dst, d, 2 * dx);
        }
    }
}
