package org.mrirecon.cli;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.IntStream;

import org.mrirecon.data.Dataset;
import org.mrirecon.io.DataFormatException;
import org.mrirecon.io.Readers;
import org.mrirecon.phantom.Cohort;
import org.mrirecon.phantom.KneePhantom;
import org.mrirecon.phantom.MotionModel;
import org.mrirecon.phantom.PhantomConfig;

import picocli.CommandLine.Option;

/**
 * Options that choose the data a command runs on: a raw-data file ({@code --in}: ISMRMRD, fastMRI HDF5, BART cfl,
 * NumPy, recognised by content) or, by default, the built-in knee phantom and its size.
 */
public final class DataOptions {

    @Option(names = {"-i", "--in"}, paramLabel = "FILE",
            description = "Raw data to use instead of the phantom: ISMRMRD or fastMRI .h5, BART .cfl/.hdr, NumPy "
                    + ".npy/.npz (the format is recognised by content). A path or a file: URI; the file is only read.")
    String in;

    /** A -i written as a URI with a scheme (file:/..., hdfs://..., s3a://...), not a plain local path. */
    private static final java.util.regex.Pattern URI_FORM = java.util.regex.Pattern.compile(
            "[A-Za-z][A-Za-z0-9+.-]+:/.*");

    /** -i as a local path: a plain path or a file: URI; any other scheme is for an engine that reads it. */
    private Path localIn() {
        if (!URI_FORM.matcher(in).matches()) {
            return Path.of(in);
        }
        if (in.regionMatches(true, 0, "file:", 0, 5)) {
            try {
                return Path.of(java.net.URI.create(in));
            } catch (IllegalArgumentException e) { // a glob's characters are not all legal in a URI
                return Path.of(in.substring(in.startsWith("file://") ? 7 : 5));
            }
        }
        throw new IllegalArgumentException("-i " + in + ": this process reads local files and file: URIs only; "
                + "data on " + in.substring(0, in.indexOf(':')) + ": is read by the benchmark's Spark engine "
                + "(spark-submit, see docs/benchmark.md), or copy it to a local folder first");
    }

    @Option(names = "--slices", paramLabel = "N|A-B|A,B",
            description = "Slices to use, of the phantom or of a file: a count of central slices (9), or slice "
                    + "numbers as a range (10-20) or a list (5,17 or 3-5,9). Default: all (bench: 4).")
    String slices;

    @Option(names = "--volume-slices", paramLabel = "N", defaultValue = "35",
            description = "Slices of the whole phantom volume, medial to lateral (default ${DEFAULT-VALUE}).")
    int phantomSlices;

    @Option(names = "--matrix", paramLabel = "N", defaultValue = "320",
            description = "Phantom matrix size N x N (default ${DEFAULT-VALUE}).")
    int matrix;

    @Option(names = "--coils", paramLabel = "N", defaultValue = "15",
            description = "Phantom receive coils (default ${DEFAULT-VALUE}).")
    int coils;

    @Option(names = "--seed", paramLabel = "N", defaultValue = "42",
            description = "Phantom random seed (noise, texture) (default ${DEFAULT-VALUE}).")
    long seed;

    @Option(names = "--snr", paramLabel = "SNR", defaultValue = "35", converter = SnrConverter.class,
            description = "Phantom signal-to-noise ratio of PD cartilage per coil, or inf for noise-free k-space "
                    + "(default ${DEFAULT-VALUE}).")
    double snr;

    @Option(names = "--ground-truth", negatable = true,
            description = "Score against the noise-free truth (the phantom's object; a file's 'truth' array) next to "
                    + "the fully sampled reference, and lead with it; an error if the data has no truth. "
                    + "--no-ground-truth scores against the reference alone (fastMRI's convention). Default: the "
                    + "truth where the data has one.")
    Boolean groundTruth;

    @Option(names = "--subjects", paramLabel = "N",
            description = "A phantom cohort of N knees instead of one: each its own seed, anatomy, coil count (base "
                    + "-3 to +1) and SNR (5/7 to 10/7 of --snr), so results have subject-to-subject variance and the "
                    + "statistics are clustered by subject (default: one knee).")
    Integer subjects;

