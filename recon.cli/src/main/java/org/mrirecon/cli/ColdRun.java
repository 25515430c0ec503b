package org.mrirecon.cli;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.mrirecon.cli.worker.WorkerSupervisor;
import org.mrirecon.evaluation.Trial;

/**
 * {@code bench --cold}: a trial as a user's first command meets it. A fresh launcher process, started from the same
 * jar with this JVM's options, runs the trial on one central slice ({@code run --slices 1}); its whole wall time and
 * the slice's time it reports (results.json's secondsPerSlice) stand beside the warm median, so the JIT warm-up,
 * the framework's start and the memory first touched stay measured.
 */
final class ColdRun {

    private static final Pattern SECONDS_PER_SLICE = Pattern.compile("\"secondsPerSlice\"\\s*:\\s*([0-9.eE+-]+)");

    private ColdRun() {
    }

    /** One line: the process's wall time and first slice, or why the cold run could not be made. */
    static String measure(Cli cli, Trial trial, List<String> dataOptions) {
        Path jar = cli.context == null ? null : WorkerSupervisor.launcherJar(cli.context);
        if (jar == null) {
            return "  cold: not measured: it starts the runnable launcher jar, and this JVM was not started from one";
        }
        Path out = null;
        try {
            out = Files.createTempDirectory("recon-bench-cold");
            List<String> cmd = new ArrayList<>();
            cmd.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
            for (String option : ManagementFactory.getRuntimeMXBean().getInputArguments()) {
                if (!option.startsWith("-agentlib") && !option.startsWith("-XX:StartFlightRecording")) {
                    cmd.add(option); // the same JVM settings (heap, GC, ...) as this process
                }
            }
            cmd.addAll(List.of("-jar", jar.toString(), "run", "-m", trial.label(), "--slices", "1", "--no-progress",
                    "-o", out.toString()));
            cmd.addAll(dataOptions);
            long t0 = System.nanoTime();
            Process p = new ProcessBuilder(cmd).redirectErrorStream(true)
                    .redirectOutput(out.resolve("console.txt").toFile()).start();
            if (!p.waitFor(cli.limits().sliceTimeout().toSeconds() + 120, TimeUnit.SECONDS)) {
                p.destroyForcibly();
                return "  cold: the process did not finish in time";
            }
            double wall = (System.nanoTime() - t0) / 1e9;
            if (p.exitValue() != 0) {
                return "  cold: the process failed (exit " + p.exitValue() + "): " + lastLine(out.resolve("console.txt"));
            }
            Matcher m = SECONDS_PER_SLICE.matcher(Files.readString(out.resolve("results.json"),
                    StandardCharsets.UTF_8));
            String slice = m.find() ? String.format("%.0f ms", Double.parseDouble(m.group(1)) * 1000) : "?";
            return String.format("  cold (a fresh launcher process, one central slice): whole process %.2f s wall, "
                    + "its slice %s", wall, slice);
        } catch (IOException e) {
            return "  cold: not measured: " + e.getMessage();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return "  cold: interrupted";
        } finally {
            if (out != null) {
                deleteQuietly(out);
            }
        }
    }

    private static void deleteQuietly(Path dir) {
        try (java.util.stream.Stream<Path> all = Files.walk(dir)) {
            all.sorted(java.util.Comparator.reverseOrder()).forEach(f -> f.toFile().delete());
        } catch (IOException e) {
            // a temporary folder left behind is harmless
        }
    }

    private static String lastLine(Path file) throws IOException {
        List<String> lines = Files.readAllLines(file, StandardCharsets.UTF_8);
        return lines.isEmpty() ? "(no output)" : lines.get(lines.size() - 1);
    }
}
