package org.mrirecon.cs;

import java.lang.management.ManagementFactory;
import java.util.Arrays;
import java.util.Locale;
import java.util.function.Consumer;

import com.sun.management.OperatingSystemMXBean;

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
 * same ESPIRiT maps. Each iteration is timed from one report to the solver's monitor to the next, so set-up (A^H y,
 * power iteration) does not count; the two methods alternate run by run so that both see the same load. Reported are
 * the median wall time of all iterations and the median over the runs of the process CPU time (all threads) per
 * iteration: on a machine shared with other jobs the wall time mostly measures the others, the CPU time the work.
 * <pre>
 *   java -cp ... org.mrirecon.cs.IterationCost [size=320] [coils=15] [runs=6] [iterations=20]
 * </pre>
 */
final class IterationCost {

    private IterationCost() {
    }

    public static void main(String[] args) {
        int n = args.length > 0 ? Integer.parseInt(args[0]) : 320;
        int coils = args.length > 1 ? Integer.parseInt(args[1]) : 15;
        int runs = args.length > 2 ? Integer.parseInt(args[2]) : 6;
        int iterations = args.length > 3 ? Integer.parseInt(args[3]) : 20;
        PhantomSlice slice = new KneePhantom(PhantomConfig.builder().matrix(n, n).coils(coils).build()).slice(17);
        Acquisition a = Acquisition.of(slice.kspace(), Masks.equispaced(n, 4, 20), 17);
        Sensitivity maps = Espirit.estimate(a.kspace(), a.pattern()).operator();
        Consumer<IterationMonitor> cs = m -> L1WaveletSense.solve(a.kspace(), a.pattern(), maps,
                new L1WaveletSense.Settings(Wavelet.DB4, 4, 0.003, iterations, L1WaveletSense.Solver.FISTA, true), m);
        Consumer<IterationMonitor> tv = m -> TvSense.solve(a.kspace(), a.pattern(), maps, 0.004, iterations, m);
        double[][] csMs = {new double[runs * (iterations - 1)], new double[runs]};
        double[][] tvMs = {new double[runs * (iterations - 1)], new double[runs]};
        for (int r = -1; r < runs; r++) { // run -1 warms up (JIT, FFT plans) and is not counted
            time(cs, csMs, r, iterations);
            time(tv, tvMs, r, iterations);
        }
        System.out.printf(Locale.ROOT, "%dx%dx%d at 4x/20, %d sets of maps, %d cores, %d runs of %d iterations, median "
                + "per iteration: CS (l1-wavelet, FISTA) %.1f ms wall, %.1f ms CPU; TV-SENSE %.1f ms wall, %.1f ms CPU; "
                + "ratio TV/CS %.2f wall, %.2f CPU%n", n, n, coils, maps.sets(),
                Runtime.getRuntime().availableProcessors(), runs, iterations, median(csMs[0]), median(csMs[1]),
                median(tvMs[0]), median(tvMs[1]), median(tvMs[0]) / median(csMs[0]),
                median(tvMs[1]) / median(csMs[1]));
    }

    /**
     * Runs one solve and stores the wall milliseconds between successive iterations (from the second on) in
     * {@code out[0]} and the process CPU milliseconds per iteration over them in {@code out[1][run]}.
     */
    private static void time(Consumer<IterationMonitor> solve, double[][] out, int run, int iterations) {
        OperatingSystemMXBean os = (OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean();
        long[] last = {0};
        long[] firstCpu = {0};
        solve.accept((done, total) -> {
            long wall = System.nanoTime();
            if (done == 1) {
                firstCpu[0] = os.getProcessCpuTime();
            } else if (run >= 0) {
                out[0][run * (iterations - 1) + done - 2] = (wall - last[0]) / 1e6;
            }
            if (done == iterations && run >= 0) {
                out[1][run] = (os.getProcessCpuTime() - firstCpu[0]) / 1e6 / (iterations - 1);
            }
            last[0] = wall;
        });
    }

    private static double median(double[] v) {
        double[] s = v.clone();
        Arrays.sort(s);
        return s[s.length / 2];
    }
}
