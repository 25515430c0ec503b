package org.mrirecon.numerics.op;

import java.util.Arrays;
import java.util.Locale;
import java.util.Random;

/**
 * What one complex FFT costs on one core, by size, in both engines side by side: JTransforms (pure Java) and FFTW
 * (native, through JavaCPP; the copies into and out of its native buffer included, as the methods pay them). Sizes:
 * the 320-point transform the methods run along every phase-encode column (320 = 2^6 x 5), five 64-point transforms,
 * the powers of two around it, and the 320 x 320 image. Each call is a forward and an unnormalised inverse transform
 * followed by a 1/N rescale (so the values stay bounded), reported per transform; medians of 7 rounds of
 * {@code calls} calls each, after 3 warm-up rounds. Run by {@code recon.numerics/bench/fft_sizes.sh}.
 */
public final class FftSizes {

    private FftSizes() {
    }

    public static void main(String[] args) {
        int calls = args.length > 0 ? Integer.parseInt(args[0]) : 100_000;
        System.out.printf(Locale.ROOT, "complex FFT, one thread, ns per transform (forward + inverse + rescale), "
                + "median of 7 rounds of %d calls%nFFTW engine: %s%n", calls, FftEngine.describe());
        System.out.printf(Locale.ROOT, "%-22s %12s %12s %8s%n", "transform", "JTransforms", "FFTW", "ratio");
        report("320 (2^6 x 5)", new int[][] {{1, 320}}, calls);
        report("5 x 64", new int[][] {{1, 64}, {1, 64}, {1, 64}, {1, 64}, {1, 64}}, calls);
        report("256", new int[][] {{1, 256}}, calls);
        report("512", new int[][] {{1, 512}}, calls);
        report("320 x 320 image", new int[][] {{320, 320}}, Math.max(1, calls / 500));
    }

    private static void report(String label, int[][] sizes, int calls) {
        double java = time(sizes, calls, false);
        double fftw = FftEngine.isNative() ? time(sizes, calls, true) : Double.NaN;
        System.out.printf(Locale.ROOT, "%-22s %12.0f %12.0f %8.2f%n", label, java, fftw, java / fftw);
    }

    /** Median ns per transform of one call = one transform of each listed size, in order. */
    private static double time(int[][] sizes, int calls, boolean fftw) {
        ComplexFft[] plans = new ComplexFft[sizes.length];
        float[][] data = new float[sizes.length][];
        Random random = new Random(1);
        for (int i = 0; i < sizes.length; i++) {
            plans[i] = fftw ? new FftwFft(sizes[i][0], sizes[i][1]) : new JTransformsFft(sizes[i][0], sizes[i][1]);
            data[i] = new float[2 * sizes[i][0] * sizes[i][1]];
            for (int j = 0; j < data[i].length; j++) {
                data[i][j] = random.nextFloat() - 0.5f;
            }
        }
        double[] rounds = new double[10];
        float sink = 0;
        for (int r = 0; r < rounds.length; r++) {
            long t0 = System.nanoTime();
            for (int c = 0; c < calls; c++) {
                for (int i = 0; i < plans.length; i++) {
                    plans[i].forward(data[i]);
                    plans[i].inverse(data[i]);
                    float scale = 2f / data[i].length;
                    for (int j = 0; j < data[i].length; j++) {
                        data[i][j] *= scale;
                    }
                }
            }
            rounds[r] = (System.nanoTime() - t0) / (2.0 * calls); // per call: half a forward-inverse pair of each size
            sink += data[0][1];
        }
        double[] timed = Arrays.copyOfRange(rounds, 3, rounds.length);
        Arrays.sort(timed);
        if (!Float.isFinite(sink)) {
            throw new IllegalStateException("the transforms did not round-trip: " + sink);
        }
        return timed[timed.length / 2];
    }
}
