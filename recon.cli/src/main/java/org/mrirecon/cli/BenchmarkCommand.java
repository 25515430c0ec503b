package org.mrirecon.cli;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;

import org.mrirecon.data.Dataset;
import org.mrirecon.evaluation.ClusteredComparison;
import org.mrirecon.evaluation.Metric;
import org.mrirecon.evaluation.Metrics;
import org.mrirecon.evaluation.Score;
import org.mrirecon.evaluation.Trial;
import org.mrirecon.evaluation.TrialResult;
import org.mrirecon.evaluation.Yardsticks;
import org.mrirecon.numerics.op.FftEngine;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * Benchmarks methods over a data set: every volume (a file of a folder, or a phantom subject) with every trial. Work
 * units are (volume, trial); each is committed to the output folder atomically as it finishes, so a rerun skips what
 * is done and a killed run loses at most the units that were running. A unit that fails (unreadable file, method
 * error, timeout) is committed with its error and the run goes on. After the run, the tables are rebuilt from every
 * committed unit, with statistics clustered by volume, and a manifest records where every number comes from.
 */
@Command(name = "benchmark", mixinStandardHelpOptions = true,
        description = "Benchmark methods over a data set (a folder or glob of raw files, or a phantom cohort): "
                + "per-slice and per-volume metrics as CSV and JSON, statistics clustered by volume, a manifest of "
                + "versions and checksums. Resumable: a rerun into the same --out skips the finished units.")
final class BenchmarkCommand implements Callable<Integer> {

    /** Where the work runs: this process, or Spark's executors (through recon-spark and spark-submit). */
    enum Engine {
        local, spark
    }

    private final Cli cli;

    @Mixin
    MethodSelection selection;

    @Option(names = {"-o", "--out"}, paramLabel = "DIR", defaultValue = "benchmark-output",
            description = "Folder for the units, tables and manifest (default ${DEFAULT-VALUE}); a rerun into the "
                    + "same folder resumes.")
    Path out;

    @Option(names = "--engine", paramLabel = "ENGINE", defaultValue = "local",
            description = "Where the work runs: local (this process, --workers volumes at a time); spark is "
                    + "recon-spark's, run through spark-submit (docs/benchmark.md).")
    Engine engine;

    @Option(names = "--workers", paramLabel = "N", defaultValue = "1",
            description = "Volumes worked on at most at once (default ${DEFAULT-VALUE}: the methods already use "
                    + "every core; more only where they do not). Fewer run while their memory (about 3x a volume's "
                    + "raw data plus 256 MB each) would not fit in 85%% of the heap.")
    int workers;

    @Option(names = "--retry-failed", description = "Run again the units a previous run recorded as failed.")
    boolean retryFailed;

    @Option(names = "--no-progress", description = "Do not print a line per finished unit.")
    boolean noProgress;

    @Mixin
    DataOptions data;

    @Mixin
    JobOptions jobs;

    BenchmarkCommand(Cli cli) {
        this.cli = cli;
    }

    @Override
    public Integer call() throws Exception {
        if (workers < 1 || workers > 64) {
            throw new UsageException("--workers must be 1 to 64, got " + workers);
        }
        if (engine == Engine.spark) {
            throw new UsageException("--engine spark runs on a Spark cluster through recon-spark: spark-submit "
                    + "--class org.mrirecon.spark.SparkBenchmark recon-spark.jar --launcher launcher.jar -- benchmark "
                    + "ARGS (docs/benchmark.md); this launcher runs --engine local");
        }
        Outputs.checkWritable(out);
        try (AutoCloseable session = jobs.open(cli)) {
            Run run = run();
            run.plan();
            run.execute();
            return run.summarise();
        }
    }

    /** A run of this command's volumes into its output folder. */
    Run run() throws IOException {
        return new Run(new BenchmarkStore(out), data.volumes());
    }

    /** One run over the volumes: schedules, commits, reports progress, then aggregates. */
    final class Run {
        private final BenchmarkStore store;
        private final List<DataOptions.Volume> volumes;
        private final AtomicInteger done = new AtomicInteger();
        private final AtomicInteger failed = new AtomicInteger();
        private final AtomicInteger skipped = new AtomicInteger();
        /** The trials as resolved on the first readable volume: the names units are committed under. */
        private List<Trial> planned;
        /** That first readable volume, loaded once. */
        private final Map<String, Study.Subject> preloaded = new java.util.concurrent.ConcurrentHashMap<>();
        private int total;
        private long t0;

