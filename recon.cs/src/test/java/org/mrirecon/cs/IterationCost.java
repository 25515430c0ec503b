package org.mrirecon.cs;

import java.util.Arrays;
import java.util.Locale;
import java.util.function.IntConsumer;

import org.mrirecon.api.Acquisition;
import org.mrirecon.numerics.mask.Masks;
import org.mrirecon.numerics.op.Sensitivity;
import org.mrirecon.numerics.op.Wavelet;
import org.mrirecon.numerics.sens.Espirit;
import org.mrirecon.numerics.solve.IterationMonitor;
import org.mrirecon.phantom.KneePhantom;
import org.mrirecon.phantom.PhantomConfig;
import org.mrirecon.phantom.PhantomSlice;

/**
 * Time per solver iteration of CS (l1-wavelet, FISTA) and of the TV-SENSE example on one knee-phantom slice with the
 * same ESPIRiT maps: each solve is run with a few and with many iterations, and the difference divided by the extra
 * iterations, so set-up (A^H y, power iteration) does not count. Median of the repeats.
 * <pre>
 *   java -cp ... org.mrirecon.cs.IterationCost [size=320] [coils=15] [repeats=5]
 * </pre>
 */
final class IterationCost {

    private static final int FEW = 5;
    private static final int MANY = 25;

    private IterationCost() {
    }

    public static void main(String[] args) {
        int n = args.length > 0 ? Integer.parseInt(args[0]) : 320;
        int coils = args.length > 1 ? Integer.parseInt(args[1]) : 15;
        int repeats = args.length > 2 ? Integer.parseInt(args[2]) : 5;
        PhantomSlice slice = new KneePhantom(PhantomConfig.builder().matrix(n, n).coils(coils).build()).slice(17);
        Acquisition a = Acquisition.of(slice.kspace(), Masks.equispaced(n, 4, 20), 17);
        Sensitivity maps = Espirit.estimate(a.kspace(), a.pattern()).operator();
        double cs = perIteration(repeats, it -> L1WaveletSense.solve(a.kspace(), a.pattern(), maps,
                new L1WaveletSense.Settings(Wavelet.DB4, 4, 0.003, it, L1WaveletSense.Solver.FISTA, true),
                IterationMonitor.none()));
        double tv = perIteration(repeats, it -> TvSense.solve(a.kspace(), a.pattern(), maps, 0.004, it,
                IterationMonitor.none()));
        System.out.printf(Locale.ROOT, "%dx%dx%d at 4x/20, %d sets of maps, %d cores: CS (l1-wavelet, FISTA) %.1f ms "
                + "per iteration, TV-SENSE %.1f ms per iteration, ratio %.2f%n", n, n, coils, maps.sets(),
                Runtime.getRuntime().availableProcessors(), cs, tv, tv / cs);
    }

    private static double perIteration(int repeats, IntConsumer solve) {
        solve.accept(MANY); // warm-up: JIT, FFT plans
        double[] t = new double[repeats];
        for (int r = 0; r < repeats; r++) {
            long t0 = System.nanoTime();
            solve.accept(FEW);
            long t1 = System.nanoTime();
            solve.accept(MANY);
            long t2 = System.nanoTime();
            t[r] = ((t2 - t1) - (t1 - t0)) / 1e6 / (MANY - FEW);
        }
        Arrays.sort(t);
        return t[repeats / 2];
    }
}
