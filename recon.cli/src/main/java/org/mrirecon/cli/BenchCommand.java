package org.mrirecon.cli;

import java.lang.management.ManagementFactory;
import java.lang.management.MemoryPoolMXBean;
import java.lang.management.MemoryType;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.Callable;

import org.mrirecon.api.AcquisitionVolume;
import org.mrirecon.api.ReconContext;
import org.mrirecon.api.ReconParameters;
import org.mrirecon.api.ReconstructedImage;
import org.mrirecon.data.Dataset;
import org.mrirecon.evaluation.Evaluation;
import org.mrirecon.evaluation.Trial;
import org.mrirecon.numerics.fft.Fft2c;
import org.mrirecon.numerics.op.FftEngine;

import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * Times reconstruction methods (and the shared FFT) on the phantom: warm-up runs first so the JIT has compiled the
 * hot paths, then repeated timed runs; reports the median and the range, and the median of every timing a method
 * reports in its image info (keys ending in "Ms", e.g. calibrationMs) so one sees where the time goes.
 */
@Command(name = "bench", mixinStandardHelpOptions = true,
        description = "Benchmark methods (ms per slice, median of repeated runs after warm-up) and the centred FFT.")
final class BenchCommand implements Callable<Integer> {

    private final Cli cli;

    @Mixin
    MethodSelection selection;

    @Option(names = "--warmup", defaultValue = "2", description = "Untimed runs first (default ${DEFAULT-VALUE}).")
    int warmup;

    @Option(names = "--repeat", defaultValue = "5", description = "Timed runs (default ${DEFAULT-VALUE}).")
    int repeat;

    @Option(names = "--fft", description = "Also time the centred 2-D FFT of all coils of one slice.")
    boolean fft;

    @Option(names = "--cold", description = "Also time each method as a user's first command meets it: a fresh "
            + "launcher process (this JVM's options) runs it on one central slice; prints that whole process's wall "
            + "time and its slice's time beside the warm ones.")
    boolean cold;

    @Mixin
    DataOptions data;

    @Mixin
    JobOptions jobs;

    @picocli.CommandLine.Spec
    picocli.CommandLine.Model.CommandSpec spec;

    BenchCommand(Cli cli) {
        this.cli = cli;
    }

    @Override
    public Integer call() throws Exception {
        if (warmup < 0 || repeat < 1) {
            throw new IllegalArgumentException("--warmup must be >= 0 and --repeat >= 1");
        }
        data.defaultSlices = 4; // without --slices: a few representative central slices (all of a smaller file)
        try (AutoCloseable session = jobs.open(cli)) {
            return bench();
        }
    }

    private int bench() throws Exception {
        Dataset dataset = data.load();
        cli.out.printf("Data: %s; %d warm-up + %d timed runs; %d cores, Java %s, FFT %s%n", dataset.source(), warmup,
                repeat, Runtime.getRuntime().availableProcessors(), System.getProperty("java.version"),
                FftEngine.describe());
        if (fft) {
            benchFft(dataset);
        }
        List<Trial> trials = selection.resolve(cli.registry, dataset, cli.limits().absentGrace());
        cli.out.printf("%-22s %10s %10s %10s %12s  %s%n", "method", "ms/slice", "min", "max", "peak heap MB",
                "reported by the method (median ms/slice)");
        int failed = 0;
        for (Trial trial : trials) {
            String why = bench(trial, dataset);
            if (why != null) {
                cli.out.printf("%-22s FAILED: %s%n", trial.label(), why);
                failed++;
            } else if (cold) {
                cli.out.println(ColdRun.measure(cli, trial, dataOptionsAsArguments()));
            }
        }
        cli.out.println("Peak heap: the most heap in use during the timed runs (data and results included), from the "
                + "JVM's memory pools.");
        return cli.status(failed, trials.size());
    }

    /** This command's data options as given (for the cold process), less --slices: it takes one central slice. */
    private List<String> dataOptionsAsArguments() {
        picocli.CommandLine.Model.CommandSpec dataSpec = spec.mixins().get("data");
        List<String> given = spec.commandLine().getParseResult().originalArgs();
        List<String> args = new ArrayList<>();
        for (int i = given.indexOf("bench") + 1; i < given.size(); i++) {
            String token = given.get(i);
            int eq = token.indexOf('=');
            String name = token.startsWith("--") && eq > 0 ? token.substring(0, eq) : token;
            picocli.CommandLine.Model.OptionSpec o = option(name);
            if (o == null) {
                continue; // a value of an option skipped below, or a positional parameter (bench takes none)
            }
            boolean takesValue = o.arity().max() > 0 && name.equals(token);
            boolean data = dataSpec.options().contains(o) && !o.longestName().equals("--slices");
            if (data) {
                args.add(token);
            }
            if (takesValue && i + 1 < given.size()) {
                if (data) {
                    args.add(given.get(i + 1));
                }
                i++;
            }
        }
        return args;
    }

    private picocli.CommandLine.Model.OptionSpec option(String name) {
        for (picocli.CommandLine.Model.OptionSpec o : spec.options()) {
            for (String n : o.names()) {
                if (n.equals(name) || o.negatable()
                        && spec.negatableOptionTransformer().makeNegative(n, spec).equals(name)) {
                    return o;
                }
            }
        }
        return null;
    }

