package org.mrirecon.cli;

import java.time.Duration;
import java.util.Map;
import java.util.function.Function;

/**
 * The bounds every job and every method is held to. Each comes from, in order: the command's option, the
 * configuration {@value MethodRegistry#PID} (a {@code .cfg} file in serve's deploy folder), the framework or system
 * property {@code recon.jobs.NAME}, and the default below.
 *
 * @param sliceTimeout      a trial may take this long per slice (the whole volume gets slices x this); then it is
 *                          cancelled
 * @param cancelGrace       how long a cancelled method has to stop before it is stopped hard (its worker killed, or
 *                          its thread abandoned in process)
 * @param absentGrace       how long a job waits for a method that is briefly absent (its bundle being updated,
 *                          its worker restarting) before the trial fails
 * @param activationTimeout how long a method's component may take to activate before it is reported and skipped
 * @param workerHeap        the heap limit of a worker process, as for -Xmx (e.g. 1g)
 * @param workerStart       how long a worker process may take to start and connect
 */
public record JobLimits(Duration sliceTimeout, Duration cancelGrace, Duration absentGrace,
        Duration activationTimeout, String workerHeap, Duration workerStart) {

    public static final JobLimits DEFAULT = new JobLimits(Duration.ofSeconds(60), Duration.ofSeconds(10),
            Duration.ofSeconds(15), Duration.ofSeconds(15), "1g", Duration.ofSeconds(120));

    public JobLimits {
        for (Duration d : new Duration[] {sliceTimeout, cancelGrace, absentGrace, activationTimeout, workerStart}) {
            if (d == null || d.isNegative() || d.isZero()) {
                throw new IllegalArgumentException("job limits must be positive durations, got " + d);
            }
        }
        if (workerHeap == null || !workerHeap.matches("[0-9]+[kKmMgG]?")) {
            throw new IllegalArgumentException("workerHeap must be a size as for -Xmx, e.g. 768m or 2g, got '"
                    + workerHeap + "'");
        }
    }

    /**
     * Limits from a configuration (seconds as numbers or text), falling back per key to {@code property} (a
     * framework or system property lookup of {@code recon.jobs.NAME}, may be null) and to the defaults.
     *
     * @throws IllegalArgumentException naming the key with a bad value
     */
    static JobLimits from(Map<String, ?> config, Function<String, String> property) {
        Function<String, String> get = key -> {
            Object v = config == null ? null : config.get(key);
            if (v == null && property != null) {
                v = property.apply("recon.jobs." + key);
            }
            return v == null ? null : v.toString().trim();
        };
        return new JobLimits(seconds(get, "sliceTimeout", DEFAULT.sliceTimeout),
                seconds(get, "cancelGrace", DEFAULT.cancelGrace), seconds(get, "absentGrace", DEFAULT.absentGrace),
                seconds(get, "activationTimeout", DEFAULT.activationTimeout),
                get.apply("workerHeap") == null ? DEFAULT.workerHeap : get.apply("workerHeap"),
                seconds(get, "workerStart", DEFAULT.workerStart));
    }

    private static Duration seconds(Function<String, String> get, String key, Duration fallback) {
        String v = get.apply(key);
        if (v == null || v.isEmpty()) {
            return fallback;
        }
        try {
            return Duration.ofMillis(Math.round(Double.parseDouble(v) * 1000));
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(MethodRegistry.PID + ": " + key + " must be seconds, got '" + v + "'");
        }
    }

    /** The same limits with another time per slice. */
    public JobLimits withSliceTimeout(Duration d) {
        return new JobLimits(d, cancelGrace, absentGrace, activationTimeout, workerHeap, workerStart);
    }

    /** A duration as a user reads it, e.g. "10 s" or "2.5 s". */
    public static String seconds(Duration d) {
        double s = d.toMillis() / 1000.0;
        return s == Math.rint(s) ? (long) s + " s" : String.format("%.1f s", s);
    }
}