        Run(BenchmarkStore store, List<DataOptions.Volume> volumes) {
            this.store = store;
            this.volumes = volumes;
        }

        /** SHA-256 of the data files, by volume id, as computed for their units. */
        private final Map<String, String> checksums = new java.util.concurrent.ConcurrentHashMap<>();
        /** Units run but handed back instead of committed (for an engine that commits on its driver), or null. */
        private List<ObjectNode> collected;

        /** Resolves the trials on the first readable volume: the names units are committed under. */
        void plan() throws Exception {
            String firstError = null;
            for (DataOptions.Volume v : volumes) {
                try {
                    Study.Subject s = v.loader().load();
                    planned = selection.resolve(cli.registry, s.data(), cli.limits().absentGrace());
                    preloaded.put(v.id(), s);
                    break;
                } catch (org.mrirecon.io.DataFormatException | RuntimeException e) {
                    if (e instanceof IllegalArgumentException && !(e instanceof org.mrirecon.io.DataFormatException)
                            && planned == null && e.getMessage() != null && e.getMessage().contains("method")) {
                        throw e; // an unknown method or a bad parameter: the command line is wrong, not the data
                    }
                    firstError = firstError != null ? firstError : v.id() + ": " + describe(e);
                }
            }
            if (planned == null) {
                throw new IllegalArgumentException("no volume could be read (first: " + firstError + ")");
            }
            total = volumes.size() * planned.size();
            t0 = System.nanoTime();
        }

        /** Resolves the trials on one volume (an engine that runs one volume per call: no other volume is read). */
        void planOn(String id) throws Exception {
            for (DataOptions.Volume v : volumes) {
                if (v.id().equals(id)) {
                    Study.Subject s = v.loader().load();
                    planned = selection.resolve(cli.registry, s.data(), cli.limits().absentGrace());
                    preloaded.put(v.id(), s);
                    total = planned.size();
                    t0 = System.nanoTime();
                    return;
                }
            }
            throw new IllegalArgumentException("no volume '" + id + "' in this benchmark's data");
        }

        /**
         * The ids of the volumes that have units still to run. Without a plan and with nothing committed yet, every
         * volume, and none is read: the trials' names, which need a volume, only matter to match committed units.
         */
        List<String> pendingVolumes() throws Exception {
            if (planned == null) {
                if (store.isEmpty()) {
                    selection.checkMethods(cli.registry, cli.limits().absentGrace());
                    return volumes.stream().map(DataOptions.Volume::id).toList();
                }
                plan();
            }
            List<String> ids = new ArrayList<>();
            for (DataOptions.Volume v : volumes) {
                if (anyNeeded(v, planned)) {
                    ids.add(v.id());
                }
            }
            return ids;
        }

        /** Runs one volume's pending units and returns them, not committed. */
        List<ObjectNode> runVolume(String id) throws Exception {
            collected = new ArrayList<>();
            for (DataOptions.Volume v : volumes) {
                if (v.id().equals(id)) {
                    volume(v);
                    return collected;
                }
            }
            throw new IllegalArgumentException("no volume '" + id + "' in this benchmark's data");
        }

        /** Commits units another process ran (their keys are in them). */
        void commitAll(List<JsonNode> units) throws IOException {
            for (JsonNode u : units) {
                store.commit(u.path("unit").asText(), (ObjectNode) u);
            }
        }

