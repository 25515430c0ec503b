package org.mrirecon.cli;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.concurrent.CancellationException;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.FutureTask;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

import org.mrirecon.api.ReconstructionException;
import org.mrirecon.cli.worker.WorkerFailure;
import org.mrirecon.data.Dataset;
import org.mrirecon.evaluation.Evaluation;
import org.mrirecon.evaluation.MethodIdentity;
import org.mrirecon.evaluation.Trial;
import org.mrirecon.evaluation.TrialResult;
import org.mrirecon.evaluation.Yardsticks;

/**
 * Runs resolved trials on one dataset through the registry, each with a progress bar, each bounded. A trial that
 * fails, times out or is cancelled becomes a failed row naming the method, its bundle, the cause and the time it
 * took; the other trials run. A trial runs on a thread of its own under a time limit (the per-slice limit times the
 * slices): past it the method is cancelled through its {@link org.mrirecon.api.ReconContext}, and a method that
 * does not stop within the cancel grace is stopped hard: a worker process is killed; an in-process thread, which
 * Java cannot stop safely, is given up on and reported.
 */
final class TrialRunner {

    private TrialRunner() {
    }

    static List<TrialResult> run(Cli cli, List<Trial> trials, Dataset data, Yardsticks yardsticks, boolean progress) {
        warnProblems(cli, trials);
        List<TrialResult> results = new ArrayList<>();
        for (Trial t : trials) {
            results.add(runOne(cli, t, data, yardsticks, progress));
        }
        List<String> abandoned = cli.registry.jobs().abandoned();
        if (!abandoned.isEmpty()) {
            cli.err.println("warning: " + abandoned.size() + " method thread(s) ignored cancellation and still run in "
                    + "this process: " + String.join(", ", abandoned) + " (run untrusted methods in a worker process: "
                    + "--deploy, --isolation all)");
        }
        return results;
    }

    /** What the registry knows against the methods of these trials, and against bundles that registered none. */
    private static void warnProblems(Cli cli, List<Trial> trials) {
        Set<String> ids = new HashSet<>();
        trials.forEach(t -> ids.add(t.methodId()));
        for (MethodRegistry.Problem p : cli.registry.problems()) {
            if (p.methodId() == null || ids.contains(p.methodId())) {
                cli.err.println("warning: " + p);
            }
        }
    }

    private static TrialResult runOne(Cli cli, Trial t, Dataset data, Yardsticks yardsticks, boolean progress) {
        JobLimits limits = cli.limits();
        Jobs.Job job = cli.job;
        long t0 = System.nanoTime();
        Duration limit = limits.sliceTimeout().multipliedBy(Math.max(1, data.sliceCount()));
        long deadline = t0 + limit.toNanos();
        MethodIdentity who = new MethodIdentity(t.methodId(), t.methodId(), "(not available)", "-");
        for (int attempt = 0;; attempt++) {
            if (job != null && job.cancelled() != null) {
                return failed(cli, t, who, data, t0, "not run: the job was cancelled (" + job.cancelled() + ")");
            }
            MethodRegistry.Lease leased;
            try {
                MethodRegistry.MethodInfo info = cli.registry.await(t.methodId(), limits.absentGrace());
                leased = info == null ? null : cli.registry.acquire(t.methodId());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return failed(cli, t, who, data, t0, "not run: interrupted");
            } catch (IllegalArgumentException goneMeanwhile) {
                leased = null;
            }
            if (leased == null) {
                return failed(cli, t, who, data, t0, cli.registry.notAvailable(t.methodId()));
            }
            try (MethodRegistry.Lease lease = leased) {
                who = lease.info.identity();
                Object outcome = attempt(cli, lease, t, data, yardsticks, progress, deadline, limit, limits);
                if (outcome instanceof TrialResult r) {
                    return r;
                }
                Failure f = (Failure) outcome;
                // Withdrawn under the job (an update): run again on the new version. Not when its own worker died
                // running it: the method itself may have ended the process.
                if ((f.retryable() || lease.stale() && !f.workerDied()) && attempt < 2
                        && System.nanoTime() < deadline && awaitWithdrawn(lease, limits.absentGrace())) {
                    cli.err.println("note: " + t.label() + " (" + who.bundle() + ") was replaced while it ran ("
                            + f.message() + "); running it again on the new version");
                    continue;
                }
                return failed(cli, t, who, data, t0, f.message());
            }
        }
    }

    /** Why work on a method failed; retryable if the method was withdrawn under it (updated, its worker restarted). */
    record Failure(String message, boolean retryable, boolean workerDied) {
        @Override
        public String toString() {
            return message;
        }
    }

