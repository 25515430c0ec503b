package org.mrirecon.cli;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.concurrent.Callable;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.IntStream;

import org.mrirecon.api.KSpace;
import org.mrirecon.io.NumPy;
import org.mrirecon.phantom.Contrast;
import org.mrirecon.phantom.KneePhantom;
import org.mrirecon.phantom.PhantomConfig;
import org.mrirecon.phantom.PhantomSlice;

import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * Writes fully sampled phantom slices as NumPy {@code .npz} files, for training learned methods and for Python
 * users. With {@code --randomize} every sample draws its own anatomy (jitter), contrast, coil count, SNR, matrix
 * size and slice position from the seed, so a network sees variety rather than one knee.
 */
@Command(name = "phantom", mixinStandardHelpOptions = true,
        description = "Write fully sampled phantom slices (k-space, RSS reference, noise-free truth, true coil maps) as "
                + ".npz files.")
final class PhantomCommand implements Callable<Integer> {

    private final Cli cli;

    @Option(names = "--skip-existing", description = "Keep the samples already in the output folder and write only the "
            + "missing ones: a rerun of an interrupted run (a sample is written to a temporary name and renamed, so a "
            + "file that is there is whole; the samples are the same as one uninterrupted run's).")
    boolean skipExisting;

    @Option(names = "--count", defaultValue = "8", description = "Number of slices to write (default ${DEFAULT-VALUE}).")
    int count;

    @Option(names = {"-o", "--out"}, required = true, paramLabel = "DIR", description = "Folder for the .npz files.")
    Path out;

    @Option(names = "--seed", defaultValue = "1", description = "Seed of the whole set (default ${DEFAULT-VALUE}).")
    long seed;

    @Option(names = "--randomize", description = "Draw anatomy jitter, contrast, coils (8-16), SNR, matrix size and "
            + "slice per sample (for training).")
    boolean randomize;

    @Option(names = "--matrix", defaultValue = "320", description = "Matrix N x N without --randomize (default "
            + "${DEFAULT-VALUE}).")
    int matrix;

    @Option(names = "--phase-encodes", paramLabel = "N", description = "Phase-encode lines without --randomize "
            + "(default: --matrix); the field of view stays 160 x 160 mm.")
    Integer phaseEncodes;

    @Option(names = "--consecutive", description = "Without --randomize: write consecutive central slices of one knee "
            + "(the phantom of --seed) instead of one slice of a new knee per sample, e.g. to make a multi-slice "
            + "volume file.")
    boolean consecutive;

    @Option(names = "--min-matrix", defaultValue = "128", description = "Smallest matrix with --randomize "
            + "(default ${DEFAULT-VALUE}).")
    int minMatrix;

    @Option(names = "--max-matrix", defaultValue = "256", description = "Largest matrix with --randomize "
            + "(default ${DEFAULT-VALUE}).")
    int maxMatrix;

    @Option(names = "--coils", defaultValue = "15", description = "Coils without --randomize (default "
            + "${DEFAULT-VALUE}).")
    int coils;

    @Option(names = "--snr", paramLabel = "SNR", defaultValue = "35", converter = SnrConverter.class,
            description = "SNR without --randomize: PD cartilage over the noise of one coil, or inf for noise-free "
                    + "k-space (default ${DEFAULT-VALUE}). With the same --seed, a noisy and a noise-free set hold "
                    + "the same anatomy.")
    double snr;

    @Option(names = "--snr-range", paramLabel = "MIN:MAX", description = "With --randomize: draw the SNR "
            + "log-uniformly from MIN to MAX, so a learned method also sees nearly noise-free data (default: uniform "
            + "15 to 60).")
    String snrRange;

    @Option(names = "--slice-range", paramLabel = "FIRST:LAST", defaultValue = "3:31", description = "With "
            + "--randomize: the slices of the 35-slice knee (0-34, medial to lateral) to draw from (default "
            + "${DEFAULT-VALUE}: within the condyles; 0:34 includes the outermost slices, which evaluations of the "
            + "whole volume score too).")
    String sliceRange;

    PhantomCommand(Cli cli) {
        this.cli = cli;
    }

    @Override
    public Integer call() throws Exception {
        if (count < 1) {
            throw new IllegalArgumentException("--count must be at least 1");
        }
        if (consecutive && (randomize || count > 35)) {
            throw new IllegalArgumentException("--consecutive writes up to 35 slices of one knee and excludes "
                    + "--randomize");
        }
        if (randomize && (minMatrix < 32 || maxMatrix < minMatrix)) {
            throw new IllegalArgumentException("need 32 <= --min-matrix <= --max-matrix");
        }
        double[] snrs = snrRange == null ? null : parseSnrRange(snrRange);
        sliceBounds = parseSliceRange(sliceRange);
        Files.createDirectories(out);
        AtomicInteger done = new AtomicInteger();
        ConsoleProgress progress = new ConsoleProgress(cli.err, "phantom", true);
        IntStream.range(0, count).parallel().forEach(i -> {
            try {
                writeSample(i, snrs);
            } catch (java.io.IOException e) {
                throw new java.io.UncheckedIOException(e);
            }
            progress.progress(done.incrementAndGet() / (double) count, "sample " + i);
        });
        progress.finish();
        cli.out.printf("Wrote %d samples to %s%n", count, out.toAbsolutePath());
        return 0;
    }