        void execute() throws Exception {
            cli.out.printf("Benchmark: %d volume%s x %d trial%s = %d units, engine %s, %d worker%s; output %s%n",
                    volumes.size(), volumes.size() == 1 ? "" : "s", total / Math.max(1, volumes.size()),
                    total / Math.max(1, volumes.size()) == 1 ? "" : "s", total, engine, workers, workers == 1 ? ""
                            : "s", out.toAbsolutePath());
            ExecutorService pool = Executors.newFixedThreadPool(workers, r -> {
                Thread t = new Thread(r, "recon-benchmark");
                t.setDaemon(true);
                return t;
            });
            MemoryBudget memory = MemoryBudget.ofHeap();
            try {
                List<Future<?>> futures = new ArrayList<>();
                for (DataOptions.Volume v : volumes) {
                    futures.add(pool.submit(() -> {
                        // with several workers, a volume starts only once its memory fits beside the others'
                        long held = memory.acquire(MemoryBudget.estimate(v.dataBytes()));
                        try {
                            volume(v);
                        } finally {
                            memory.release(held);
                        }
                        return null;
                    }));
                }
                for (Future<?> f : futures) {
                    f.get();
                }
            } finally {
                pool.shutdownNow();
            }
            cli.out.printf(Locale.ROOT, "This run: %d units run (%d failed), %d already done before, in %s%n",
                    done.get(), failed.get(), skipped.get(), duration((System.nanoTime() - t0) / 1e9));
        }

        private String key(DataOptions.Volume v, Trial t) {
            return v.id() + " | " + t.label();
        }

        private boolean needed(String key) throws IOException {
            if (!store.committed(key)) {
                return true;
            }
            if (retryFailed) {
                JsonNode u = BenchmarkStore.JSON.readTree(store.unitFile(key).toFile());
                return "failed".equals(u.path("status").asText());
            }
            return false;
        }

        /** Every pending unit of one volume: the volume is loaded once, its trials run one after the other. */
        private void volume(DataOptions.Volume v) throws Exception {
            Study.Subject subject;
            List<Trial> trials;
            try {
                if (!anyNeeded(v, planned)) {
                    skipped.addAndGet(planned.size());
                    preloaded.remove(v.id());
                    progress();
                    return;
                }
                Study.Subject pre = preloaded.remove(v.id());
                subject = pre != null ? pre : v.loader().load();
                trials = selection.resolve(cli.registry, subject.data(), cli.limits().absentGrace());
            } catch (Exception | OutOfMemoryError e) {
                // the volume cannot be read or no trial fits it: every unit of it fails, with the reason
                for (Trial t : planned) {
                    String key = key(v, t);
                    if (needed(key)) {
                        commit(key, failedUnit(key, v, t, describe(e)), false);
                    }
                }
                return;
            }
            Dataset d = subject.data();
            Yardsticks yardsticks = Yardsticks.of(d);
            for (Trial t : trials) {
                String key = key(v, t);
                if (!needed(key)) {
                    skipped.incrementAndGet();
                    progress();
                    continue;
                }
                TrialResult r = TrialRunner.run(cli, List.of(t), d, yardsticks, false).get(0);
                commit(key, unit(key, v, d, t, r), !r.failed());
            }
        }

        private boolean anyNeeded(DataOptions.Volume v, List<Trial> planned) throws IOException {
            for (Trial t : planned) {
                if (needed(key(v, t))) {
                    return true;
                }
            }
            return false;
        }

        private synchronized void commit(String key, ObjectNode unit, boolean ok) throws IOException {
            if (collected != null) {
                collected.add(unit);
            } else {
                store.commit(key, unit);
            }
            done.incrementAndGet();
            if (!ok) {
                failed.incrementAndGet(); // TrialRunner (or the volume's loader) has said why on standard error
            }
            progress();
        }

        private synchronized void progress() {
            if (noProgress) {
                return;
            }
            int finished = done.get() + skipped.get();
            double elapsed = (System.nanoTime() - t0) / 1e9;
            String eta = done.get() == 0 || finished >= total ? "" : String.format(Locale.ROOT, ", ETA %s",
                    duration(elapsed / done.get() * (total - finished)));
            cli.out.printf(Locale.ROOT, "  %d/%d units (%d run, %d failed, %d already done), %s elapsed%s%n",
                    finished, total, done.get(), failed.get(), skipped.get(), duration(elapsed), eta);
        }