    /** What one trial's timed runs measured. */
    private record Measured(double[] msPerSlice, Map<String, List<Double>> reported, long peakHeap) {
    }

    /** Times one trial, bounded like any job; prints its row and returns null, or returns why it failed. */
    private String bench(Trial trial, Dataset dataset) throws InterruptedException {
        MethodRegistry.MethodInfo info = cli.registry.await(trial.methodId(), cli.limits().absentGrace());
        if (info == null) {
            return cli.registry.notAvailable(trial.methodId());
        }
        try (MethodRegistry.Lease lease = cli.registry.acquire(trial.methodId())) {
            ReconParameters parameters = lease.info.descriptor.parameters(trial.parameters());
            AcquisitionVolume volume = Evaluation.undersample(dataset, trial.sampling());
            java.time.Duration limit = cli.limits().sliceTimeout().multipliedBy((long) volume.size()
                    * (warmup + repeat));
            Object outcome = TrialRunner.bounded(cli, trial.label(), lease, false, System.nanoTime()
                    + limit.toNanos(), "timed out: the limit is " + JobLimits.seconds(limit) + " ("
                    + (warmup + repeat) + " runs of " + volume.size() + " slices)",
                    ctx -> measure(lease.reconstructor, volume, parameters, ctx));
            if (!(outcome instanceof Measured m)) {
                return lease.info.bundle + ": " + outcome;
            }
            double[] msPerSlice = m.msPerSlice();
            Arrays.sort(msPerSlice);
            StringBuilder rep = new StringBuilder();
            m.reported().forEach((k, v) -> rep.append(String.format("%s=%.1f ", k, median(v))));
            cli.out.printf("%-22s %10.1f %10.1f %10.1f %12.0f  %s%n", trial.label(), median(msPerSlice),
                    msPerSlice[0], msPerSlice[msPerSlice.length - 1], m.peakHeap() / 1048576.0,
                    rep.toString().trim());
            return null;
        } catch (IllegalArgumentException goneMeanwhile) {
            return goneMeanwhile.getMessage();
        }
    }

    private Measured measure(org.mrirecon.api.Reconstructor method, AcquisitionVolume volume,
            ReconParameters parameters, ReconContext context) throws org.mrirecon.api.ReconstructionException {
        double[] msPerSlice = new double[repeat];
        Map<String, List<Double>> reported = new TreeMap<>();
        for (int run = 0; run < warmup + repeat; run++) {
            if (run == warmup) {
                System.gc(); // the timed runs start from a settled heap, so the peak is theirs
                HeapPeak.reset();
            }
            long t0 = System.nanoTime();
            List<ReconstructedImage> images = method.reconstructVolume(volume, parameters, context);
            double ms = (System.nanoTime() - t0) / 1e6 / volume.size();
            if (run >= warmup) {
                msPerSlice[run - warmup] = ms;
                collectTimings(images, reported);
            }
        }
        return new Measured(msPerSlice, reported, HeapPeak.bytes());
    }

    /** Peak heap occupancy across the JVM's heap memory pools since the last reset. */
    static final class HeapPeak {
        private HeapPeak() {
        }

        static void reset() {
            for (MemoryPoolMXBean pool : ManagementFactory.getMemoryPoolMXBeans()) {
                if (pool.getType() == MemoryType.HEAP) {
                    pool.resetPeakUsage();
                }
            }
        }

        static long bytes() {
            long sum = 0;
            for (MemoryPoolMXBean pool : ManagementFactory.getMemoryPoolMXBeans()) {
                if (pool.getType() == MemoryType.HEAP) {
                    sum += pool.getPeakUsage().getUsed();
                }
            }
            return sum;
        }
    }

    private void benchFft(Dataset dataset) {
        float[] coils = dataset.kspace(0).copyData();
        int n = dataset.coils();
        int rows = dataset.rows();
        int cols = dataset.cols();
        double[] ms = new double[repeat];
        for (int run = 0; run < warmup + 10 + repeat; run++) { // the FFT is short: warm up harder
            long t0 = System.nanoTime();
            Fft2c.inverseStack(coils, n, rows, cols);
            Fft2c.forwardStack(coils, n, rows, cols);
            double t = (System.nanoTime() - t0) / 1e6 / 2;
            if (run >= warmup + 10) {
                ms[run - warmup - 10] = t;
            }
        }
        Arrays.sort(ms);
        cli.out.printf("centred 2-D FFT, %d coils of %dx%d (coils in parallel): median %.2f ms (min %.2f, max %.2f)%n",
                n, rows, cols, median(ms), ms[0], ms[ms.length - 1]);
    }

    private static void collectTimings(List<ReconstructedImage> images, Map<String, List<Double>> into) {
        for (ReconstructedImage img : images) {
            img.info().forEach((k, v) -> {
                if (k.endsWith("Ms")) {
                    try {
                        into.computeIfAbsent(k, x -> new ArrayList<>()).add(Double.parseDouble(v));
                    } catch (NumberFormatException notATiming) {
                        // a method's free-form note; not a number to aggregate
                    }
                }
            });
        }
    }

    private static double median(double[] sorted) {
        int n = sorted.length;
        return n % 2 == 1 ? sorted[n / 2] : (sorted[n / 2 - 1] + sorted[n / 2]) / 2;
    }

    private static double median(List<Double> values) {
        double[] v = values.stream().mapToDouble(Double::doubleValue).sorted().toArray();
        return median(v);
    }
}
