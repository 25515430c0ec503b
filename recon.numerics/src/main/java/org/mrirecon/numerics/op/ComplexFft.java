package org.mrirecon.numerics.op;

/**
 * An unnormalised complex FFT of one size, a line of {@code n} or an image of {@code rows x cols}, in place on
 * interleaved floats ({@code re, im}) at the start of an array: {@code inverse(forward(x)) = N x}. No shifts, no
 * scaling; {@link CenteredFft} and {@link SenseNormal} add those. Not thread-safe: each thread makes its own.
 */
interface ComplexFft {

    /** The forward transform ({@code e^{-i...}}, NumPy's {@code fft}) of the first {@code 2 rows cols} floats. */
    void forward(float[] data);

    /** The unnormalised inverse ({@code e^{+i...}}, NumPy's {@code ifft} times N) of the first {@code 2 rows cols}. */
    void inverse(float[] data);

    /** A transform of {@code rows x cols} ({@code rows = 1}: a line) from the engine {@link FftEngine} chose. */
    static ComplexFft of(int rows, int cols) {
        return FftEngine.create(rows, cols);
    }
}
