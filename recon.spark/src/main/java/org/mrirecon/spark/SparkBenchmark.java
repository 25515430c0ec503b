package org.mrirecon.spark;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.sql.SaveMode;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.DataType;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructField;
import org.apache.spark.sql.types.StructType;

/**
 * {@code benchmark --engine spark}: the benchmark's volumes spread over Spark's executors.
 *
 * <pre>
 * spark-submit --class org.mrirecon.spark.SparkBenchmark --jars org.apache.felix.framework-7.0.5.jar \
 *     recon.spark.jar --launcher /shared/launcher.jar [--plugins /shared/plugins] -- \
 *     -i /shared/knee_val -m grappa@2:32,cs@4:20,varnet@4:20 -o /shared/bm
 * </pre>
 *
 * The driver and every executor start the launcher's OSGi runtime once per JVM ({@link EmbeddedRecon}) and reach the
 * benchmark through recon.cli's {@code BenchmarkUnits} service: the driver lists the volumes with units still to run,
 * the executors each run whole volumes (read from any path they can read) and return the units as JSON, and the
 * driver commits them into the output folder in waves (a killed driver loses at most the running wave) and writes the
 * same tables, statistics and manifest as the local engine, plus the tables as Parquet.
 */
public final class SparkBenchmark {

    private SparkBenchmark() {
    }

    public static void main(String[] args) throws Exception {
        System.exit(run(args, null));
    }

    /**
     * @param session the Spark session to use, or null for the one spark-submit configures
     * @return the benchmark's exit code (0 all units ok, 3 some failed, 1 all failed)
     */
    public static int run(String[] args, SparkSession session) throws Exception {
        String launcher = null;
        String plugins = null;
        int split = Arrays.asList(args).indexOf("--");
        if (split < 0) {
            throw new IllegalArgumentException("usage: SparkBenchmark --launcher JAR [--plugins DIR] -- BENCHMARK-ARGS");
        }
        for (int i = 0; i < split; i++) {
            switch (args[i]) {
                case "--launcher" -> launcher = args[++i];
                case "--plugins" -> plugins = args[++i];
                default -> throw new IllegalArgumentException("unknown option " + args[i]
                        + "; usage: SparkBenchmark --launcher JAR [--plugins DIR] -- BENCHMARK-ARGS");
            }
        }
        if (launcher == null) {
            throw new IllegalArgumentException("--launcher JAR is required: the launcher jar every node can read");
        }
        List<String> bench = new ArrayList<>(Arrays.asList(args).subList(split + 1, args.length));
        bench.removeIf(a -> a.startsWith("--engine"));
        bench.add("--engine=spark");
        String[] benchArgs = bench.toArray(String[]::new);
        String launcherJar = launcher;
        String pluginDir = plugins;

        EmbeddedRecon driver = EmbeddedRecon.get(launcherJar, pluginDir);
        String[] pending = driver.pendingVolumes(benchArgs);
        SparkSession spark = session != null ? session : SparkSession.builder().appName("recon benchmark")
                .getOrCreate();
        JavaSparkContext sc = JavaSparkContext.fromSparkContext(spark.sparkContext());
        int wave = Math.max(1, 2 * sc.defaultParallelism());
        for (int from = 0; from < pending.length; from += wave) {
            List<String> volumes = Arrays.asList(pending).subList(from, Math.min(pending.length, from + wave));
            List<String> results = sc.parallelize(volumes, volumes.size())
                    .map(v -> EmbeddedRecon.get(launcherJar, pluginDir).runVolume(benchArgs, v)).collect();
            for (String units : results) {
                driver.commit(benchArgs, units);
            }
            System.out.printf("  spark: %d/%d volumes committed%n", Math.min(pending.length, from + wave),
                    pending.length);
        }
        int code = driver.summarise(benchArgs);
        Path out = Path.of(outDir(benchArgs));
        for (String table : new String[] {"slices", "volumes"}) {
            Path csv = out.resolve(table + ".csv");
            spark.read().option("header", "true").option("positiveInf", "Infinity")
                    .option("negativeInf", "-Infinity").schema(schema(csv)).csv(csv.toString()).write()
                    .mode(SaveMode.Overwrite).parquet(out.resolve(table + ".parquet").toString());
        }
        return code;
    }

    /**
     * The table's column types, known from the names (ids and labels text, slice counts integers, every score and
     * time a double), so Spark need not read the file twice to infer them.
     */
    private static StructType schema(Path csv) throws java.io.IOException {
        String header;
        try (var lines = java.nio.file.Files.lines(csv)) {
            header = lines.findFirst().orElseThrow(() -> new IllegalStateException(csv + " is empty"));
        }
        List<StructField> fields = new ArrayList<>();
        for (String name : header.split(",", -1)) {
            DataType type = switch (name) {
                case "volume", "trial", "method", "bundle", "status", "error" -> DataTypes.StringType;
                case "slice", "slices" -> DataTypes.IntegerType;
                default -> DataTypes.DoubleType;
            };
            fields.add(DataTypes.createStructField(name, type, true));
        }
        return DataTypes.createStructType(fields);
    }

    private static String outDir(String[] args) {
        for (int i = 0; i < args.length; i++) {
            if ((args[i].equals("-o") || args[i].equals("--out")) && i + 1 < args.length) {
                return args[i + 1];
            }
            if (args[i].startsWith("--out=")) {
                return args[i].substring("--out=".length());
            }
        }
        return "benchmark-output";
    }
}