        private ObjectNode unit(String key, DataOptions.Volume v, Dataset d, Trial t, TrialResult r) {
            ObjectNode u = head(key, v, t);
            u.put("source", d.source());
            u.put("method", r.method().id());
            u.put("methodName", r.method().displayName());
            u.put("bundle", r.method().bundle());
            u.put("version", r.method().version());
            u.put("status", r.failed() ? "failed" : "ok");
            if (r.failed()) {
                u.put("error", r.error());
            }
            u.put("acceleration", r.acceleration());
            u.put("calibrationLines", r.calibrationLines());
            u.put("scanTimeSeconds", r.scanTimeSeconds());
            u.put("secondsPerSlice", r.secondsPerSlice());
            ObjectNode volumeScores = u.putObject("volumeScores");
            var slices = u.putArray("slices");
            int[] numbers = r.sliceNumbers();
            for (int i = 0; i < numbers.length; i++) {
                ObjectNode s = slices.addObject();
                s.put("slice", numbers[i]);
                ObjectNode scores = s.putObject("scores");
                for (Score sc : r.scores()) {
                    double[] per = r.perSlice(sc);
                    if (per != null && i < per.length) {
                        scores.put(sc.key(), per[i]);
                    }
                }
            }
            for (Score sc : r.scores()) {
                volumeScores.put(sc.key(), r.volume(sc));
            }
            r.info().forEach(u.putObject("info")::put);
            return u;
        }

        private ObjectNode failedUnit(String key, DataOptions.Volume v, Trial t, String error) {
            ObjectNode u = head(key, v, t);
            u.put("method", t.methodId());
            u.put("status", "failed");
            u.put("error", error);
            u.putArray("slices");
            u.putObject("volumeScores");
            return u;
        }

        /** A data file's SHA-256, read once per run where its units are run, not again for the manifest. */
        private String checksum(DataOptions.Volume v) {
            return checksums.computeIfAbsent(v.id(), id -> {
                try {
                    return v.file().sha256().get();
                } catch (IOException e) {
                    return "unreadable: " + e.getMessage();
                }
            });
        }

        private ObjectNode head(String key, DataOptions.Volume v, Trial t) {
            ObjectNode u = BenchmarkStore.JSON.createObjectNode();
            u.put("unit", key);
            u.put("volume", v.id());
            if (v.file() != null) {
                u.put("file", v.file().location());
                u.put("sha256", checksum(v));
            }
            u.put("trial", t.label());
            ObjectNode p = u.putObject("parameters");
            t.parameters().forEach(p::put);
            u.put("committed", Instant.now().toString());
            return u;
        }

        /** The trials in the order of the command line's -m, where the units do not say it otherwise: as written. */
        private List<String> trialOrder(List<JsonNode> all) {
            List<String> order = new ArrayList<>();
            List<String> written = selection.methods;
            for (String w : written) {
                for (JsonNode u : all) {
                    String label = u.path("trial").asText();
                    if (!order.contains(label) && (label.equals(w) || label.startsWith(w + "{")
                            || label.startsWith(w.split("\\{")[0]))) {
                        order.add(label);
                    }
                }
            }
            return order;
        }

        /** Tables, statistics and manifest from every committed unit (this run's and earlier runs'). */
        int summarise() throws IOException {
            List<JsonNode> all = store.units();
            Set<String> scoreKeys = new LinkedHashSet<>();
            Set<String> labels = new LinkedHashSet<>();
            if (planned != null) {
                planned.forEach(t -> labels.add(t.label())); // the reference of the statistics: the first trial given
            } else {
                trialOrder(all).forEach(labels::add);
            }
            for (JsonNode u : all) {
                u.path("volumeScores").fieldNames().forEachRemaining(scoreKeys::add);
                labels.add(u.path("trial").asText());
            }
            List<String> keys = new ArrayList<>(scoreKeys);
            store.writeTables(all, keys);
            String statistics = statistics(all, new ArrayList<>(labels), keys);
            store.writeText("statistics.txt", statistics);
            store.writeJson("manifest.json", manifest(all));
            cli.out.print(statistics);
            long bad = all.stream().filter(u -> !"ok".equals(u.path("status").asText())).count();
            cli.out.printf("Wrote %d units (%d failed) to %s: slices.csv, volumes.csv, results.json, statistics.txt, "
                    + "manifest.json%n", all.size(), bad, out.toAbsolutePath());
            return cli.status((int) bad, all.size());
        }

