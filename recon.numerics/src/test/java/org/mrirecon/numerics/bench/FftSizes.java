package org.mrirecon.numerics.bench;

import java.util.Arrays;
import java.util.Locale;
import java.util.Random;

import org.jtransforms.fft.FloatFFT_1D;

import pl.edu.icm.jlargearrays.ConcurrencyUtils;

/**
 * What one complex FFT costs in JTransforms on one core, by size: the 320-point transform the methods run along every
 * phase-encode column (320 = 2^6 x 5, JTransforms' mixed-radix path), five 64-point transforms (the power-of-two part
 * of a 5 x 64 decomposition, before any radix-5 pass), and the powers of two around it. Each call is a forward and a
 * scaled inverse transform (so the values stay bounded), reported per transform; medians of 7 rounds of
 * {@code calls} calls each, after 3 warm-up rounds. Run by {@code recon.numerics/bench/fft_sizes.sh}.
 */
public final class FftSizes {

    private FftSizes() {
    }

    public static void main(String[] args) {
        int calls = args.length > 0 ? Integer.parseInt(args[0]) : 100_000;
        ConcurrencyUtils.setNumberOfThreads(1); // one core, as each thread of the methods runs it
        System.out.printf(Locale.ROOT, "JTransforms complex FFT, one thread, per transform (forward + scaled inverse), "
                + "median of 7 rounds of %d%n", calls);
        System.out.printf(Locale.ROOT, "%-22s %10s%n", "transform", "ns each");
        report("320 (mixed radix)", new int[] {320}, calls);
        report("5 x 64 (split radix)", new int[] {64, 64, 64, 64, 64}, calls);
        report("256", new int[] {256}, calls);
        report("512", new int[] {512}, calls);
    }

    /** Times one call = one transform of each listed size, in order. */
    private static void report(String label, int[] sizes, int calls) {
        FloatFFT_1D[] plans = new FloatFFT_1D[sizes.length];
        float[][] data = new float[sizes.length][];
        Random random = new Random(1);
        for (int i = 0; i < sizes.length; i++) {
            plans[i] = new FloatFFT_1D(sizes[i]);
            data[i] = new float[2 * sizes[i]];
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
                    plans[i].complexForward(data[i]);
                    plans[i].complexInverse(data[i], true); // back, scaled: the values stay what they were
                }
            }
            rounds[r] = (System.nanoTime() - t0) / (2.0 * calls); // per transform
            sink += data[0][1];
        }
        double[] timed = Arrays.copyOfRange(rounds, 3, rounds.length);
        Arrays.sort(timed);
        if (!Float.isFinite(sink)) {
            throw new IllegalStateException("the transforms did not round-trip: " + sink);
        }
        System.out.printf(Locale.ROOT, "%-22s %10.0f%n", label, timed[timed.length / 2]);
    }
}
