package org.mrirecon.numerics.solve;

import java.util.SplittableRandom;
import java.util.stream.IntStream;

import org.mrirecon.numerics.op.Shape;
import org.mrirecon.numerics.op.WaveletTransform;

/**
 * The proximal operator of {@code lambda ||W x||_1} for an orthogonal wavelet transform {@code W}:
 * {@code W^H soft(W x, lambda step)}, complex soft-thresholding ({@link SoftThreshold}) of the detail bands; the
 * coarsest low-pass band is left alone, it holds the image contrast, not its sparsity. Each image of a stack
 * {@code [..., rows, cols]} (one per set of coil maps) is shrunk on its own. With cycle spinning each call first
 * shifts the images circularly by a random offset in {@code [0, 2^levels)} per axis and shifts back afterwards, as
 * BART's {@code pics} does, so that the block structure of the wavelet does not print into the image.
 *
 * <p>One instance per solve: it owns a work buffer and a seeded random generator (reproducible), so it is not
 * thread-safe; the transform itself runs in parallel.
 */
public final class WaveletShrinkage implements ProximalOperator {

    private final WaveletTransform w;
    private final double lambda;
    private final SplittableRandom random;
    private final boolean cycleSpinning;
    private final int rows;
    private final int cols;
    private final float[] coefficients;

    /** @param seed of the cycle-spinning shifts */
    public WaveletShrinkage(WaveletTransform w, double lambda, boolean cycleSpinning, long seed) {
        this.w = w;
        this.lambda = lambda;
        this.cycleSpinning = cycleSpinning;
        this.random = new SplittableRandom(seed);
        Shape shape = w.domain();
        this.rows = shape.dim(-2);
        this.cols = shape.dim(-1);
        this.coefficients = new float[shape.floats()];
    }

    @Override
    public void apply(float[] in, float[] out, double step) {
        w.domain().require(in, "input of the wavelet shrinkage");
        int unit = 1 << w.levels();
        int dy = cycleSpinning ? random.nextInt(unit) : 0;
        int dx = cycleSpinning ? random.nextInt(unit) : 0;
        shift(in, coefficients, dy, dx);
        w.forward(coefficients);
        threshold((float) (lambda * step));
        w.inverse(coefficients);
        shift(coefficients, out, rows - dy, cols - dx);
    }

    private void threshold(float tau) {
        int approxRows = w.approximationRows();
        int approxCols = w.approximationCols();
        int lines = coefficients.length / (2 * cols);
        IntStream.range(0, lines).parallel().forEach(line -> {
            int from = line % rows < approxRows ? approxCols : 0;
            SoftThreshold.shrink(coefficients, 2 * (line * cols + from), cols - from, tau);
        });
    }

    /** {@code dst[(y + dy) mod rows][(x + dx) mod cols] = src[y][x]} for every image of the stack. */
    private void shift(float[] src, float[] dst, int dy, int dx) {
        dy %= rows;
        dx %= cols;
        int head = 2 * (cols - dx);
        for (int image = 0; image < src.length; image += 2 * rows * cols) {
            for (int y = 0; y < rows; y++) {
                int s = image + 2 * y * cols;
                int d = image + 2 * ((y + dy) % rows) * cols;
                System.arraycopy(src, s, dst, d + 2 * dx, head);
                System.arraycopy(src, s + head, dst, d, 2 * dx);
            }
        }
    }
}
