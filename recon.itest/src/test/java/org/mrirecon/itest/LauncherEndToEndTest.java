package org.mrirecon.itest;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertTrue;

import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import org.junit.Test;
import org.mrirecon.io.NumPy;

/** Runs the exported runnable launcher jar as a user would, in a separate JVM. */
public class LauncherEndToEndTest {

    static final class Result {
        final int exit;
        final String out;

        Result(int exit, String out) {
            this.exit = exit;
            this.out = out;
        }
    }

    static Result launch(Path workDir, String... args) throws IOException, InterruptedException {
        return launchWith(workDir, List.of(), args);
    }

    /** Runs the launcher jar with JVM options (e.g. -Drecon.front=off: every command through the framework). */
    static Result launchWith(Path workDir, List<String> jvmOptions, String... args)
            throws IOException, InterruptedException {
        return launchWithEnv(workDir, Map.of(), jvmOptions, args);
    }

    /** Runs the launcher jar on this JVM with more environment variables and JVM options. */
    static Result launchWithEnv(Path workDir, Map<String, String> env, List<String> jvmOptions, String... args)
            throws IOException, InterruptedException {
        File jar = new File(System.getProperty("itest.launcher"));
        assertTrue("launcher jar missing: " + jar, jar.isFile());
        List<String> cmd = new ArrayList<>(List.of(System.getProperty("java.home") + "/bin/java"));
        cmd.addAll(jvmOptions);
        cmd.addAll(List.of("-jar", jar.getAbsolutePath()));
        cmd.addAll(List.of(args));
        ProcessBuilder pb = new ProcessBuilder(cmd).directory(workDir.toFile()).redirectErrorStream(true);
        pb.environment().putAll(env);
        Process p = pb.start();
        byte[] out = p.getInputStream().readAllBytes();
        assertTrue("launcher did not exit in time", p.waitFor(120, TimeUnit.SECONDS));
        return new Result(p.exitValue(), new String(out, StandardCharsets.UTF_8));
    }

    /**
     * The jar's front door answers help, the version, usage errors and methods from what the build recorded; the
     * framework, asked the same (front door off), must say the same.
     */
    @Test
    public void theFrontDoorSaysWhatTheFrameworkSays() throws Exception {
        Path dir = Files.createTempDirectory("recon-e2e");
        List<String> off = List.of("-Drecon.front=off");
        for (String[] args : new String[][] {{"methods"}, {"-V"}, {"help"}, {"help", "compare"}, {"bench", "--help"},
            {"compare", "--bogus"}, {"run", "-m"}, {"bogus"}}) {
            Result front = launch(dir, args);
            Result framework = launchWith(dir, off, args);
            String line = String.join(" ", args);
            assertEquals(line, framework.exit, front.exit);
            if (framework.exit == 0) {
                assertEquals(line, framework.out, front.out);
            } else {
                assertEquals(line, framework.out.lines().findFirst().orElse(""),
                        front.out.lines().findFirst().orElse(""));
            }
        }
    }

    /**
     * The framework's jar and the bundles are read from a folder extracted once per launcher jar into the user's cache:
     * a first start makes it (the framework's jar included), a later one uses it, a cache folder that cannot be made
     * falls back to reading the jar; on Java 17-23, {@code -Drecon.launcher=bnd} starts bnd's launcher instead. A first
     * start once failed where the extraction ran in the front door's class loader, which has no OSGi API.
     */
    @Test
    public void startsFromAFreshCacheFromTheCacheAndWithoutOne() throws Exception {
        Path dir = Files.createTempDirectory("recon-e2e");
        Path cache = Files.createTempDirectory("recon-cache");
        String[] run = {"run", "-m", "zero-filled", "--matrix", "64", "--coils", "4", "--slices", "1",
            "--no-progress", "-o", "out"};
        Result first = launchWithEnv(dir, Map.of("XDG_CACHE_HOME", cache.toString()), List.of(), run);
        assertEquals("first start, empty cache\n" + first.out, 0, first.exit);
        List<Path> folders;
        try (var list = Files.list(cache.resolve("mri-recon"))) {
            folders = list.filter(f -> f.getFileName().toString().startsWith("bundles-")).toList();
        }
        assertEquals(folders.toString(), 1, folders.size());
        try (var jars = Files.list(folders.get(0))) {
            assertTrue("the framework's jar is extracted with the bundles", jars.anyMatch(
                    j -> j.getFileName().toString().startsWith("org.apache.felix.framework-")));
        }
        Result second = launchWithEnv(dir, Map.of("XDG_CACHE_HOME", cache.toString()), List.of(), run);
        assertEquals("second start, from the cache\n" + second.out, 0, second.exit);
        Path notAFolder = Files.writeString(dir.resolve("not-a-folder"), "x");
        Result none = launchWithEnv(dir, Map.of("XDG_CACHE_HOME", notAFolder.toString()), List.of(), run);
        assertEquals("a cache folder that cannot be made: the jars come from the launcher jar\n" + none.out, 0,
                none.exit);
        if (Runtime.version().feature() < 24) {
            Result bnd = launchWith(dir, List.of("-Drecon.launcher=bnd"), run);
            assertEquals("bnd's launcher\n" + bnd.out, 0, bnd.exit);
        }
    }

