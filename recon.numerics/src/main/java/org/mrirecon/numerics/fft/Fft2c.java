package org.mrirecon.numerics.fft;

import org.mrirecon.numerics.op.CenteredFft;
import org.mrirecon.numerics.op.Shape;

/**
 * Centred orthonormal 2-D FFT on interleaved complex float arrays in row-major {@code [rows][cols]} order:
 * {@code forward(x) = fftshift(fft2(ifftshift(x))) / sqrt(rows * cols)} and its inverse, which is also its adjoint.
 * These are fastMRI's {@code fft2c}/{@code ifft2c} and BART's {@code fft -u 3} / {@code fft -u -i 3}. A convenience
 * over {@link CenteredFft} (the one implementation, also for other axes); stacks transform their images in parallel.
 * Thread-safe.
 */
public final class Fft2c {

    private Fft2c() {
    }

    /** Centred forward FFT of one image, in place. */
    public static void forward(float[] data, int rows, int cols) {
        image(rows, cols).forward(data);
    }

    /** Centred inverse FFT of one k-space, in place. */
    public static void inverse(float[] data, int rows, int cols) {
        image(rows, cols).inverse(data);
    }

    /** Centred forward FFT, in place, of the image that starts at float index {@code offset} of {@code data}. */
    public static void forward(float[] data, int offset, int rows, int cols) {
        image(rows, cols).forward(data, offset);
    }

    /** Centred inverse FFT, in place, of the k-space that starts at float index {@code offset} of {@code data}. */
    public static void inverse(float[] data, int offset, int rows, int cols) {
        image(rows, cols).inverse(data, offset);
    }

    /** Centred forward FFT of every image of a flat coil-major stack {@code [coils][rows][cols]}, in place. */
    public static void forwardStack(float[] stack, int coils, int rows, int cols) {
        new CenteredFft(Shape.of(coils, rows, cols), -2, -1).forward(stack);
    }

    /** Centred inverse FFT of every image of a flat coil-major stack {@code [coils][rows][cols]}, in place. */
    public static void inverseStack(float[] stack, int coils, int rows, int cols) {
        new CenteredFft(Shape.of(coils, rows, cols), -2, -1).inverse(stack);
    }

    private static CenteredFft image(int rows, int cols) {
        return new CenteredFft(Shape.of(rows, cols), -2, -1);
    }
}
