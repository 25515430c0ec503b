package org.mrirecon.cs.bench;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import org.mrirecon.api.Acquisition;
import org.mrirecon.api.KSpace;
import org.mrirecon.api.ReconContext;
import org.mrirecon.api.ReconstructedImage;
import org.mrirecon.api.Reconstructor;
import org.mrirecon.api.SamplingPattern;
import org.mrirecon.cs.CompressedSensingReconstructor;
import org.mrirecon.numerics.mask.Masks;
import org.mrirecon.numerics.metrics.ImageMetrics;
import org.mrirecon.numerics.sens.Espirit;
import org.mrirecon.numerics.sens.EspiritParameters;
import org.mrirecon.numerics.sens.SensitivityMaps;
import org.mrirecon.phantom.KneePhantom;
import org.mrirecon.phantom.PhantomConfig;
import org.mrirecon.phantom.PhantomSlice;

/**
 * The Java side of {@code recon.cs/bench/compare_bart.sh}: writes one knee-phantom slice in BART's format, scores
 * BART's output, runs our reconstruction on the very same files, and compares ESPIRiT maps. Commands:
 * <pre>
 *   write DIR ROWS COILS SLICE R:ACS...          phantom k-space per protocol (ksp_R&lt;r&gt;), reference (ref), true maps
 *   score DIR R:ACS IMAGE SECONDS LABEL          one table row for a BART image (sets combined by root-sum-of-squares)
 *   ours DIR R:ACS REPEATS [name=value...]       rows for our reconstruction (first call, best of the repeats)
 *   maps DIR R:ACS BART_MAPS                     our ESPIRiT maps against BART's and the true ones
 * </pre>
 * Metrics are fastMRI's (ImageMetrics) against the fully sampled RSS reference, data range = its maximum.
 */
public final class BartComparison {

    private static final String ROW = "%-34s %7.2f %7.4f %8.5f %8.2f%n";

    private BartComparison() {
    }

    public static void main(String[] args) throws Exception {
        Path dir = Path.of(args[1]);
        switch (args[0]) {
        case "write" -> write(dir, Integer.parseInt(args[2]), Integer.parseInt(args[3]), Integer.parseInt(args[4]),
                Arrays.copyOfRange(args, 5, args.length));
        case "score" -> score(dir, args[2], Path.of(args[3]), Double.parseDouble(args[4]), args[5]);
        case "ours" -> ours(dir, args[2], Integer.parseInt(args[3]), Arrays.copyOfRange(args, 4, args.length));
        case "maps" -> maps(dir, args[2], Path.of(args[3]));
        default -> throw new IllegalArgumentException("unknown command " + args[0]);
        }
    }

    /** Column titles for the rows that score and ours print. */
    public static String header() {
        return String.format("%-34s %7s %7s %8s %8s", "method", "PSNR", "SSIM", "NMSE", "time_s");
    }

    private static void write(Path dir, int n, int coils, int slice, String[] protocols) throws Exception {
        Files.createDirectories(dir);
        KneePhantom phantom = new KneePhantom(PhantomConfig.builder().matrix(n, n).coils(coils).build());
        PhantomSlice s = phantom.slice(slice);
        KSpace full = s.kspace();
        float[] ref = s.reference();
        float[] refComplex = new float[2 * ref.length];
        for (int i = 0; i < ref.length; i++) {
            refComplex[2 * i] = ref[i];
        }
        Cfl.write(dir.resolve("ref"), new long[] {n, n}, refComplex);
        Cfl.write(dir.resolve("truemaps"), new long[] {n, n, 1, coils}, flatten(s.sensitivities()));
        for (String p : protocols) {
            SamplingPattern pattern = pattern(n, p);
            Acquisition a = Acquisition.of(full, pattern, slice);
            Cfl.write(dir.resolve("ksp_" + name(p)), new long[] {n, n, 1, coils}, a.kspace().copyData());
        }
    }