    /**
     * On Java 24 and later (where bnd 7.1.0's launcher cannot start: bnd issue 6370) the jar starts the framework
     * itself: the same methods, the same numbers and exit codes as on this JVM, third-party bundles in a worker
     * process included. Runs where a JDK 24+ is installed under /usr/lib/jvm (Temurin 25 on the project's machines).
     */
    @Test
    public void runsOnJava24AndLaterWithTheSameResults() throws Exception {
        Path java = newJdk();
        org.junit.Assume.assumeTrue("no JDK 24+ under /usr/lib/jvm: the Java 24+ start is not checked here",
                java != null);
        Path dir = Files.createTempDirectory("recon-e2e");
        String[] compare = {"compare", "-m", "zero-filled,grappa,cs", "--matrix", "64", "--coils", "4", "--slices",
            "1", "--no-progress", "-o", "out"};
        Result here = launch(dir, compare);
        Result modern = launchOn(java, dir, List.of(), compare);
        assertEquals(modern.out, 0, modern.exit);
        for (String trial : List.of("zero-filled@4:20", "grappa@2:32", "cs@4:20")) {
            String row = FaultInjectionTest.row(modern.out, trial);
            assertTrue(trial + " missing on " + java + ":\n" + modern.out, row != null && !row.contains("FAILED"));
            assertEquals(trial, FaultInjectionTest.metrics(FaultInjectionTest.row(here.out, trial)),
                    FaultInjectionTest.metrics(row));
        }
        List<String> off = List.of("-Drecon.front=off");
        assertEquals(launchWith(dir, off, "methods").out, launchOn(java, dir, off, "methods").out);
        Path notAFolder = Files.writeString(dir.resolve("not-a-folder"), "x");
        Result unwritable = launchOnWith(java, dir, Map.of("XDG_CACHE_HOME", notAFolder.toString()),
                List.of(), "run", "-m", "zero-filled", "--matrix", "64", "--coils", "4", "--slices", "1",
                "--no-progress", "-o", "out2");
        assertEquals("a cache folder that cannot be made: the bundles come from the jar\n" + unwritable.out, 0,
                unwritable.exit);
        Result usage = launchOn(java, dir, off, "compare", "--bogus");
        assertEquals(usage.out, 2, usage.exit);
        Result unknown = launchOn(java, dir, List.of(), "run", "-m", "no-such-method", "--matrix", "64", "--slices", "1");
        assertEquals(unknown.out, 1, unknown.exit);
        assertTrue(unknown.out, unknown.out.contains("no reconstruction method 'no-such-method' is registered"));
    }

