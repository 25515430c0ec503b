package org.mrirecon.numerics.op;

import java.util.Locale;

/**
 * Which library computes the FFTs: FFTW 3 (native, SIMD; through JavaCPP's presets, bundled for linux-x86_64) where
 * its natives load, else JTransforms (pure Java, every platform). FFTW's 320-point transform, the knee's size, runs
 * 3.4x faster on these machines ({@code recon.numerics/bench/fft_sizes.sh}), and from the first call: native code
 * needs no JIT warm-up. The system property {@value #PROPERTY} ({@code fftw} or {@code jtransforms}) overrides the
 * choice, for comparisons and for platforms where the native library misbehaves. Chosen once per JVM; any other value
 * is reported on standard error and the default used.
 */
public final class FftEngine {

    /** System property naming the engine: {@code fftw} or {@code jtransforms}. */
    public static final String PROPERTY = "recon.fft";

    private static final String CHOICE = choose();

    private FftEngine() {
    }

    /** The engine in use, e.g. {@code FFTW 3.3.10-sse2-avx (native, JavaCPP)}; says why FFTW was not taken. */
    public static String describe() {
        return CHOICE;
    }

    /** Whether FFTW computes the transforms. */
    public static boolean isNative() {
        return CHOICE.startsWith("FFTW");
    }

    static ComplexFft create(int rows, int cols) {
        if (rows < 1 || cols < 1) {
            throw new IllegalArgumentException("an FFT needs at least one sample per axis, not " + rows + " x " + cols);
        }
        return isNative() ? new FftwFft(rows, cols) : new JTransformsFft(rows, cols);
    }

    private static String choose() {
        String wanted = System.getProperty(PROPERTY, "fftw").trim().toLowerCase(Locale.ROOT);
        if (wanted.equals("jtransforms")) {
            return JTransformsFft.NAME + " (-D" + PROPERTY + "=jtransforms)";
        }
        if (!wanted.equals("fftw")) {
            // a class initialiser cannot fail cleanly: say so once and take the default
            System.err.println("warning: -D" + PROPERTY + "=" + wanted + " names no FFT engine (fftw, the default, or "
                    + "jtransforms): using fftw");
        }
        try {
            return FftwFft.load();
        } catch (LinkageError | RuntimeException e) {
            // no natives for this platform (JavaCPP bundles linux-x86_64 here), or the bundle is missing
            return JTransformsFft.NAME + " (FFTW did not load: " + e + ")";
        }
    }
}
