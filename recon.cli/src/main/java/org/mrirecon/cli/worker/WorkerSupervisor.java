package org.mrirecon.cli.worker;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.PrintStream;
import java.net.StandardProtocolFamily;
import java.net.UnixDomainSocketAddress;
import java.nio.channels.ServerSocketChannel;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashMap;
import java.util.Hashtable;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

import org.mrirecon.api.AcquisitionVolume;
import org.mrirecon.api.MethodDescriptor;
import org.mrirecon.api.ReconContext;
import org.mrirecon.api.ReconParameters;
import org.mrirecon.api.ReconstructedImage;
import org.mrirecon.api.ReconstructionException;
import org.mrirecon.api.Reconstructor;
import org.mrirecon.cli.JobContext;
import org.mrirecon.cli.JobLimits;
import org.mrirecon.cli.MethodRegistry;
import org.osgi.framework.BundleContext;
import org.osgi.framework.ServiceRegistration;

/**
 * Runs third-party methods in a worker process and keeps the launcher serving whatever they do. The worker is the
 * launcher's own jar started as {@code worker}: a JVM with its own framework, connected over a Unix-domain socket in
 * a private folder (no TCP port). The supervisor deploys the jars of a folder into it (watching the folder for new,
 * replaced and removed jars), registers each method the worker finds as a {@link RemoteMethod} service under the
 * identity of the bundle that really provides it, and enforces the limits:
 * <ul>
 * <li>a method that does not stop within the cancel grace of being cancelled is stopped hard: the worker is killed;</li>
 * <li>the worker's heap is capped ({@code -Xmx}) and it exits on the first OutOfMemoryError;</li>
 * <li>after each job the worker reports its heap and the threads the job left behind: a worker that holds most of its
 * heap, or keeps non-daemon or many threads, is restarted;</li>
 * <li>a worker that exits, halts or is killed is restarted (with a backoff if it keeps dying) and gets its jars
 * again; a jar whose deployment or activation killed the worker, or blocked, is set aside until the file changes.</li>
 * </ul>
 * Every such event is reported with the method or jar it concerns.
 */
public final class WorkerSupervisor implements AutoCloseable {

    private final BundleContext context;
    private final MethodRegistry registry;
    private final JobLimits limits;
    private final Path deployDir;
    private final boolean builtins;
    private final long pollMillis;
    private final PrintStream log;
    private final Path launcherJar;
    private final String key = "worker-" + Integer.toHexString(System.identityHashCode(this)) + ":";
    private final AtomicLong ids = new AtomicLong();
    private final AtomicInteger generations = new AtomicInteger();
    private final ScheduledExecutorService scheduler = Executors.newSingleThreadScheduledExecutor(r -> {
        Thread t = new Thread(r, "recon-supervisor");
        t.setDaemon(true);
        return t;
    });
    private final Map<Path, Jar> jars = new HashMap<>(); // the scheduler's thread only
    private volatile Worker worker;
    private volatile boolean closed;
    private final SharedRegions regions = sharedRegions();
    private AutoCloseable isolation;
    private int quickDeaths;

    /**
     * @param deployDir  the folder whose jars run in the worker, or null (then the worker runs only built-ins)
     * @param builtins   whether the worker also runs the launcher's built-in methods, which then run only there
     * @param pollMillis how often the folder is scanned
     * @param log        where deployments, failures and the worker's own output are reported
     */
    public WorkerSupervisor(BundleContext context, MethodRegistry registry, JobLimits limits, Path deployDir,
            boolean builtins, long pollMillis, PrintStream log) {
        this.context = context;
        this.registry = registry;
        this.limits = limits;
        this.deployDir = deployDir == null ? null : deployDir.toAbsolutePath().normalize();
        this.builtins = builtins;
        this.pollMillis = pollMillis;
        this.log = log;
        this.launcherJar = launcherJar(context);
    }

    /** Shared memory for the k-space, or null (then it goes through the socket). */
    private static SharedRegions sharedRegions() {
        try {
            return new SharedRegions();
        } catch (IOException | RuntimeException e) {
            return null;
        }
    }