    /** bin/recon --aot-cache makes Java 25's AOT cache for this jar; later commands open it and run as before. */
    @Test
    public void reconScriptMakesAndUsesTheJava25AotCache() throws Exception {
        Path java = newJdk();
        org.junit.Assume.assumeTrue("no JDK 24+ under /usr/lib/jvm", java != null);
        Path home = java.getParent().getParent();
        org.junit.Assume.assumeTrue("the AOT cache needs Java 25+",
                Files.readString(home.resolve("release")).matches("(?s).*JAVA_VERSION=\"(2[5-9]|[3-9][0-9]).*"));
        Path dir = Files.createTempDirectory("recon-e2e");
        Path script = Path.of(System.getProperty("itest.launcher")).resolveSibling("recon");
        java.util.function.Function<List<String>, Result> recon = args -> {
            try {
                List<String> cmd = new ArrayList<>(List.of("sh", script.toString()));
                cmd.addAll(args);
                ProcessBuilder pb = new ProcessBuilder(cmd).directory(dir.toFile()).redirectErrorStream(true);
                pb.environment().put("JAVA_HOME", home.toString());
                pb.environment().put("XDG_CACHE_HOME", dir.resolve("cache").toString());
                pb.environment().put("RECON_JAVA_OPTS", "-Xlog:aot=info");
                Process p = pb.start();
                byte[] out = p.getInputStream().readAllBytes();
                assertTrue("recon did not exit in time", p.waitFor(300, TimeUnit.SECONDS));
                return new Result(p.exitValue(), new String(out, StandardCharsets.UTF_8));
            } catch (IOException | InterruptedException e) {
                throw new AssertionError(e);
            }
        };
        Result make = recon.apply(List.of("--aot-cache"));
        assertEquals(make.out, 0, make.exit);
        assertTrue(make.out, make.out.contains("AOT cache for Java"));
        try (var files = Files.list(dir.resolve("cache/mri-recon"))) {
            assertEquals(1, files.filter(f -> f.toString().endsWith(".aot")).count());
        }
        Result run = recon.apply(List.of("run", "-m", "zero-filled", "--matrix", "64", "--coils", "4", "--slices", "1",
                "--no-progress", "-o", "out"));
        assertEquals(run.out, 0, run.exit);
        assertTrue(run.out, run.out.contains("Opened AOT cache") && run.out.contains("Wrote "));
        assertTrue("warnings on Java 25:\n" + run.out, !run.out.contains("WARNING"));
        // the bundles were extracted once into the cache folder and installed from there
        try (var folders = Files.newDirectoryStream(dir.resolve("cache/mri-recon"), "bundles-*")) {
            int count = 0;
            for (Path f : folders) {
                try (var jars = Files.list(f)) {
                    assertTrue(f.toString(), jars.filter(j -> j.toString().endsWith(".jar")).count() >= 20);
                }
                count++;
            }
            assertEquals(1, count);
        }
    }

    /** A JDK of feature version 24 or later under /usr/lib/jvm (from its release file), or null. */
    private static Path newJdk() throws IOException {
        Path jvms = Path.of("/usr/lib/jvm");
        if (!Files.isDirectory(jvms)) {
            return null;
        }
        try (var dirs = Files.list(jvms)) {
            for (Path jdk : dirs.sorted().toList()) {
                Path release = jdk.resolve("release");
                Path bin = jdk.resolve("bin/java");
                if (Files.isRegularFile(release) && Files.isExecutable(bin)) {
                    java.util.regex.Matcher m = java.util.regex.Pattern.compile("JAVA_VERSION=\"(\\d+)")
                            .matcher(Files.readString(release));
                    if (m.find() && Integer.parseInt(m.group(1)) >= 24) {
                        return bin;
                    }
                }
            }
        }
        return null;
    }

    private static Result launchOn(Path jdk, Path workDir, List<String> jvmOptions, String... args)
            throws IOException, InterruptedException {
        return launchOnWith(jdk, workDir, Map.of(), jvmOptions, args);
    }

    private static Result launchOnWith(Path jdk, Path workDir, Map<String, String> env, List<String> jvmOptions,
            String... args) throws IOException, InterruptedException {
        List<String> cmd = new ArrayList<>(List.of(jdk.toString(), "--sun-misc-unsafe-memory-access=allow",
                "--enable-native-access=ALL-UNNAMED"));
        cmd.addAll(jvmOptions);
        cmd.addAll(List.of("-jar", new File(System.getProperty("itest.launcher")).getAbsolutePath()));
        cmd.addAll(List.of(args));
        ProcessBuilder pb = new ProcessBuilder(cmd).directory(workDir.toFile()).redirectErrorStream(true);
        pb.environment().putAll(env);
        Process p = pb.start();
        byte[] out = p.getInputStream().readAllBytes();
        assertTrue("launcher did not exit in time", p.waitFor(120, TimeUnit.SECONDS));
        return new Result(p.exitValue(), new String(out, StandardCharsets.UTF_8));
    }