    private static void score(Path dir, String protocol, Path image, double seconds, String label) throws Exception {
        float[] ref = reference(dir);
        Cfl img = Cfl.read(image);
        int pixels = ref.length;
        float[] mag = new float[pixels];
        for (int set = 0; set < img.data.length / (2 * pixels); set++) {
            for (int i = 0; i < pixels; i++) {
                float re = img.data[2 * (set * pixels + i)];
                float im = img.data[2 * (set * pixels + i) + 1];
                mag[i] += re * re + im * im;
            }
        }
        for (int i = 0; i < pixels; i++) {
            mag[i] = (float) Math.sqrt(mag[i]);
        }
        row(label + " " + protocol, ref, mag, seconds);
    }

    private static void ours(Path dir, String protocol, int repeats, String[] parameters) throws Exception {
        float[] ref = reference(dir);
        Acquisition a = acquisition(dir, protocol);
        Reconstructor cs = new CompressedSensingReconstructor();
        Map<String, String> values = new HashMap<>();
        for (String p : parameters) {
            String[] kv = p.split("=", 2);
            values.put(kv[0], kv[1]);
        }
        List<Double> times = new ArrayList<>();
        ReconstructedImage img = null;
        for (int r = 0; r < Math.max(1, repeats); r++) {
            long t0 = System.nanoTime();
            img = cs.reconstruct(a, cs.descriptor().parameters(values), ReconContext.none());
            times.add((System.nanoTime() - t0) / 1e9);
        }
        String label = "ours " + protocol + " " + values;
        row(label + " (first call)", ref, img.magnitude(), times.get(0));
        if (times.size() > 1) {
            row(label + " (best of " + (times.size() - 1) + " more)", ref, img.magnitude(),
                    times.subList(1, times.size()).stream().mapToDouble(Double::doubleValue).min().orElseThrow());
        }
        System.out.println("  info " + img.info());
    }

    private static void maps(Path dir, String protocol, Path bartMaps) throws Exception {
        float[] ref = reference(dir);
        Acquisition a = acquisition(dir, protocol);
        int n = a.kspace().phaseEncodes() * a.kspace().readouts();
        int coils = a.kspace().coils();
        SensitivityMaps ours = Espirit.estimate(a.kspace(), a.pattern(), EspiritParameters.defaults());
        Cfl.write(dir.resolve("ours_maps_" + name(protocol)), new long[] {a.kspace().readouts(),
            a.kspace().phaseEncodes(), 1, coils, ours.sets()}, ours.operator().maps());
        Cfl bart = Cfl.read(bartMaps);
        double max = 0;
        for (float v : ref) {
            max = Math.max(max, v);
        }
        boolean[] object = new boolean[n];
        int inside = 0;
        for (int i = 0; i < n; i++) {
            object[i] = ref[i] > 0.1 * max;
            inside += object[i] ? 1 : 0;
        }
        float[][][] bartSets = {set(bart.data, 0, coils, n), set(bart.data, 1, coils, n)};
        float[][][] oursSets = {MapAgreement.set(ours, 0), MapAgreement.set(ours, 1)};
        float[][] truth = set(Cfl.read(dir.resolve("truemaps")).data, 0, coils, n);
        boolean[] oursKept0 = MapAgreement.kept(oursSets[0]);
        boolean[] bartKept0 = MapAgreement.kept(bartSets[0]);
        boolean[] oursKept1 = MapAgreement.kept(oursSets[1]);
        boolean[] bartKept1 = MapAgreement.kept(bartSets[1]);
        boolean[] single = new boolean[n];
        boolean[] both = new boolean[n];
        int differ = 0;
        for (int i = 0; i < n; i++) {
            single[i] = object[i] && oursKept0[i] && bartKept0[i] && !oursKept1[i] && !bartKept1[i];
            both[i] = object[i] && oursKept1[i] && bartKept1[i];
            differ += oursKept0[i] != bartKept0[i] || oursKept1[i] != bartKept1[i] ? 1 : 0;
        }
        System.out.printf(Locale.ROOT, "ESPIRiT maps %s (%d kernels): object = reference > 10%% of max, %d pixels%n",
                protocol, ours.kernelCount(), inside);
        System.out.printf(Locale.ROOT, "  kept: set 0 ours %.4f bart %.4f, set 1 ours %.4f bart %.4f of the image; "
                + "%d pixels kept differently%n", MapAgreement.fraction(oursKept0), MapAgreement.fraction(bartKept0),
                MapAgreement.fraction(oursKept1), MapAgreement.fraction(bartKept1), differ);
        System.out.printf(Locale.ROOT, "  one-set region (%d px), common-phase error in our phase convention: "
                + "ours-bart %.4f, ours-true %.4f, bart-true %.4f%n", count(single),
                MapAgreement.commonPhase(ours, bartSets[0], single), MapAgreement.commonPhase(ours, truth, single),
                MapAgreement.commonPhase(bartSets[0], ours.phaseReference(), truth, single));
        System.out.printf(Locale.ROOT, "  two-set region (%d px): projector distance ours-bart %.4f; true map outside "
                + "the span: ours %.4f, bart %.4f%n", count(both),
                MapAgreement.projectorDistance(oursSets, bartSets, both),
                MapAgreement.outsideSpan(oursSets, truth, both), MapAgreement.outsideSpan(bartSets, truth, both));
    }