    @Option(names = "--motion", split = ",", paramLabel = "RATE",
            description = "Rigid in-plane motion of the phantom, in events per minute of the phantom's scan time "
                    + "(Poisson jerks plus a drift that scales with the rate; docs/phantom.md): each protocol's echo "
                    + "trains are acquired at their times, so a longer protocol meets more motion; the truth stays "
                    + "the unmoved object. Several rates (e.g. 0,1,2,4) run the comparison at each.")
    List<Double> motion;

    /** The motion rates to run (one static run by default), checked. */
    List<Double> motionRates() {
        if (motion == null || motion.isEmpty()) {
            return List.of(0.0);
        }
        if (in != null) {
            throw new IllegalArgumentException("--motion simulates the phantom's scan: it does not apply to a file ("
                    + in + "); drop --motion or drop -i");
        }
        for (double r : motion) {
            if (!(r >= 0) || Double.isInfinite(r) || r > MotionModel.MAX_RATE) {
                throw new IllegalArgumentException("--motion " + r + " is not a rate in events per minute: give "
                        + "numbers from 0 to " + MotionModel.MAX_RATE + ", e.g. --motion 0,1,2,4");
            }
        }
        return List.copyOf(motion);
    }

    /** The subjects the command runs on: the file, the phantom, or a phantom cohort. */
    Study loadStudy() throws DataFormatException {
        motionRates(); // fail before any work
        if (subjects == null) {
            Dataset d = load();
            return new Study(List.of(new Study.Subject(d, in == null ? phantom(config(seed, snr)) : null,
                    phantomIndices(d))), d.source());
        }
        if (in != null) {
            throw new IllegalArgumentException("--subjects makes a phantom cohort: it does not apply to a file (" + in
                    + "); drop --subjects or drop -i");
        }
        if (subjects < 1 || subjects > 1000) {
            throw new IllegalArgumentException("--subjects must be 1 to 1000, got " + subjects);
        }
        List<Study.Subject> out = new ArrayList<>();
        List<PhantomConfig> configs = Cohort.of(config(seed, snr)).subjects(subjects);
        for (int i = 0; i < configs.size(); i++) {
            PhantomConfig c = configs.get(i);
            KneePhantom phantom = phantom(c);
            Dataset d = truthAsAsked(phantomDataset(phantom, c, "subject " + (i + 1) + " of " + subjects + ": "));
            out.add(new Study.Subject(d, phantom, phantomIndices(d)));
        }
        return new Study(out, subjects + " phantom knees (cohort of seed " + seed + ", base " + SnrConverter
                .describe(snr) + ", coils and SNR varied per subject)");
    }

    private static int[] phantomIndices(Dataset d) {
        int[] idx = new int[d.sliceCount()];
        for (int i = 0; i < idx.length; i++) {
            idx[i] = d.sliceNumber(i);
        }
        return idx;
    }

    /** The data with or without its truth, as --[no-]ground-truth asks. */
    public Dataset load() throws DataFormatException {
        return truthAsAsked(loadData());
    }

    private Dataset truthAsAsked(Dataset d) {
        if (Boolean.TRUE.equals(groundTruth) && !d.hasTruth()) {
            throw new IllegalArgumentException(d.source() + " has no noise-free truth, so --ground-truth cannot "
                    + "score against one: use the phantom, a file with a 'truth' array, or drop --ground-truth");
        }
        return Boolean.FALSE.equals(groundTruth) ? d.withoutTruth() : d;
    }

    /** Without --slices, a command may use a few central slices by default (bench); null: all slices. */
    Integer defaultSlices;

    private SliceSelection selection() {
        if (slices != null) {
            return SliceSelection.parse(slices);
        }
        return defaultSlices == null ? null : SliceSelection.atMost(defaultSlices);
    }