    /** The runnable launcher jar this JVM was started from, which a worker is started from too. */
    public static Path launcherJar(BundleContext context) {
        String set = context.getProperty("recon.launcher.jar");
        String path = set != null ? set : System.getProperty("java.class.path", "");
        if (path.endsWith(".jar") && !path.contains(java.io.File.pathSeparator) && Files.isRegularFile(Path.of(path))) {
            return Path.of(path).toAbsolutePath();
        }
        return null;
    }

    /**
     * Starts the worker, deploys the folder's jars, and returns once the worker has reported their methods, so the
     * command that follows sees them.
     *
     * @throws IOException if no worker could be started (the message says why)
     */
    public void start() throws IOException {
        if (launcherJar == null) {
            throw new IOException("worker processes are started from the runnable launcher jar, and this JVM was not "
                    + "(set the property recon.launcher.jar to it)");
        }
        if (builtins) {
            isolation = registry.isolateAll();
        }
        registry.deploying(true);
        try {
            startWorker();
        } finally {
            registry.deploying(false);
        }
        try {
            scheduler.submit(() -> scan(true)).get();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (ExecutionException e) {
            throw new IOException("deploying " + deployDir + " failed: " + e.getCause(), e.getCause());
        }
        if (deployDir != null) {
            scheduler.scheduleWithFixedDelay(() -> scan(false), pollMillis, pollMillis, TimeUnit.MILLISECONDS);
        }
    }

    // ---- the worker process ----

    private static final class Worker {
        final int generation;
        final Process process;
        final long started = System.nanoTime();
        Wire.Connection conn;
        final Map<Long, Call> calls = new ConcurrentHashMap<>();
        final Map<Long, CompletableFuture<String[]>> requests = new ConcurrentHashMap<>();
        final Map<Long, ServiceRegistration<Reconstructor>> proxies = new ConcurrentHashMap<>();
        final Map<String, Long> probing = new ConcurrentHashMap<>();
        final Deque<String> tail = new ArrayDeque<>();
        volatile int reports;
        volatile int stillProbing;
        volatile int baselineThreads;
        volatile String killReason;
        volatile String retiring;
        boolean dead;
        /** Its calls have been failed with the cause of its death. */
        volatile boolean buried;

        Worker(int generation, Process process) {
            this.generation = generation;
            this.process = process;
        }

        String tail() {
            synchronized (tail) {
                return String.join("\n", tail);
            }
        }
    }

    private void startWorker() throws IOException {
        Path dir = Files.createTempDirectory("recon-worker-",
                PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rwx------")));
        Path socket = dir.resolve("channel");
        Worker w = null;
        try (ServerSocketChannel server = ServerSocketChannel.open(StandardProtocolFamily.UNIX)) {
            server.bind(UnixDomainSocketAddress.of(socket));
            List<String> cmd = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java")
                    .toString(), "-Xmx" + limits.workerHeap(), "-XX:+ExitOnOutOfMemoryError",
                    // a batch worker: the throughput collector allocates each slice's k-space in its young
                    // generation, where G1 makes every such array a humongous object of fresh regions
                    "-XX:+UseParallelGC",
                    "-Djava.awt.headless=true", "-Drecon.jobs.activationTimeout="
                            + limits.activationTimeout().toMillis() / 1000.0,
                    "-jar", launcherJar.toString(), "worker", "--channel", socket.toString()));
            if (Runtime.version().feature() >= 24) { // Felix's sun.misc.Unsafe, ONNX Runtime's natives: allowed
                cmd.addAll(1, List.of("--sun-misc-unsafe-memory-access=allow", "--enable-native-access=ALL-UNNAMED"));
            }
            Process p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
            w = new Worker(generations.incrementAndGet(), p);
            pump(w);
            server.configureBlocking(false);
            long end = System.nanoTime() + limits.workerStart().toNanos();
            SocketChannel ch;
            while ((ch = server.accept()) == null) {
                if (!p.isAlive()) {
                    throw new IOException("the worker process exited with status " + p.exitValue()
                            + " before it connected:\n" + w.tail());
                }
                if (System.nanoTime() > end) {
                    throw new IOException("the worker process did not connect within "
                            + JobLimits.seconds(limits.workerStart()));
                }
                Thread.sleep(50);
            }
            ch.configureBlocking(true);
            w.conn = new Wire.Connection(ch);
            Wire.In hello = w.conn.receive();
            if (hello.type != Wire.HELLO || hello.i32() != Wire.PROTOCOL) {
                throw new IOException("the worker process speaks another protocol: rebuild the launcher");
            }
            w.conn.send(Wire.SETUP, 0, o -> o.bool(builtins).str(deployDir == null ? null : deployDir.toString()));
            Worker started = w;
            worker = w;
            Thread reader = new Thread(() -> read(started), "recon-supervisor-read-" + w.generation);
            reader.setDaemon(true);
            reader.start();
            p.onExit().thenRun(() -> died(started));
            awaitSettled(w, 0);
            w = null;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted while starting the worker process");
        } finally {
            if (w != null) {
                w.process.destroyForcibly();
            }
            Files.deleteIfExists(socket);
            Files.deleteIfExists(dir);
        }
    }

