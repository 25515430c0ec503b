package org.mrirecon.cli;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentSkipListMap;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The jobs (commands that run methods) in flight in one framework, so that the shell can list and cancel them, and
 * the threads of in-process methods that ignored a cancellation and were given up on.
 */
public final class Jobs {

    private final AtomicInteger ids = new AtomicInteger();
    private final Map<Integer, Job> running = new ConcurrentSkipListMap<>();
    private final Map<Thread, String> abandoned = new ConcurrentHashMap<>();

    /** One command in flight. */
    public final class Job implements AutoCloseable {
        public final int id;
        public final String command;
        /** Started in the background of the shell: Ctrl-C leaves it alone. */
        public final boolean background;
        private final long started = System.nanoTime();
        private volatile String current = "";
        private volatile String cancelled;
        private volatile JobContext context;

        Job(String command, boolean background) {
            this.id = ids.incrementAndGet();
            this.command = command;
            this.background = background;
        }

        /** Cancels the trial in flight and every trial not yet started. */
        public void cancel(String why) {
            if (cancelled == null) {
                cancelled = why;
            }
            JobContext c = context;
            if (c != null) {
                c.cancel(why);
            }
        }

        /** Why the job was cancelled, or null. */
        public String cancelled() {
            return cancelled;
        }

        void running(String trial, JobContext c) {
            current = trial;
            context = c;
            if (cancelled != null && c != null) {
                c.cancel(cancelled);
            }
        }

        @Override
        public void close() {
            running.remove(id);
        }

        @Override
        public String toString() {
            return String.format("%3d  %6.0f s  %-10s %-24s %s", id, (System.nanoTime() - started) / 1e9,
                    background ? "background" : "foreground", current,
                    command + (cancelled != null ? "  [cancelling: " + cancelled + "]" : ""));
        }
    }

    /** Registers a job until it is closed. */
    public Job start(String command, boolean background) {
        Job j = new Job(command, background);
        running.put(j.id, j);
        return j;
    }

    public List<Job> running() {
        return new ArrayList<>(running.values());
    }

    /** The job with that id, or null. */
    public Job get(int id) {
        return running.get(id);
    }

    void abandoned(Thread t, String what) {
        abandoned.put(t, what);
    }

    /** Threads given up on that still run, with what they were running. */
    public List<String> abandoned() {
        List<String> out = new ArrayList<>();
        abandoned.entrySet().removeIf(e -> !e.getKey().isAlive());
        abandoned.forEach((t, what) -> out.add(t.getName() + " (" + what + ")"));
        return out;
    }
}