    /** Reads the file, or generates the selected slices of the phantom (slices in parallel). */
    private Dataset loadData() throws DataFormatException {
        if (in != null) {
            return readFile(localIn());
        }
        PhantomConfig config = config(seed, snr);
        return phantomDataset(phantom(config), config, "");
    }

    /** The selected slices of a raw-data file. */
    private Dataset readFile(java.nio.file.Path file) throws DataFormatException {
        SliceSelection selection = selection();
        Dataset all = Readers.read(file);
        if (selection == null) {
            return all;
        }
        List<Integer> numbers = new ArrayList<>();
        for (int i = 0; i < all.sliceCount(); i++) {
            numbers.add(all.sliceNumber(i));
        }
        List<Integer> chosen = selection.select(numbers, file.getFileName().toString());
        return all.select(chosen.stream().mapToInt(numbers::indexOf).toArray());
    }

    /**
     * A volume of a benchmark: an id, the file it comes from (null for the phantom), the bytes its raw data takes (the
     * file's size; the phantom's k-space), from which the benchmark sizes its memory, and how to load it.
     */
    record Volume(String id, Source file, long dataBytes, VolumeLoader loader) {
    }

    /** A volume's data file: where it is (a path or a URI: the manifest's provenance), its size and its SHA-256. */
    record Source(String location, long bytes, Checksum sha256) {
        static Source local(Path f) throws java.io.IOException {
            return new Source(f.toAbsolutePath().toString(), java.nio.file.Files.size(f), () -> BenchmarkCommand
                    .sha256(f));
        }
    }

    /** Computes a file's SHA-256 when first asked (a read of the whole file). */
    interface Checksum {
        String get() throws java.io.IOException;
    }

    /** Loads a volume when its turn comes (volumes are not all held at once). */
    interface VolumeLoader {
        Study.Subject load() throws DataFormatException;
    }

    /**
     * The volumes a benchmark runs on: every regular file of the folder -i names (or that its glob matches; hidden
     * files skipped), sorted; the file itself; the subjects of a phantom cohort (--subjects); or the phantom.
     */
    List<Volume> volumes() throws java.io.IOException {
        motionRates();
        List<Volume> out = new ArrayList<>();
        if (in != null) {
            if (subjects != null) {
                throw new IllegalArgumentException("--subjects makes a phantom cohort: it does not apply to files ("
                        + in + "); drop --subjects or drop -i");
            }
            if (URI_FORM.matcher(in).matches() && RemoteFiles.available()) {
                // an engine that reads URIs itself (Spark, through Hadoop): each volume is staged while it is read
                for (RemoteFiles.Listed f : RemoteFiles.list(in)) {
                    out.add(new Volume(f.name(), new Source(f.uri(), f.bytes(), () -> RemoteFiles.sha256(f.uri())),
                            f.bytes(), () -> {
                                Path local;
                                try {
                                    local = RemoteFiles.stage(f.uri());
                                } catch (java.io.IOException e) {
                                    throw new java.io.UncheckedIOException("cannot read " + f.uri() + ": "
                                            + e.getMessage(), e);
                                }
                                try {
                                    return new Study.Subject(truthAsAsked(readFile(local)), null, null);
                                } finally {
                                    RemoteFiles.release(local);
                                }
                            }));
                }
                if (out.isEmpty()) {
                    throw new IllegalArgumentException("-i " + in + ": no files there; give a folder of raw-data "
                            + "files, a glob such as 'data/*.h5' (quoted), or a file");
                }
                return out;
            }
            for (java.nio.file.Path f : files(localIn())) {
                Source source = Source.local(f);
                out.add(new Volume(f.getFileName().toString(), source, source.bytes(), () -> new Study.Subject(
                        truthAsAsked(readFile(f)), null, null)));
            }
            return out;
        }
        int n = subjects == null ? 1 : subjects;
        if (n < 1 || n > 100000) {
            throw new IllegalArgumentException("--subjects must be 1 to 100000, got " + n);
        }
        List<PhantomConfig> configs = subjects == null ? List.of(config(seed, snr))
                : Cohort.of(config(seed, snr)).subjects(n);
        for (int i = 0; i < configs.size(); i++) {
            PhantomConfig c = configs.get(i);
            String id = subjects == null ? "phantom" : String.format(java.util.Locale.ROOT, "subject-%03d", i + 1);
            String prefix = subjects == null ? "" : "subject " + (i + 1) + " of " + n + ": ";
            long kspace = 8L * phantomSliceNumbers().size() * c.coils() * c.phaseEncodes() * c.readouts();
            out.add(new Volume(id, null, kspace, () -> {
                KneePhantom phantom = phantom(c);
                Dataset d = truthAsAsked(phantomDataset(phantom, c, prefix));
                return new Study.Subject(d, phantom, phantomIndices(d));
            }));
        }
        return out;
    }