    /** The worker's own output, prefixed, and its last lines kept for reports (an OutOfMemoryError says so there). */
    private void pump(Worker w) {
        Thread t = new Thread(() -> {
            try (BufferedReader in = new BufferedReader(new InputStreamReader(w.process.getInputStream(),
                    StandardCharsets.UTF_8))) {
                for (String line; (line = in.readLine()) != null;) {
                    synchronized (w.tail) {
                        w.tail.addLast(line);
                        if (w.tail.size() > 40) {
                            w.tail.removeFirst();
                        }
                    }
                    log.println("[worker " + w.generation + "] " + line);
                }
            } catch (IOException gone) {
                // the process ended
            }
        }, "recon-supervisor-output-" + w.generation);
        t.setDaemon(true);
        t.start();
    }

    /** Waits (bounded) for a report of the worker's methods, made after the given one, with nothing left to probe. */
    private void awaitSettled(Worker w, int reportsBefore) throws InterruptedException {
        long end = System.nanoTime() + limits.activationTimeout().plusSeconds(10).toNanos();
        while (!w.dead && System.nanoTime() < end && (w.reports <= reportsBefore || w.stillProbing > 0)) {
            Thread.sleep(20);
        }
    }

    private void read(Worker w) {
        try {
            while (true) {
                Wire.In m = w.conn.receive();
                switch (m.type) {
                    case Wire.METHODS -> methods(w, m);
                    case Wire.PROBING -> {
                        String location = m.str();
                        if (location != null && m.bool()) {
                            w.probing.put(location, System.nanoTime());
                        } else if (location != null) {
                            w.probing.remove(location);
                        }
                    }
                    case Wire.DEPLOYED -> {
                        CompletableFuture<String[]> f = w.requests.get(m.id);
                        String[] reply = {m.str(), m.str(), m.str()};
                        if (f != null) {
                            f.complete(reply);
                        }
                    }
                    case Wire.PROGRESS -> {
                        Call c = w.calls.get(m.id);
                        if (c != null) {
                            c.context.progress(m.f64(), m.str());
                        }
                    }
                    case Wire.RESULT, Wire.ERROR -> answer(w, m);
                    default -> throw new IOException("unknown frame type " + m.type);
                }
            }
        } catch (IOException closed) {
            died(w); // it is exiting (end of stream, or reset by a halt): its exit status says how
        } catch (RuntimeException e) {
            kill(w, "was stopped: it sent a frame that could not be read (" + e + ")");
            died(w);
        }
    }