    /** bench --cold starts a fresh launcher process for the trial and reports its wall time and its slice. */
    @Test
    public void benchColdTimesAFreshProcess() throws Exception {
        Path dir = Files.createTempDirectory("recon-e2e");
        Result r = launch(dir, "bench", "-m", "zero-filled@4:8", "--matrix", "64", "--coils", "4", "--slices", "1",
                "--warmup", "0", "--repeat", "1", "--cold");
        assertEquals(r.out, 0, r.exit);
        assertTrue(r.out, r.out.matches("(?s).*cold \\(a fresh launcher process, one central slice\\): whole process "
                + "[0-9.]+ s wall, its slice [0-9]+ ms.*"));
    }

    /**
     * benchmark commits each (volume, trial) unit atomically: a run killed with SIGKILL after its first unit, then run
     * again into the same folder, ends with every unit once and the same per-slice metrics as a run never
     * interrupted.
     */
    @Test
    public void benchmarkResumesAfterAKillWithTheSameResults() throws Exception {
        Path dir = Files.createTempDirectory("recon-e2e");
        String[] args = {"benchmark", "--subjects", "4", "--slices", "3", "--matrix", "64", "--coils", "6", "-m",
            "zero-filled@4:8,cs@4:12{iterations=200}", "--no-progress"};
        Result whole = launch(dir, concat(args, "-o", "whole"));
        assertEquals(whole.out, 0, whole.exit);

        File jar = new File(System.getProperty("itest.launcher"));
        List<String> cmd = new ArrayList<>(List.of(System.getProperty("java.home") + "/bin/java", "-jar",
                jar.getAbsolutePath()));
        cmd.addAll(List.of(concat(args, "-o", "resumed")));
        Process p = new ProcessBuilder(cmd).directory(dir.toFile()).redirectErrorStream(true)
                .redirectOutput(dir.resolve("killed.log").toFile()).start();
        Path units = dir.resolve("resumed/units");
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(120);
        while (committedUnits(units) < 1 && p.isAlive() && System.nanoTime() < deadline) {
            Thread.sleep(10);
        }
        p.destroyForcibly(); // SIGKILL: no shutdown hook, no cleanup
        assertTrue("not killed", p.waitFor(30, TimeUnit.SECONDS));
        long atKill = committedUnits(units);
        assertTrue("killed after " + atKill + " of 8 units: the test must interrupt a run", atKill >= 1 && atKill < 8);

        Result resumed = launch(dir, concat(args, "-o", "resumed"));
        assertEquals(resumed.out, 0, resumed.exit);
        assertTrue(resumed.out, resumed.out.contains("(0 failed), " + atKill + " already done before"));
        assertEquals(8, committedUnits(units));
        try (var all = Files.list(units)) {
            assertEquals("temporary files left", 8, all.count());
        }
        assertEquals(Files.readString(dir.resolve("whole/slices.csv")), Files.readString(dir.resolve(
                "resumed/slices.csv")));
    }

    /** A volume that cannot be read fails its units, recorded with the reason; the other volumes run. */
    @Test
    public void benchmarkRecordsAFailedUnitAndGoesOn() throws Exception {
        Path dir = Files.createTempDirectory("recon-e2e");
        Path data = Files.createDirectories(dir.resolve("data"));
        Path fixtures = Path.of(System.getProperty("itest.fixtures"));
        Files.copy(fixtures.resolve("ismrmrd_shepp_logan_64_8coil_R2.h5"), data.resolve("a_scan.h5"));
        Files.writeString(data.resolve("b_broken.h5"), "not a raw-data file");
        Result r = launch(dir, "benchmark", "-i", data.toString(), "-m", "zero-filled,grappa", "--no-progress", "-o",
                "out");
        assertEquals(r.out, 3, r.exit);
        String volumes = Files.readString(dir.resolve("out/volumes.csv"));
        assertTrue(volumes, volumes.lines().filter(l -> l.startsWith("a_scan.h5,") && l.contains(",ok,")).count()
                == 2);
        assertTrue(volumes, volumes.lines().filter(l -> l.startsWith("b_broken.h5,") && l.contains(",failed,"))
                .count() == 2);
        String manifest = Files.readString(dir.resolve("out/manifest.json"));
        assertTrue(manifest, manifest.contains("\"sha256\" : \"" + sha256(data.resolve("a_scan.h5")) + "\""));
    }

    private static String[] concat(String[] a, String... b) {
        String[] out = java.util.Arrays.copyOf(a, a.length + b.length);
        System.arraycopy(b, 0, out, a.length, b.length);
        return out;
    }