        /**
         * Per trial, the mean of each headline score over its volumes, and the paired difference against the first
         * trial on the slices both have, clustered by volume (GEE).
         */
        private String statistics(List<JsonNode> all, List<String> labels, List<String> keys) {
            boolean truth = keys.stream().anyMatch(k -> k.startsWith("truth.foreground."));
            List<String> headline = keys.stream().filter(k -> k.startsWith(truth ? "truth.foreground."
                    : "reference.whole.")).toList();
            StringBuilder b = new StringBuilder();
            b.append(String.format(Locale.ROOT, "%nAgainst %s; mean over volumes (volumes ok/failed):%n",
                    truth ? "the noise-free truth over the anatomy" : "the fully sampled reference, whole image"));
            b.append(String.format(Locale.ROOT, "%-28s %9s", "trial", "volumes"));
            headline.forEach(k -> b.append(String.format(Locale.ROOT, " %12s", k.substring(k.lastIndexOf('.') + 1))));
            b.append(String.format(Locale.ROOT, " %10s%n", "s/slice"));
            for (String label : labels) {
                List<JsonNode> units = all.stream().filter(u -> u.path("trial").asText().equals(label)).toList();
                List<JsonNode> ok = units.stream().filter(u -> "ok".equals(u.path("status").asText())).toList();
                b.append(String.format(Locale.ROOT, "%-28s %4d/%-4d", label, ok.size(), units.size() - ok.size()));
                for (String k : headline) {
                    b.append(String.format(Locale.ROOT, " %12.5g", ok.stream().mapToDouble(u -> u.path("volumeScores")
                            .path(k).asDouble(Double.NaN)).average().orElse(Double.NaN)));
                }
                b.append(String.format(Locale.ROOT, " %10.3f%n", ok.stream().mapToDouble(u -> u.path(
                        "secondsPerSlice").asDouble()).average().orElse(Double.NaN)));
            }
            if (labels.size() > 1) {
                String reference = labels.get(0);
                b.append(String.format(Locale.ROOT, "%nPaired differences against %s, per slice, clustered by volume "
                        + "(%s):%n", reference, ClusteredComparison.METHOD));
                for (String label : labels.subList(1, labels.size())) {
                    for (String k : headline) {
                        b.append(String.format(Locale.ROOT, "  %-28s %-6s %s%n", label, k.substring(k.lastIndexOf(
                                '.') + 1), paired(all, label, reference, k)));
                    }
                }
            }
            return b.toString();
        }

        private String paired(List<JsonNode> all, String label, String reference, String key) {
            Map<String, Double> ref = sliceValues(all, reference, key);
            Map<String, Double> mine = sliceValues(all, label, key);
            List<Double> a = new ArrayList<>();
            List<Double> r = new ArrayList<>();
            List<String> volumesOfPairs = new ArrayList<>();
            mine.forEach((slice, value) -> {
                Double other = ref.get(slice);
                if (other != null) {
                    a.add(value);
                    r.add(other);
                    volumesOfPairs.add(slice.substring(0, slice.lastIndexOf('#')));
                }
            });
            if (a.isEmpty()) {
                return "no slice scored by both";
            }
            Metric m = Metrics.named(key.substring(key.lastIndexOf('.') + 1));
            try {
                ClusteredComparison c = ClusteredComparison.of(a.stream().mapToDouble(Double::doubleValue).toArray(),
                        r.stream().mapToDouble(Double::doubleValue).toArray(), volumesOfPairs.toArray(String[]::new),
                        m.higherIsBetter(), m.margin());
                String interval = c.hasInterval() ? String.format(Locale.ROOT, "[%+.4g, %+.4g], p %.3g", c.ciLow(),
                        c.ciHigh(), c.pValue()) : "no interval: " + c.noIntervalReason().orElse("");
                return String.format(Locale.ROOT, "%+.4g %s; %d volumes, %d slices; %s", c.meanDifference(),
                        interval, c.subjects(), c.slices(), c.verdict());
            } catch (IllegalArgumentException e) {
                return "not computed: " + e.getMessage();
            }
        }

        /** A trial's per-slice values of one score, keyed "volume#slice", from its ok units. */
        private Map<String, Double> sliceValues(List<JsonNode> all, String label, String key) {
            Map<String, Double> out = new LinkedHashMap<>();
            for (JsonNode u : all) {
                if (u.path("trial").asText().equals(label) && "ok".equals(u.path("status").asText())) {
                    for (JsonNode s : u.path("slices")) {
                        JsonNode v = s.path("scores").path(key);
                        if (v.isNumber()) {
                            out.put(u.path("volume").asText() + "#" + s.path("slice").asInt(), v.asDouble());
                        }
                    }
                }
            }
            return out;
        }