    /** The worker's methods: a proxy service for each new one, withdrawal of the ones gone; its problems. */
    private void methods(Worker w, Wire.In m) {
        int n = m.i32();
        Map<Long, Object[]> now = new LinkedHashMap<>();
        List<MethodRegistry.Problem> problems = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            long serviceId = m.i64();
            String name = m.str();
            String version = m.str();
            String location = m.str();
            boolean deployed = m.bool();
            try {
                now.put(serviceId, new Object[] {name, version, location, deployed, Codec.descriptor(m)});
            } catch (RuntimeException bad) {
                throw new IllegalStateException("a method descriptor from the worker could not be read: " + bad, bad);
            }
        }
        int np = m.i32();
        for (int i = 0; i < np; i++) {
            problems.add(new MethodRegistry.Problem(m.str(), m.str(), m.str()));
        }
        int probing = m.i32();
        if (closed || w.dead) {
            return;
        }
        for (Iterator<Map.Entry<Long, ServiceRegistration<Reconstructor>>> it = w.proxies.entrySet().iterator();
                it.hasNext();) {
            Map.Entry<Long, ServiceRegistration<Reconstructor>> e = it.next();
            if (!now.containsKey(e.getKey())) {
                unregister(e.getValue());
                it.remove();
            }
        }
        now.forEach((serviceId, info) -> {
            if (!w.proxies.containsKey(serviceId)) {
                MethodDescriptor d = (MethodDescriptor) info[4];
                Hashtable<String, Object> props = new Hashtable<>();
                props.put(Reconstructor.METHOD_PROPERTY, d.id());
                props.put(MethodRegistry.ORIGIN_BUNDLE, info[0]);
                props.put(MethodRegistry.ORIGIN_VERSION, info[1]);
                props.put(MethodRegistry.ORIGIN_LOCATION, info[2]);
                props.put(MethodRegistry.ORIGIN_DEPLOYED, info[3]);
                RemoteMethod proxy = new RemoteMethod(this, w.generation, serviceId, d, info[0] + " " + info[1]);
                w.proxies.put(serviceId, context.registerService(Reconstructor.class, proxy, props));
            }
        });
        registry.clearReports(key + "service:");
        for (int i = 0; i < problems.size(); i++) {
            registry.report(key + "service:" + i, problems.get(i));
        }
        w.stillProbing = probing;
        w.reports++;
    }

    private static void unregister(ServiceRegistration<?> r) {
        try {
            r.unregister();
        } catch (IllegalStateException already) {
            // the framework is stopping
        }
    }

    private synchronized void died(Worker w) {
        if (w.dead) {
            return;
        }
        w.dead = true;
        try {
            // The channel closes while an exiting process runs its shutdown hooks: wait for its own status first.
            if (!w.process.waitFor(5, TimeUnit.SECONDS)) {
                w.process.destroyForcibly();
                w.process.waitFor(5, TimeUnit.SECONDS);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        String status = w.process.isAlive() ? "?" : Integer.toString(w.process.exitValue());
        String cause;
        boolean oom = w.tail().contains("OutOfMemoryError");
        if (w.killReason != null) {
            cause = w.killReason + (oom ? " (it had run out of memory)" : "");
        } else if (oom) {
            cause = "ran out of memory (its heap limit is " + limits.workerHeap() + ") and exited";
        } else {
            cause = "exited with status " + status + (w.calls.isEmpty() ? ""
                    : " (did the method call System.exit or Runtime.halt?)");
        }
        w.proxies.values().forEach(WorkerSupervisor::unregister);
        w.proxies.clear();
        registry.clearReports(key + "service:");
        List<String> running = new ArrayList<>();
        for (Call c : w.calls.values()) {
            running.add(c.method.label);
            c.result.completeExceptionally(new WorkerFailure("the worker process " + cause + " while running "
                    + c.method.label, false, true));
        }
        for (CompletableFuture<String[]> f : w.requests.values()) {
            f.completeExceptionally(new WorkerFailure("the worker process " + cause));
        }
        w.buried = true;
        if (closed) {
            return;
        }
        // No job in flight: the code that ran when it died was a bundle's activation.
        String blamed = null;
        if (running.isEmpty() && !w.probing.isEmpty()) {
            blamed = w.probing.entrySet().stream().max(Map.Entry.comparingByValue()).get().getKey();
            String location = blamed;
            scheduler.execute(() -> jars.values().forEach(j -> {
                if (j.location.equals(location) && j.seen != null) {
                    quarantine(j, j.seen, "the worker process " + cause + " while the jar's component activated");
                }
            }));
        }
        log.println("worker process " + w.generation + " " + cause + (running.isEmpty() ? ""
                : " while running " + String.join(", ", running)) + (blamed != null ? " while " + blamed
                + " activated" : "") + "; restarting it");
        boolean quick = System.nanoTime() - w.started < TimeUnit.SECONDS.toNanos(30);
        quickDeaths = quick ? quickDeaths + 1 : 0;
        long delay = quickDeaths <= 1 ? 0 : Math.min(30, 1L << Math.min(5, quickDeaths - 1));
        registry.deploying(true); // jobs wait (up to the absent grace) for the methods to come back
        scheduler.schedule(this::restart, delay, TimeUnit.SECONDS);
    }

    private void restart() {
        try {
            if (closed) {
                return;
            }
            try {
                startWorker();
            } catch (IOException e) {
                log.println("worker process could not be started: " + e.getMessage() + "; trying again");
                quickDeaths++;
                registry.deploying(true);
                scheduler.schedule(this::restart, Math.min(30, 1L << Math.min(5, quickDeaths)), TimeUnit.SECONDS);
                return;
            }
            scan(true);
        } finally {
            registry.deploying(false);
        }
    }

    /** Kills the worker; the restart follows from its death. */
    private void kill(Worker w, String reason) {
        if (w.killReason == null) {
            w.killReason = reason;
        }
        w.process.destroyForcibly();
    }

    // ---- the deploy folder ----

    private record Stamp(long size, long modified) {
    }

    private static final class Jar {
        final Path path;
        final String location;
        Stamp seen;
        Stamp deployed;
        int generation;
        Stamp quarantined;

        Jar(Path path) {
            this.path = path;
            this.location = path.toUri().toString();
        }
    }

    /** Deploys new and changed jars (once unchanged for one scan, or at once in the initial scan), undeploys gone. */
    private void scan(boolean initial) {
        Worker w = worker;
        if (deployDir == null || w == null || w.dead || closed) {
            return;
        }
        Map<Path, Stamp> now = new LinkedHashMap<>();
        try (DirectoryStream<Path> files = Files.newDirectoryStream(deployDir, "*.jar")) {
            for (Path p : files) {
                if (Files.isRegularFile(p)) {
                    now.put(p, new Stamp(Files.size(p), Files.getLastModifiedTime(p).toMillis()));
                }
            }
        } catch (IOException e) {
            return; // a file went away while listed: the next scan sees the folder as it is
        }
        for (Iterator<Jar> it = jars.values().iterator(); it.hasNext();) {
            Jar j = it.next();
            if (!now.containsKey(j.path)) {
                if (j.deployed != null && j.generation == w.generation) {
                    undeploy(w, j);
                }
                registry.report(key + "jar:" + j.path, null);
                log.println("deploy: " + j.path.getFileName() + " removed");
                it.remove();
            }
        }
        for (Map.Entry<Path, Stamp> e : now.entrySet()) {
            Jar j = jars.computeIfAbsent(e.getKey(), Jar::new);
            Stamp stamp = e.getValue();
            boolean stable = initial || stamp.equals(j.seen);
            j.seen = stamp;
            if (!stable || stamp.equals(j.quarantined) || w.dead) {
                continue;
            }
            j.quarantined = null;
            if (!stamp.equals(j.deployed) || j.generation != w.generation) {
                deploy(w, j, stamp);
            }
        }
    }

    private void deploy(Worker w, Jar j, Stamp stamp) {
        registry.deploying(true);
        try {
            int before = w.reports;
            String[] reply = request(w, Wire.DEPLOY, o -> o.str(j.path.toString()).str(j.location),
                    limits.activationTimeout().plusSeconds(15));
            if (reply == null) {
                quarantine(j, stamp, "its deployment blocked for more than " + JobLimits.seconds(
                        limits.activationTimeout().plusSeconds(15)) + " (an activation that never returns?)");
                kill(w, "was restarted: " + j.path.getFileName() + " blocked its deployment");
                return;
            }
            j.deployed = stamp;
            j.generation = w.generation;
            String who = (reply[0] == null ? "" : reply[0] + " " + reply[1] + " ") + "(" + j.path.getFileName()
                    + ")";
            if (reply[2] != null) {
                registry.report(key + "jar:" + j.path, new MethodRegistry.Problem(who, declaredMethod(j.path),
                        "not deployed: " + reply[2]));
                log.println("deploy: " + who + " not deployed: " + reply[2]);
            } else {
                registry.report(key + "jar:" + j.path, null);
                log.println("deploy: " + who + " deployed in worker process " + w.generation);
            }
            awaitSettled(w, before);
        } catch (WorkerFailure e) {
            quarantine(j, stamp, e.getMessage() + " while the jar was being deployed");
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } finally {
            registry.deploying(false);
        }
    }

    private void undeploy(Worker w, Jar j) {
        try {
            if (request(w, Wire.UNDEPLOY, o -> o.str(j.location), limits.activationTimeout()) == null) {
                kill(w, "was restarted: uninstalling " + j.path.getFileName() + " blocked");
            }
        } catch (WorkerFailure dead) {
            // its restart deploys what is in the folder then
        }
    }

    private void quarantine(Jar j, Stamp stamp, String why) {
        j.quarantined = stamp;
        registry.report(key + "jar:" + j.path, new MethodRegistry.Problem(j.path.getFileName().toString(),
                declaredMethod(j.path), why + "; set aside until the file changes"));
        log.println("deploy: " + j.path.getFileName() + ": " + why + "; set aside until the file changes");
    }

    private static final java.util.regex.Pattern PROPERTY = java.util.regex.Pattern.compile("<property\\b[^>]*>");
    private static final java.util.regex.Pattern VALUE = java.util.regex.Pattern.compile("value=\"([^\"]*)\"");

    /**
     * The method id a jar's component descriptions declare (their recon.method property), or null: so that a jar
     * that could not be deployed is reported under the method the user will ask for.
     */
    static String declaredMethod(Path jar) {
        try (java.util.zip.ZipFile zip = new java.util.zip.ZipFile(jar.toFile())) {
            for (java.util.zip.ZipEntry e : java.util.Collections.list(zip.entries())) {
                if (!e.getName().startsWith("OSGI-INF/") || !e.getName().endsWith(".xml") || e.getSize() > 1 << 20) {
                    continue;
                }
                String xml = new String(zip.getInputStream(e).readAllBytes(), StandardCharsets.UTF_8);
                java.util.regex.Matcher p = PROPERTY.matcher(xml);
                while (p.find()) {
                    java.util.regex.Matcher v = VALUE.matcher(p.group());
                    if (p.group().contains("name=\"" + Reconstructor.METHOD_PROPERTY + "\"") && v.find()) {
                        return v.group(1);
                    }
                }
            }
        } catch (IOException | RuntimeException unreadable) {
            // no id to name
        }
        return null;
    }

    /** Sends a deployment request and waits for its reply; null if none came in time. */
    private String[] request(Worker w, byte type, Wire.Body body, Duration timeout) {
        long id = ids.incrementAndGet();
        CompletableFuture<String[]> f = new CompletableFuture<>();
        w.requests.put(id, f);
        try {
            if (w.dead) {
                throw new WorkerFailure("the worker process is gone");
            }
            w.conn.send(type, id, body);
            return f.get(timeout.toMillis(), TimeUnit.MILLISECONDS);
        } catch (TimeoutException e) {
            return null;
        } catch (ExecutionException e) {
            throw e.getCause() instanceof WorkerFailure wf ? wf : new WorkerFailure(String.valueOf(e.getCause()));
        } catch (IOException e) {
            throw new WorkerFailure("the worker process's channel failed: " + e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new WorkerFailure("interrupted");
        } finally {
            w.requests.remove(id);
        }
    }

    // ---- reconstructions ----

    private record Health(long used, long max, int threads, List<String> started, List<String> nonDaemon) {
    }

    /** The image note with the per-slice cost of the process boundary, in ms (bench reports its median). */
    public static final String CHANNEL_MS = "workerChannelMs";

    private static final class Call {
        final RemoteMethod method;
        final ReconContext context;
        final long sent = System.nanoTime();
        final int slices;
        final CompletableFuture<List<ReconstructedImage>> result = new CompletableFuture<>();
        volatile Health health;

        Call(RemoteMethod method, ReconContext context, int slices) {
            this.method = method;
            this.context = context;
            this.slices = slices;
        }
    }

    private void answer(Worker w, Wire.In m) {
        Call c = w.calls.get(m.id);
        if (c == null) {
            return;
        }
        try {
            if (m.type == Wire.RESULT) {
                long computed = m.i64();
                List<Codec.RawImage> raw = Codec.images(m);
                c.health = health(m);
                // What the process boundary cost: the call's time but the method's own, per slice.
                String channel = String.format(java.util.Locale.ROOT, "%.2f", (System.nanoTime() - c.sent - computed)
                        / 1e6 / Math.max(1, c.slices));
                List<ReconstructedImage> images = null;
                if (raw != null) {
                    images = new ArrayList<>(raw.size());
                    for (Codec.RawImage r : raw) {
                        images.add(r.image(Map.of(CHANNEL_MS, channel)));
                    }
                }
                c.result.complete(images);
            } else {
                String type = m.str();
                String message = m.str();
                m.str(); // the worker-side stack trace, not shown
                c.health = health(m);
                c.result.completeExceptionally(rethrown(type, message, c.method));
            }
        } catch (RuntimeException invalid) { // an image the API refuses (NaN, overflow): the method's fault
            c.result.completeExceptionally(invalid);
        }
    }

    private static Health health(Wire.In m) {
        return new Health(m.i64(), m.i64(), m.i32(), m.strings(), m.strings());
    }

    /** The method's exception as the caller would have seen it in process, where it can be. */
    private static Throwable rethrown(String type, String message, RemoteMethod method) {
        return switch (type) {
            case "org.mrirecon.api.ReconstructionException" -> new ReconstructionException(message);
            case "java.util.concurrent.CancellationException" -> new CancellationException(message);
            case "java.lang.IllegalArgumentException" -> new IllegalArgumentException(message);
            case "gone" -> new WorkerFailure(method.label + ": " + message, true, false);
            default -> new WorkerFailure(type + (message != null ? ": " + message : "") + " (thrown by "
                    + method.label + " in the worker process)");
        };
    }

    List<ReconstructedImage> call(RemoteMethod method, AcquisitionVolume volume, ReconParameters parameters,
            ReconContext context) throws ReconstructionException {
        Worker w = worker;
        if (w == null || w.dead || w.generation != method.generation) {
            throw new WorkerFailure("the worker process of " + method.label + " was restarted since the job began",
                    true, false);
        }
        Call call = new Call(method, context, volume.size());
        long id = ids.incrementAndGet();
        w.calls.put(id, call);
        Map<String, String> params = new LinkedHashMap<>();
        parameters.asMap().forEach((k, v) -> params.put(k, String.valueOf(v)));
        SharedRegions.Region region = null;
        try {
            try {
                region = regions == null ? null : regions.take(Codec.volumeBytes(volume));
                int length;
                if (region != null) {
                    Wire.Out shared = new Wire.Out(region.buffer());
                    Codec.volume(shared, volume);
                    length = shared.position();
                } else {
                    length = -1;
                }
                SharedRegions.Region in = region;
                w.conn.send(Wire.RECONSTRUCT, id, o -> {
                    o.i64(method.serviceId).map(params).str(in == null ? null : in.file().toString()).i32(length);
                    if (in == null) {
                        Codec.volume(o, volume);
                    }
                });
            } catch (IOException e) {
                throw new WorkerFailure("the worker process's channel failed: " + e);
            }
            long cancelledAt = -1;
            while (true) {
                try {
                    List<ReconstructedImage> out = call.result.get(100, TimeUnit.MILLISECONDS);
                    check(w, call);
                    return out;
                } catch (TimeoutException stillRunning) {
                    if (w.buried) { // it died before this call was registered: nobody else answers it
                        call.result.completeExceptionally(new WorkerFailure("the worker process of " + method.label
                                + " is gone", true, false));
                    } else if (context.isCancelled()) {
                        long now = System.nanoTime();
                        if (cancelledAt < 0) {
                            cancelledAt = now;
                            String why = context instanceof JobContext jc ? jc.cancelled() : "cancelled";
                            w.conn.send(Wire.CANCEL, id, o -> o.str(why));
                        } else if (now - cancelledAt > limits.cancelGrace().toNanos()) {
                            String why = context instanceof JobContext jc ? jc.cancelled() : "cancelled";
                            kill(w, "was stopped hard: " + method.label + " did not stop within "
                                    + JobLimits.seconds(limits.cancelGrace()) + " of being cancelled (" + why + ")");
                        }
                    }
                } catch (ExecutionException e) {
                    check(w, call);
                    Throwable cause = e.getCause();
                    if (cause instanceof WorkerFailure wf && w.killReason != null && context.isCancelled()
                            && context instanceof JobContext jc) {
                        // the hard stop of a cancelled method: say why it was cancelled first
                        throw new WorkerFailure(jc.cancelled() + "; the method did not stop within "
                                + JobLimits.seconds(limits.cancelGrace()) + " of being cancelled, so its worker "
                                + "process was killed (and restarted)", false, true);
                    }
                    if (cause instanceof ReconstructionException re) {
                        throw re;
                    }
                    if (cause instanceof RuntimeException re) {
                        throw re;
                    }
                    throw new WorkerFailure(String.valueOf(cause));
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    throw new CancellationException("interrupted");
                }
            }
        } catch (IOException e) {
            throw new WorkerFailure("the worker process's channel failed: " + e);
        } finally {
            w.calls.remove(id);
            if (region != null) {
                regions.give(region); // the worker has answered or is dead: it reads the region no more
            }
            String why = w.retiring;
            if (why != null && w.calls.isEmpty()) {
                kill(w, "was restarted: " + why);
            }
        }
    }

    private static final String POOLED = "pool-\\d+-thread-\\d+";

    /** After a job: a worker that holds most of its heap or the threads a method left running is restarted. */
    private void check(Worker w, Call call) {
        Health h = call.health;
        if (h == null || w.dead) {
            return;
        }
        if (w.baselineThreads == 0) {
            w.baselineThreads = h.threads();
        }
        String label = call.method.label;
        String why = null;
        // Executors' default threads (pool-N-thread-M, e.g. JTransforms' cached pool) are reused, not leaked.
        List<String> nonDaemon = h.nonDaemon().stream().filter(n -> !n.matches(POOLED)).toList();
        List<String> started = h.started().stream().filter(n -> !n.matches(POOLED)).toList();
        if (!nonDaemon.isEmpty()) {
            why = label + " left non-daemon thread(s) running: " + names(nonDaemon);
        } else if (started.size() > 16) {
            why = label + " left " + started.size() + " threads running (" + names(started) + ")";
        } else if (h.threads() > w.baselineThreads + 64) {
            why = "the worker process holds " + h.threads() + " threads (" + label + " ran last)";
        } else if (h.max() > 0 && h.used() > 0.75 * h.max()) {
            why = label + " left " + h.used() / 1048576 + " MB of the worker's " + h.max() / 1048576
                    + " MB heap in use";
        }
        if (why != null) {
            if (call.context instanceof JobContext jc) {
                jc.warn("its worker process is restarted: " + why);
            }
            log.println("worker process " + w.generation + ": " + why + "; restarting it");
            w.retiring = why;
        }
    }

    private static String names(List<String> names) {
        return names.size() <= 3 ? String.join(", ", names)
                : String.join(", ", names.subList(0, 3)) + " and " + (names.size() - 3) + " more";
    }

    /** Stops the worker (asking first) and withdraws its methods. */
    @Override
    public void close() {
        closed = true;
        scheduler.shutdownNow();
        Worker w = worker;
        if (w != null && !w.dead) {
            w.killReason = "was stopped with the launcher";
            try {
                w.conn.send(Wire.SHUTDOWN, 0, null);
                if (!w.process.waitFor(10, TimeUnit.SECONDS)) {
                    w.process.destroyForcibly();
                }
            } catch (IOException | InterruptedException e) {
                w.process.destroyForcibly();
            }
            died(w);
        }
        registry.clearReports(key);
        if (regions != null) {
            regions.close();
        }
        if (isolation != null) {
            try {
                isolation.close();
            } catch (Exception cannot) {
                // counting down cannot fail
            }
        }
    }
}