    private static long committedUnits(Path units) throws IOException {
        if (!Files.isDirectory(units)) {
            return 0;
        }
        try (var files = Files.list(units)) {
            return files.filter(f -> !f.getFileName().toString().startsWith(".") && f.toString().endsWith(".json"))
                    .count();
        }
    }

    private static String sha256(Path file) throws Exception {
        return java.util.HexFormat.of().formatHex(java.security.MessageDigest.getInstance("SHA-256")
                .digest(Files.readAllBytes(file)));
    }

    /** serve warms every built-in method up in the background, and says so once it is done. */
    @Test
    public void serveWarmsTheBuiltInMethodsUp() throws Exception {
        try (LauncherShell s = LauncherShell.serve(List.of())) {
            String line = s.awaitLine("Warm-up done", 180);
            assertTrue(s.toString(), line != null);
            for (String id : new String[] {"cs", "grappa", "varnet", "zero-filled"}) {
                assertTrue(line, line.matches(".*[:,] " + id + " [0-9.]+ s.*"));
            }
            assertTrue(line, !line.contains("failed"));
        }
    }

    @Test
    public void methodsListsZeroFilledFromItsBundle() throws Exception {
        Path dir = Files.createTempDirectory("recon-e2e");
        Result r = launch(dir, "methods");
        assertEquals(r.out, 0, r.exit);
        for (String bundle : new String[] {"recon.zerofilled", "recon.grappa", "recon.cs", "recon.varnet"}) {
            assertTrue(r.out, r.out.contains("bundle:   " + bundle));
        }
    }

    @Test
    public void compareOnASmallPhantomPrintsTableAndWritesFiles() throws Exception {
        Path dir = Files.createTempDirectory("recon-e2e");
        Result r = launch(dir, "compare", "--methods", "zero-filled@2:16,zero-filled@4:8", "--matrix", "96",
                "--coils", "4", "--slices", "2", "--no-progress", "--out", "out");
        assertEquals(r.out, 0, r.exit);
        assertTrue(r.out, r.out.contains("PSNR [dB]"));
        assertTrue(r.out, r.out.contains("Against the noise-free truth, anatomy (foreground mask):"));
        List<String> volume = Files.readAllLines(dir.resolve("out/metrics_volume.csv"));
        List<String> header = List.of(volume.get(0).split(","));
        for (String score : new String[] {"truth.foreground.SSIM", "reference.whole.SSIM"}) {
            int col = header.indexOf(score);
            assertTrue(volume.get(0), col > 0);
            String csvField = ",(?=(?:[^\"]*\"[^\"]*\")*[^\"]*$)"; // commas outside quotes
            double ssim2 = Double.parseDouble(volume.get(1).split(csvField)[col]);
            double ssim4 = Double.parseDouble(volume.get(2).split(csvField)[col]);
            assertTrue(score + ": " + volume, volume.get(1).startsWith("zero-filled@2:16,")
                    && volume.get(2).startsWith("zero-filled@4:8,") && ssim2 > ssim4 && ssim4 > 0);
        }
        assertTrue(r.out, r.out.contains("Paired differences against zero-filled@2:16"));
        for (String f : new String[] {"report.html", "metrics_volume.csv", "metrics_slices.csv", "statistics.csv",
            "results.json", "images/reference/slice_017.png", "images/truth/slice_017.png",
            "images/foreground/slice_016.png", "images/zero-filled_4_8/slice_017.png",
            "images/zero-filled_4_8/error_x5_slice_017.png", "plots/ssim_per_slice.png", "numpy/truth.npy",
            "numpy/reference.npy", "numpy/foreground.npy", "numpy/slices.npy"}) {
            assertTrue("missing " + f, Files.isRegularFile(dir.resolve("out").resolve(f)));
        }
        String html = Files.readString(dir.resolve("out/report.html"));
        assertTrue(html.contains("data:image/png;base64,") && html.contains("zero-filled@4:8"));
    }