    /** The first and last slice --randomize draws from. */
    private int[] sliceBounds;

    private static int[] parseSliceRange(String range) {
        String[] parts = range.split(":");
        try {
            if (parts.length == 2) {
                int first = Integer.parseInt(parts[0].strip());
                int last = Integer.parseInt(parts[1].strip());
                if (0 <= first && first <= last && last < VOLUME_SLICES) {
                    return new int[] {first, last};
                }
            }
        } catch (NumberFormatException e) {
            // the message below
        }
        throw new IllegalArgumentException("--slice-range must be FIRST:LAST with 0 <= FIRST <= LAST <= "
                + (VOLUME_SLICES - 1) + ", got '" + range + "'; for example 0:34 for the whole knee");
    }

    private static final int VOLUME_SLICES = 35;

    private static double[] parseSnrRange(String range) {
        String[] parts = range.split(":");
        SnrConverter snr = new SnrConverter();
        double[] out;
        try {
            out = parts.length == 2 ? new double[] {snr.convert(parts[0]), snr.convert(parts[1])} : null;
        } catch (picocli.CommandLine.TypeConversionException e) {
            out = null;
        }
        if (out == null || Double.isInfinite(out[1]) || out[1] < out[0]) {
            throw new IllegalArgumentException("--snr-range must be MIN:MAX with 0 < MIN <= MAX < inf, got '" + range
                    + "'; for example 15:2000");
        }
        return out;
    }

    private void writeSample(int i, double[] snrBounds) throws java.io.IOException {
        String prefix = String.format(Locale.ROOT, "sample_%05d_", i);
        if (skipExisting) {
            try (var existing = Files.newDirectoryStream(out, prefix + "*.npz")) {
                if (existing.iterator().hasNext()) {
                    return;
                }
            }
        }
        SplittableRandom rng = new SplittableRandom(seed * 1_000_003L + i);
        PhantomConfig.Builder b = PhantomConfig.builder().seed(consecutive ? seed : rng.nextLong());
        int slices = VOLUME_SLICES;
        int slice = consecutive ? (slices - count) / 2 + i : slices / 2;
        if (randomize) {
            int n = 2 * ((minMatrix + rng.nextInt(maxMatrix - minMatrix + 1)) / 2); // even sizes, as scanners use
            int m = 2 * ((minMatrix + rng.nextInt(maxMatrix - minMatrix + 1)) / 2);
            Contrast[] contrasts = Contrast.values();
            b.matrix(n, m).coils(8 + rng.nextInt(9)).contrast(contrasts[rng.nextInt(contrasts.length)])
                    .anatomyJitter(0.2 + 0.8 * rng.nextDouble());
            double u = rng.nextDouble();
            b.snr(snrBounds == null ? 15 + 45 * u : snrBounds[0] * Math.pow(snrBounds[1] / snrBounds[0], u));
            // default 3:31, the slices within the condyles (the same draws as before the option existed)
            slice = sliceBounds[0] + rng.nextInt(sliceBounds[1] - sliceBounds[0] + 1);
        } else {
            b.matrix(phaseEncodes == null ? matrix : phaseEncodes, matrix).coils(coils).snr(snr);
        }
        PhantomConfig config = b.slices(slices).build();
        PhantomSlice s = new KneePhantom(config).slice(slice);
        KSpace k = s.kspace();
        float[] flat = new float[2 * k.coils() * k.phaseEncodes() * k.readouts()];
        float[] maps = new float[flat.length];
        int per = 2 * k.phaseEncodes() * k.readouts();
        float[][] sens = s.sensitivities();
        for (int c = 0; c < k.coils(); c++) {
            System.arraycopy(k.coil(c), 0, flat, c * per, per);
            System.arraycopy(sens[c], 0, maps, c * per, per);
        }
        Map<String, NumPy.Array> arrays = new LinkedHashMap<>();
        arrays.put("kspace", NumPy.Array.complex64(flat, k.coils(), k.phaseEncodes(), k.readouts()));
        arrays.put("reference", NumPy.Array.float32(s.reference(), k.phaseEncodes(), k.readouts()));
        // the noise-free object magnitude, on the scale of the RSS (the maps have unit RSS): the target a denoising
        // and unaliasing method should reach, and the yardstick of --ground-truth
        arrays.put("truth", NumPy.Array.float32(s.objectMagnitude(), k.phaseEncodes(), k.readouts()));
        arrays.put("sensitivities", NumPy.Array.complex64(maps, k.coils(), k.phaseEncodes(), k.readouts()));
        arrays.put("snr", NumPy.Array.float32(new float[] {(float) config.snr()}, 1));
        String name = String.format(Locale.ROOT, "%s%s_%dx%d_%dc.npz", prefix, config.contrast(),
                k.phaseEncodes(), k.readouts(), k.coils());
        // a temporary name first, so that a killed run never leaves a truncated sample that --skip-existing keeps
        Path partial = out.resolve(name + ".part");
        NumPy.writeNpz(partial, arrays);
        Files.move(partial, out.resolve(name), java.nio.file.StandardCopyOption.ATOMIC_MOVE);
    }
}
