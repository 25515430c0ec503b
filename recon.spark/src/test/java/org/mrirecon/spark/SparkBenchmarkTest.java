package org.mrirecon.spark;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The same work through both engines: Spark local[2] (this JVM, the launcher's runtime embedded) and the launcher's
 * local engine (its own process) give the same per-slice metrics, on a phantom cohort and on files given as a
 * file:// URI (which Spark's executors list and stage through Hadoop's FileSystem); the Spark run also writes Parquet.
 */
class SparkBenchmarkTest {

    private static SparkSession spark;

    @BeforeAll
    static void startSpark() {
        spark = SparkSession.builder().master("local[2]").appName("recon-benchmark-test")
                .config("spark.driver.bindAddress", "127.0.0.1").config("spark.driver.host", "127.0.0.1")
                .config("spark.ui.enabled", "false").getOrCreate();
    }

    @AfterAll
    static void stopSpark() {
        spark.stop();
    }

    @Test
    void sparkAndLocalEnginesGiveTheSameMetrics(@TempDir Path dir) throws Exception {
        String[] bench = {"--subjects", "3", "--slices", "2", "--matrix", "64", "--coils", "6", "-m",
            "zero-filled@4:8,grappa@2:16", "--no-progress"};
        double localSeconds = local(dir, bench);
        long t1 = System.nanoTime();
        assertEquals(0, spark(dir, bench));
        double sparkSeconds = (System.nanoTime() - t1) / 1e9;
        System.out.printf("benchmark, 3 subjects x 2 slices x 2 trials: local engine %.1f s (whole process), "
                + "Spark local[2] %.1f s (embedded runtime started in this JVM)%n", localSeconds, sparkSeconds);
        assertEquals(Files.readString(dir.resolve("local/slices.csv")),
                Files.readString(dir.resolve("spark/slices.csv")));
        assertEquals(12, spark.read().parquet(dir.resolve("spark/slices.parquet").toString()).count());
        assertTrue(Files.readString(dir.resolve("spark/manifest.json")).contains("\"engine\" : \"spark\""));

        // a rerun finds every unit committed: nothing runs again, the tables are the same
        String before = Files.readString(dir.resolve("spark/slices.csv"));
        long unitsBefore = entries(dir.resolve("spark/units"));
        assertEquals(0, spark(dir, bench));
        assertEquals(before, Files.readString(dir.resolve("spark/slices.csv")));
        assertEquals(unitsBefore, entries(dir.resolve("spark/units")));
    }

    /**
     * Files named by a URI: the local engine opens file: URIs itself; the Spark engine lists them on the driver and
     * stages each on its executor through Hadoop, so hdfs:// or s3a:// take the same route. Same metrics, the URI
     * and the file's SHA-256 in the manifest, no staged copy left behind.
     */
    @Test
    void filesGivenAsAUriAreReadThroughHadoop(@TempDir Path dir) throws Exception {
        Path data = Files.createDirectories(dir.resolve("data"));
        Path fixture = Path.of(System.getProperty("recon.fixtures"), "ismrmrd_shepp_logan_64_8coil_R2.h5");
        Files.copy(fixture, data.resolve("knee_a.h5"));
        Files.copy(fixture, data.resolve("knee_b.h5"));
        Files.writeString(data.resolve(".hidden"), "not data");
        String uri = data.toUri().toString();
        assertTrue(uri.startsWith("file:/"), uri);
        String[] bench = {"-i", uri, "-m", "zero-filled,grappa", "--no-progress"};
        long stagedBefore = staged();
        local(dir, bench);
        assertEquals(0, spark(dir, bench));
        assertEquals(Files.readString(dir.resolve("local/slices.csv")),
                Files.readString(dir.resolve("spark/slices.csv")));
        String volumes = Files.readString(dir.resolve("spark/volumes.csv"));
        assertEquals(4, volumes.lines().filter(l -> l.startsWith("knee_") && l.contains(",ok,")).count(), volumes);
        String manifest = Files.readString(dir.resolve("spark/manifest.json"));
        String sha = java.util.HexFormat.of().formatHex(java.security.MessageDigest.getInstance("SHA-256")
                .digest(Files.readAllBytes(fixture)));
        assertTrue(manifest.contains("\"file\" : \"file://" + data.toAbsolutePath().resolve("knee_b.h5") + "\""),
                manifest);
        assertEquals(2, manifest.split("\"sha256\" : \"" + sha + "\"", -1).length - 1, manifest);
        assertEquals(stagedBefore, staged(), "a staged copy was left in " + System.getProperty("java.io.tmpdir"));
    }

    /** Runs the launcher's local engine in its own process; returns its wall time in seconds. */
    private static double local(Path dir, String[] bench) throws Exception {
        List<String> local = new ArrayList<>(List.of(System.getProperty("java.home") + "/bin/java", "-jar",
                System.getProperty("recon.launcher"), "benchmark"));
        local.addAll(List.of(bench));
        local.addAll(List.of("-o", dir.resolve("local").toString()));
        long t0 = System.nanoTime();
        Process p = new ProcessBuilder(local).redirectErrorStream(true).redirectOutput(dir.resolve("local.log")
                .toFile()).start();
        assertTrue(p.waitFor(300, TimeUnit.SECONDS), "local engine did not finish");
        assertEquals(0, p.exitValue(), Files.readString(dir.resolve("local.log")));
        return (System.nanoTime() - t0) / 1e9;
    }

    private static int spark(Path dir, String[] bench) throws Exception {
        List<String> args = new ArrayList<>(List.of("--launcher", System.getProperty("recon.launcher"), "--"));
        args.addAll(List.of(bench));
        args.addAll(List.of("-o", dir.resolve("spark").toString()));
        return SparkBenchmark.run(args.toArray(String[]::new), spark);
    }

    private static long entries(Path folder) throws Exception {
        try (var s = Files.list(folder)) {
            return s.count();
        }
    }

    private static long staged() throws Exception {
        try (var s = Files.list(Path.of(System.getProperty("java.io.tmpdir")))) {
            return s.filter(p -> p.getFileName().toString().startsWith("recon-stage")).count();
        }
    }
}
