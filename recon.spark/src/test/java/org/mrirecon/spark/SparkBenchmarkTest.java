package org.mrirecon.spark;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The same small cohort through both engines: Spark local[2] (this JVM, the launcher's runtime embedded) and the
 * launcher's local engine (its own process) give the same per-slice metrics; the Spark run also writes Parquet.
 */
class SparkBenchmarkTest {

    private static final String[] BENCH = {"--subjects", "3", "--slices", "2", "--matrix", "64", "--coils", "6", "-m",
        "zero-filled@4:8,grappa@2:16", "--no-progress"};

    @Test
    void sparkAndLocalEnginesGiveTheSameMetrics(@TempDir Path dir) throws Exception {
        String launcher = System.getProperty("recon.launcher");
        List<String> local = new ArrayList<>(List.of(System.getProperty("java.home") + "/bin/java", "-jar", launcher,
                "benchmark"));
        local.addAll(List.of(BENCH));
        local.addAll(List.of("-o", dir.resolve("local").toString()));
        long t0 = System.nanoTime();
        Process p = new ProcessBuilder(local).redirectErrorStream(true).redirectOutput(dir.resolve("local.log")
                .toFile()).start();
        assertTrue(p.waitFor(300, TimeUnit.SECONDS), "local engine did not finish");
        double localSeconds = (System.nanoTime() - t0) / 1e9;
        assertEquals(0, p.exitValue(), Files.readString(dir.resolve("local.log")));

        SparkSession spark = SparkSession.builder().master("local[2]").appName("recon-benchmark-test")
                .config("spark.driver.bindAddress", "127.0.0.1").config("spark.driver.host", "127.0.0.1")
                .config("spark.ui.enabled", "false").getOrCreate();
        try {
            List<String> args = new ArrayList<>(List.of("--launcher", launcher, "--"));
            args.addAll(List.of(BENCH));
            args.addAll(List.of("-o", dir.resolve("spark").toString()));
            long t1 = System.nanoTime();
            int code = SparkBenchmark.run(args.toArray(String[]::new), spark);
            double sparkSeconds = (System.nanoTime() - t1) / 1e9;
            assertEquals(0, code);
            System.out.printf("benchmark, 3 subjects x 2 slices x 2 trials: local engine %.1f s (whole process), "
                    + "Spark local[2] %.1f s (embedded runtime started in this JVM)%n", localSeconds, sparkSeconds);
            assertEquals(Files.readString(dir.resolve("local/slices.csv")),
                    Files.readString(dir.resolve("spark/slices.csv")));
            assertEquals(12, spark.read().parquet(dir.resolve("spark/slices.parquet").toString()).count());
            assertTrue(Files.readString(dir.resolve("spark/manifest.json")).contains("\"engine\" : \"spark\""));
        } finally {
            spark.stop();
        }
    }
}