    /** The files of a folder, a glob's matches, or the file; an empty match is an error that says so. */
    private static List<java.nio.file.Path> files(java.nio.file.Path in) throws java.io.IOException {
        String spec = in.toString();
        List<java.nio.file.Path> found = new ArrayList<>();
        if (spec.contains("*") || spec.contains("?") || spec.contains("[")) {
            java.nio.file.Path dir = in.getParent() == null ? java.nio.file.Path.of(".") : in.getParent();
            java.nio.file.PathMatcher m = dir.getFileSystem().getPathMatcher("glob:" + in.getFileName());
            try (java.util.stream.Stream<java.nio.file.Path> s = java.nio.file.Files.list(dir)) {
                s.filter(p -> m.matches(p.getFileName()) && java.nio.file.Files.isRegularFile(p)).forEach(found::add);
            }
        } else if (java.nio.file.Files.isDirectory(in)) {
            try (java.util.stream.Stream<java.nio.file.Path> s = java.nio.file.Files.list(in)) {
                s.filter(p -> java.nio.file.Files.isRegularFile(p) && !p.getFileName().toString().startsWith("."))
                        .forEach(found::add);
            }
        } else if (java.nio.file.Files.isRegularFile(in)) {
            found.add(in);
        } else {
            throw new IllegalArgumentException("-i " + in + ": no such file or folder");
        }
        if (found.isEmpty()) {
            throw new IllegalArgumentException("-i " + in + ": no files there; give a folder of raw-data files, a "
                    + "glob such as 'data/*.h5' (quoted), or a file");
        }
        found.sort(null);
        return found;
    }

    private PhantomConfig config(long seed, double snr) {
        if (phantomSlices < 1) {
            throw new IllegalArgumentException("--volume-slices must be at least 1, got " + phantomSlices);
        }
        return PhantomConfig.builder().matrix(matrix, matrix).coils(coils).slices(phantomSlices).seed(seed).snr(snr)
                .build();
    }

    private static KneePhantom phantom(PhantomConfig config) {
        return new KneePhantom(config);
    }

    /** The phantom's slices that --slices selects (all without it). */
    private List<Integer> phantomSliceNumbers() {
        SliceSelection selection = selection();
        List<Integer> all = IntStream.range(0, phantomSlices).boxed().toList();
        return selection == null ? all : selection.select(all, "the phantom volume");
    }

    /** The selected slices of a phantom, named by what was simulated. */
    private Dataset phantomDataset(KneePhantom phantom, PhantomConfig c, String prefix) {
        List<Integer> numbers = phantomSliceNumbers();
        String name = String.format("%sknee phantom %dx%d, %d coils, %s, slices %s of 0-%d, seed %d", prefix,
                c.phaseEncodes(), c.readouts(), c.coils(), SnrConverter.describe(c.snr()), describe(numbers),
                phantomSlices - 1, c.seed());
        return phantom.dataset(name, numbers.stream().mapToInt(Integer::intValue).toArray());
    }

    /** 16-18 for a run, 5,17 otherwise. */
    private static String describe(List<Integer> numbers) {
        boolean run = numbers.get(numbers.size() - 1) - numbers.get(0) == numbers.size() - 1;
        return run ? numbers.get(0) + "-" + numbers.get(numbers.size() - 1)
                : String.join(",", numbers.stream().map(String::valueOf).toList());
    }
}