    /** A method that said it was withdrawn is withdrawn from the registry soon after; wait (bounded) for that. */
    private static boolean awaitWithdrawn(MethodRegistry.Lease lease, Duration grace) {
        long end = System.nanoTime() + grace.toNanos();
        try {
            while (!lease.stale() && System.nanoTime() < end) {
                Thread.sleep(20);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        return lease.stale();
    }

    /** Runs the trial once; returns its result, or the {@link Failure}. */
    private static Object attempt(Cli cli, MethodRegistry.Lease lease, Trial t, Dataset data, Yardsticks yardsticks,
            boolean progress, long deadline, Duration limit, JobLimits limits) {
        String timeout = String.format(Locale.ROOT, "timed out: the limit is %s (%d slice%s x %s)",
                JobLimits.seconds(limit), data.sliceCount(), data.sliceCount() == 1 ? "" : "s",
                JobLimits.seconds(limits.sliceTimeout()));
        return bounded(cli, t.label(), lease, progress, deadline, timeout, ctx -> Evaluation.run(lease.reconstructor,
                lease.info.identity(), data, yardsticks, t, data.source(), ctx));
    }

    /** Work on a method, given the context to hand it. */
    interface Work<T> {
        T run(JobContext context) throws Exception;
    }

    /**
     * Runs work on a method on a thread of its own until the deadline, then cancels it; a method that does not stop
     * within the cancel grace is stopped hard (see the class comment).
     *
     * @param timedOut what the failure says when the deadline passes
     * @return the work's result, or the {@link Failure}
     */
    static <T> Object bounded(Cli cli, String label, MethodRegistry.Lease lease, boolean progress, long deadline,
            String timedOut, Work<T> work) {
        JobLimits limits = cli.limits();
        ConsoleProgress bar = new ConsoleProgress(cli.err, label, progress);
        JobContext ctx = new JobContext(bar);
        Jobs.Job job = cli.job;
        if (job != null) {
            job.running(label, ctx);
        }
        FutureTask<T> task = new FutureTask<>(() -> work.run(ctx));
        Thread thread = new Thread(task, "recon-trial-" + label);
        thread.setDaemon(true); // a method that never returns must not keep the JVM alive
        thread.start();
        // A worker's hard stop (killing it) comes first; this one is for methods in this process.
        long grace = limits.cancelGrace().toNanos() + (lease.info.isolated() ? TimeUnit.SECONDS.toNanos(10) : 0);
        long cancelledAt = -1;
        try {
            while (true) {
                long now = System.nanoTime();
                long wait;
                if (ctx.isCancelled()) {
                    if (cancelledAt < 0) {
                        cancelledAt = now;
                    }
                    wait = cancelledAt + grace - now;
                    if (wait <= 0) {
                        break;
                    }
                } else {
                    wait = deadline - now;
                    if (wait <= 0) {
                        ctx.cancel(timedOut);
                        continue;
                    }
                }
                try {
                    return task.get(Math.min(wait, TimeUnit.MILLISECONDS.toNanos(100)), TimeUnit.NANOSECONDS);
                } catch (TimeoutException stillRunning) {
                    // look at the clock and the job again
                } catch (ExecutionException e) {
                    WorkerFailure wf = e.getCause() instanceof WorkerFailure w ? w : null;
                    return new Failure(describe(e.getCause(), ctx), wf != null && wf.retryable(),
                            wf != null && wf.workerDied());
                } catch (InterruptedException e) {
                    ctx.cancel("interrupted");
                }
            }
            // The method ignored the cancellation. Java cannot stop a thread safely: give up on it and say so.
            thread.interrupt();
            StackTraceElement[] at = thread.getStackTrace();
            cli.registry.jobs().abandoned(thread, label + " of " + lease.info.bundle);
            return new Failure(ctx.cancelled() + "; the method did not stop within "
                    + JobLimits.seconds(limits.cancelGrace()) + " of being cancelled, so its thread was given up on"
                    + (at.length > 0 ? " (at " + at[0] + ")" : ""), false, false);
        } finally {
            bar.finish();
            if (job != null) {
                job.running("", null);
            }
            for (String w : ctx.warnings()) {
                cli.err.println("warning: " + label + " (" + lease.info.bundle + "): " + w);
            }
        }
    }

    /** The cause of a failure in one line that a user can act on. */
    static String describe(Throwable c, JobContext ctx) {
        if (c instanceof CancellationException && ctx.cancelled() != null) {
            return ctx.cancelled();
        }
        if (c instanceof ReconstructionException || c instanceof IllegalArgumentException
                || c instanceof CancellationException || c instanceof WorkerFailure) {
            return c.getMessage() != null ? c.getMessage() : c.toString();
        }
        if (c instanceof OutOfMemoryError) {
            return c + " (in the launcher's own heap: run untrusted methods in a worker process)";
        }
        return c.toString();
    }

    private static TrialResult failed(Cli cli, Trial t, MethodIdentity who, Dataset data, long t0, String why) {
        double seconds = (System.nanoTime() - t0) / 1e9;
        String error = String.format(Locale.ROOT, "%s failed after %.1f s: %s", t.methodId(), seconds, why);
        cli.err.println("error: " + t.label() + " (" + who.bundle() + "): " + error);
        int[] numbers = new int[data.sliceCount()];
        for (int s = 0; s < numbers.length; s++) {
            numbers[s] = data.sliceNumber(s);
        }
        return TrialResult.builder(t, who, data.source(), numbers).seconds(seconds).error(error).build();
    }

}