    @Test
    public void aCohortUnderMotionGivesClusteredIntervalsAndAMotionSummary() throws Exception {
        Path dir = Files.createTempDirectory("recon-e2e");
        Result r = launch(dir, "compare", "-m", "zero-filled@2:16,zero-filled@4:8", "--subjects", "3", "--slices", "2",
                "--matrix", "64", "--coils", "4", "--motion", "0,3", "--ground-truth", "--no-progress", "-o", "out");
        assertEquals(r.out, 0, r.exit);
        assertTrue(r.out, r.out.contains("clustered by subject (3 subjects"));
        List<String> motion = Files.readAllLines(dir.resolve("out/motion.csv"));
        // 2 rates x 2 trials x (2 yardsticks x 2 regions x 3 metrics) rows and a header
        assertEquals(motion.toString(), 1 + 2 * 2 * 12, motion.size());
        assertTrue(Files.isRegularFile(dir.resolve("out/motion.html")));
        assertTrue(Files.isRegularFile(dir.resolve("out/motion_3_0/report.html")));
        List<String> stats = Files.readAllLines(dir.resolve("out/motion_0_0/statistics.csv"));
        assertTrue(stats.toString(), stats.stream().anyMatch(l -> l.contains(",clustered_by_subject,3,6,")));
    }

    @Test
    public void optionsThatDoNotFitTheDataAreClearErrors() throws Exception {
        Path dir = Files.createTempDirectory("recon-e2e");
        Path ismrmrd = Path.of(System.getProperty("itest.fixtures")).resolve("ismrmrd_shepp_logan_64_8coil_R2.h5");
        String[][] cases = {
            {"no noise-free truth", "run", "-m", "zero-filled", "-i", ismrmrd.toString(), "--ground-truth"},
            {"does not apply to a file", "run", "-m", "zero-filled", "-i", ismrmrd.toString(), "--motion", "2"},
            {"is not a rate", "compare", "-m", "zero-filled", "--matrix", "64", "--coils", "4", "--slices", "1",
                "--motion", "-1"},
            {"does not apply to a file", "compare", "-m", "zero-filled", "-i", ismrmrd.toString(), "--subjects", "3"},
            // a URI this process cannot open: the Spark engine reads it (file: URIs are opened here)
            {"is read by the benchmark's Spark engine", "run", "-m", "zero-filled", "-i", "hdfs://namenode/knee.h5"},
            {"is read by the benchmark's Spark engine", "benchmark", "-m", "zero-filled", "-i", "s3a://bucket/knee",
                "-o", dir.resolve("s3").toString()},
            {"--slice-range must be FIRST:LAST", "phantom", "--randomize", "--slice-range", "5:40", "-o",
                dir.resolve("slices").toString()},
        };
        for (String[] c : cases) {
            Result r = launch(dir, java.util.Arrays.copyOfRange(c, 1, c.length));
            assertEquals(r.out, 1, r.exit);
            assertTrue(c[0] + ": " + r.out, r.out.contains(c[0]) && !r.out.contains("\tat "));
        }
    }

    /** An interrupted training-data generation is rerun with --skip-existing: only the missing samples are made. */
    @Test
    public void phantomSkipExistingWritesOnlyTheMissingSamplesAndTheSameOnes() throws Exception {
        Path dir = Files.createTempDirectory("recon-e2e");
        Path out = dir.resolve("samples");
        String[] args = {"phantom", "--randomize", "--count", "3", "--seed", "9", "--min-matrix", "32",
            "--max-matrix", "48", "--skip-existing", "-o", out.toString()};
        Result first = launch(dir, args);
        assertEquals(first.out, 0, first.exit);
        List<Path> samples;
        try (var files = Files.list(out)) {
            samples = files.sorted().toList();
        }
        assertEquals(samples.toString(), 3, samples.size());
        java.util.Map<String, NumPy.Array> lost = NumPy.readNpz(samples.get(1));
        Files.delete(samples.get(1)); // as if the run had been killed before it
        java.nio.file.attribute.FileTime kept = java.nio.file.attribute.FileTime.fromMillis(1_000_000L);
        Files.setLastModifiedTime(samples.get(0), kept);
        Result rerun = launch(dir, args);
        assertEquals(rerun.out, 0, rerun.exit);
        try (var files = Files.list(out)) {
            assertEquals(samples, files.sorted().toList()); // no temporary left, nothing else written
        }
        java.util.Map<String, NumPy.Array> again = NumPy.readNpz(samples.get(1));
        assertEquals(lost.keySet(), again.keySet());
        for (String name : lost.keySet()) { // the same draws: the same arrays (the zip's timestamps differ)
            assertTrue(name + " differs from the one first written",
                    java.util.Arrays.equals(lost.get(name).shape(), again.get(name).shape())
                    && java.util.Arrays.equals(lost.get(name).data(), again.get(name).data()));
        }
        assertEquals("a sample already there was written again", kept, Files.getLastModifiedTime(samples.get(0)));
    }