    private static int count(boolean[] mask) {
        int k = 0;
        for (boolean b : mask) {
            k += b ? 1 : 0;
        }
        return k;
    }

    private static float[][] set(float[] data, int set, int coils, int pixels) {
        float[][] out = new float[coils][2 * pixels];
        for (int c = 0; c < coils; c++) {
            System.arraycopy(data, 2 * (set * coils + c) * pixels, out[c], 0, 2 * pixels);
        }
        return out;
    }

    private static void row(String label, float[] ref, float[] mag, double seconds) {
        double max = ImageMetrics.max(new float[][] {ref});
        int n = (int) Math.round(Math.sqrt(ref.length));
        System.out.printf(Locale.ROOT, ROW, label, ImageMetrics.psnr(new float[][] {ref}, new float[][] {mag}, max),
                ImageMetrics.ssim(ref, mag, n, ref.length / n, max),
                ImageMetrics.nmse(new float[][] {ref}, new float[][] {mag}), seconds);
    }

    private static float[] reference(Path dir) throws Exception {
        Cfl ref = Cfl.read(dir.resolve("ref"));
        float[] out = new float[ref.data.length / 2];
        for (int i = 0; i < out.length; i++) {
            out[i] = ref.data[2 * i];
        }
        return out;
    }

    /** Reads the k-space back and takes the pattern from the lines that hold data, so both sides see the same. */
    private static Acquisition acquisition(Path dir, String protocol) throws Exception {
        Cfl k = Cfl.read(dir.resolve("ksp_" + name(protocol)));
        int cols = (int) k.dims[0];
        int rows = (int) k.dims[1];
        int coils = (int) k.dims[3];
        KSpace ks = KSpace.of(coils, rows, cols, k.data);
        SamplingPattern expected = pattern(rows, protocol);
        boolean[] acquired = new boolean[rows];
        for (int y = 0; y < rows; y++) {
            for (int x = 0; x < cols && !acquired[y]; x++) {
                acquired[y] = ks.re(0, y, x) != 0 || ks.im(0, y, x) != 0;
            }
        }
        if (!Arrays.equals(acquired, expected.mask())) {
            throw new IllegalStateException("k-space lines in " + protocol + " do not match the mask");
        }
        return Acquisition.of(ks, expected, 0);
    }

    /** "4:20" = every 4th line plus 20 calibration lines. */
    private static SamplingPattern pattern(int rows, String protocol) {
        String[] f = protocol.split(":");
        return Masks.equispaced(rows, Integer.parseInt(f[0]), Integer.parseInt(f[1]));
    }

    private static String name(String protocol) {
        return "R" + protocol.replace(':', '_');
    }

    private static float[] flatten(float[][] coils) {
        int len = coils[0].length;
        float[] out = new float[coils.length * len];
        for (int c = 0; c < coils.length; c++) {
            System.arraycopy(coils[c], 0, out, c * len, len);
        }
        return out;
    }
}