        /** Code and bundle versions, trials with their parameters and model ids, data files with SHA-256. */
        private Map<String, Object> manifest(List<JsonNode> all) throws IOException {
            Map<String, Object> m = BenchmarkStore.map();
            m.put("written", Instant.now().toString());
            m.put("command", "benchmark");
            m.put("code", codeVersion());
            m.put("java", System.getProperty("java.version") + " (" + System.getProperty("java.vm.name") + ")");
            m.put("os", System.getProperty("os.name") + " " + System.getProperty("os.arch") + ", "
                    + Runtime.getRuntime().availableProcessors() + " cores");
            m.put("fft", FftEngine.describe()); // this process's; Spark's executors choose their own the same way
            m.put("engine", engine.name());
            m.put("workers", workers);
            Map<String, Object> trials = BenchmarkStore.map();
            for (JsonNode u : all) {
                if ("ok".equals(u.path("status").asText()) && !trials.containsKey(u.path("trial").asText())) {
                    Map<String, Object> t = BenchmarkStore.map();
                    t.put("method", u.path("method").asText());
                    t.put("bundle", u.path("bundle").asText());
                    t.put("version", u.path("version").asText());
                    t.put("parameters", u.path("parameters"));
                    JsonNode info = u.path("info");
                    for (String k : new String[] {"model", "modelId", "modelSha256"}) {
                        if (info.has(k)) {
                            t.put(k, info.path(k).asText());
                        }
                    }
                    trials.put(u.path("trial").asText(), t);
                }
            }
            m.put("trials", trials);
            List<Map<String, Object>> files = new ArrayList<>();
            for (DataOptions.Volume v : volumes) {
                Map<String, Object> f = BenchmarkStore.map();
                f.put("volume", v.id());
                if (v.file() != null) {
                    f.put("file", v.file().location());
                    f.put("bytes", v.file().bytes());
                    // from the volume's units (computed where they ran, on whichever node); only a volume none
                    // of whose units is committed is read here
                    f.put("sha256", all.stream().filter(u -> u.path("volume").asText().equals(v.id())
                            && u.has("sha256")).map(u -> u.path("sha256").asText()).findFirst()
                            .orElseGet(() -> checksum(v)));
                } else {
                    all.stream().filter(u -> u.path("volume").asText().equals(v.id()) && u.has("source")).findFirst()
                            .ifPresent(u -> f.put("phantom", u.path("source").asText()));
                }
                files.add(f);
            }
            m.put("data", files);
            Map<String, Object> units = BenchmarkStore.map();
            units.put("committed", all.size());
            units.put("failed", all.stream().filter(u -> !"ok".equals(u.path("status").asText())).count());
            m.put("units", units);
            return m;
        }

        private Map<String, Object> codeVersion() {
            Map<String, Object> c = BenchmarkStore.map();
            org.osgi.framework.Bundle b = org.osgi.framework.FrameworkUtil.getBundle(BenchmarkCommand.class);
            if (b != null) {
                c.put("bundle", b.getSymbolicName() + " " + b.getVersion());
                String commit = b.getHeaders().get("Build-Commit");
                if (commit != null) {
                    c.put("commit", commit);
                }
            } else {
                c.put("bundle", "not run from a bundle");
            }
            return c;
        }
    }

    static String sha256(Path file) throws IOException {
        try (InputStream in = Files.newInputStream(file)) {
            MessageDigest md = MessageDigest.getInstance("SHA-256");
            byte[] buf = new byte[1 << 16];
            for (int n; (n = in.read(buf)) > 0;) {
                md.update(buf, 0, n);
            }
            return HexFormat.of().formatHex(md.digest());
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    private static String describe(Throwable e) {
        return e.getMessage() == null ? e.toString() : e.getMessage();
    }

    private static String duration(double seconds) {
        long s = Math.round(seconds);
        return s >= 3600 ? String.format(Locale.ROOT, "%dh%02dm", s / 3600, s % 3600 / 60)
                : s >= 60 ? String.format(Locale.ROOT, "%dm%02ds", s / 60, s % 60) : s + "s";
    }
}