    @Test
    public void badArgumentsGiveAClearErrorAndExitCode() throws Exception {
        Path dir = Files.createTempDirectory("recon-e2e");
        Result unknown = launch(dir, "run", "--method", "no-such-method", "--matrix", "64", "--coils", "2",
                "--slices", "1", "--no-progress");
        assertEquals(unknown.out, 1, unknown.exit);
        assertTrue(unknown.out, unknown.out.contains("no reconstruction method 'no-such-method' is registered; "
                + "available: ") && unknown.out.contains("zero-filled"));
        assertTrue("no stack trace without --stacktrace: " + unknown.out, !unknown.out.contains("\tat "));

        Result usage = launch(dir, "compare", "--slices", "many");
        assertEquals(usage.out, 2, usage.exit);
        assertTrue(usage.out, usage.out.contains("--slices"));
    }

    /** ||x - truth|| / ||truth|| over every image of x, each compared with the one truth image. */
    private static double relativeError(float[] x, float[] truth) {
        assertEquals(0, x.length % truth.length);
        double err = 0;
        double ref = 0;
        for (int i = 0; i < x.length; i++) {
            double d = x[i] - truth[i % truth.length];
            err += d * d;
            ref += (double) truth[i % truth.length] * truth[i % truth.length];
        }
        return Math.sqrt(err / ref);
    }

    @Test
    public void readsRawDataFilesByContentAndLeavesThemUntouched() throws Exception {
        Path dir = Files.createTempDirectory("recon-e2e");
        Path fixtures = Path.of(System.getProperty("itest.fixtures"));
        // a fastMRI file under a misleading name: the format is recognised by content
        Path disguised = dir.resolve("knee.dat");
        Files.copy(fixtures.resolve("fastmri_knee_like.h5"), disguised);
        byte[] before = Files.readAllBytes(disguised);
        Result r = launch(dir, "compare", "-i", disguised.toString(), "-m", "zero-filled@2:8,zero-filled@4:8",
                "--no-progress", "-o", "out");
        assertEquals(r.out, 0, r.exit);
        assertTrue(r.out, r.out.contains("zero-filled@4:8"));
        assertTrue("input modified", java.util.Arrays.equals(before, Files.readAllBytes(disguised)));

        Result ismrmrd = launch(dir, "compare", "-m", "grappa,zero-filled", "-i",
                fixtures.resolve("ismrmrd_shepp_logan_64_8coil_R2.h5").toString(), "--no-progress", "-o", "out2");
        assertEquals(ismrmrd.out, 0, ismrmrd.exit);
        assertTrue(ismrmrd.out, ismrmrd.out.contains("zero-filled ") && ismrmrd.out.contains("grappa "));
        // Against the generator's noise-free coil images (make_truth_rss.py). Its noise (sigma 0.05) bounds the
        // agreement: even all lines of both repetitions give a relative error of 0.30 (IsmrmrdReaderTest).
        float[] truth = NumPy.readNpy(fixtures.resolve("ismrmrd_shepp_logan_64_8coil_R2_truth_rss.npy")).data();
        double grappa = relativeError(NumPy.readNpy(dir.resolve("out2/numpy/grappa.npy")).data(), truth);
        double zeroFilled = relativeError(NumPy.readNpy(dir.resolve("out2/numpy/zero-filled.npy")).data(),
                truth);
        System.out.printf("ISMRMRD file vs its noise-free coil images (RSS): GRAPPA relative error %.3f, "
                + "zero-filled %.3f%n", grappa, zeroFilled);
        assertTrue("GRAPPA " + grappa + " vs zero-filled " + zeroFilled, grappa < 0.32 && grappa < 0.75 * zeroFilled);

        Result bad = launch(dir, "run", "-m", "zero-filled", "-i", fixtures.resolve("bad/fastmri_absurd_size.h5")
                .toString());
        assertEquals(bad.out, 1, bad.exit);
        assertTrue(bad.out, bad.out.contains("would need") && !bad.out.contains("\tat "));
    }
}
