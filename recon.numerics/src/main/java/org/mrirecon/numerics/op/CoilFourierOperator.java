package org.mrirecon.numerics.op;

import java.util.stream.IntStream;

import org.mrirecon.numerics.fft.Fft2c;

/**
 * {@code F}: the centred orthonormal 2-D FFT applied to each coil image of a multi-coil array. Unitary, so the
 * adjoint is the inverse FFT. Coils run in parallel. {@code x} and {@code y} may be the same array (in place).
 */
public final class CoilFourierOperator implements LinearOperator {

    private final int coils;
    private final int rows;
    private final int cols;

    public CoilFourierOperator(int coils, int rows, int cols) {
        if (coils < 1 || rows < 1 || cols < 1) {
            throw new IllegalArgumentException("need coils, rows, cols >= 1, got " + coils + ", " + rows + ", " + cols);
        }
        this.coils = coils;
        this.rows = rows;
        this.cols = cols;
    }

    @Override
    public int domainSize() {
        return coils * rows * cols;
    }

    @Override
    public int rangeSize() {
        return domainSize();
    }

    @Override
    public void apply(float[] x, float[] y) {
        transform(x, y, true);
    }

    @Override
    public void applyAdjoint(float[] y, float[] x) {
        transform(y, x, false);
    }

    private void transform(float[] in, float[] out, boolean forward) {
        if (in != out) {
            System.arraycopy(in, 0, out, 0, 2 * domainSize());
        }
        int stride = 2 * rows * cols;
        IntStream.range(0, coils).parallel().forEach(c -> {
            if (forward) {
                Fft2c.forward(out, c * stride, rows, cols);
            } else {
                Fft2c.inverse(out, c * stride, rows, cols);
            }
        });
    }

    @Override
    public String toString() {
        return "F[" + coils + "x" + rows + "x" + cols + "]";
    }
}
