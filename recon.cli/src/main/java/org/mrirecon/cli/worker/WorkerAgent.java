package org.mrirecon.cli.worker;

import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.io.PrintStream;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryUsage;
import java.net.StandardProtocolFamily;
import java.net.UnixDomainSocketAddress;
import java.nio.channels.AsynchronousCloseException;
import java.nio.channels.SocketChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.mrirecon.api.AcquisitionVolume;
import org.mrirecon.api.ReconContext;
import org.mrirecon.api.ReconParameters;
import org.mrirecon.api.ReconstructedImage;
import org.mrirecon.api.Reconstructor;
import org.mrirecon.cli.JobContext;
import org.mrirecon.cli.MethodRegistry;
import org.osgi.framework.Bundle;
import org.osgi.framework.BundleContext;
import org.osgi.framework.BundleException;
import org.osgi.framework.InvalidSyntaxException;
import org.osgi.framework.ServiceReference;
import org.osgi.framework.namespace.PackageNamespace;
import org.osgi.framework.wiring.BundleCapability;
import org.osgi.framework.wiring.BundleWiring;
import org.osgi.framework.wiring.FrameworkWiring;

/**
 * The worker side of the channel: runs in the worker process's own framework, deploys the jars the supervisor
 * names, reports the methods its registry finds (and what it found wrong), and runs reconstructions, each on a
 * thread of its own, with cancellation, progress, and a health report (heap, threads left behind) with every reply.
 */
public final class WorkerAgent implements MethodRegistry.Listener {

    private final BundleContext context;
    private final MethodRegistry registry;
    private final PrintStream log;
    private Wire.Connection conn;
    private final Map<Long, JobContext> jobs = new ConcurrentHashMap<>();
    private final ExecutorService deployer = Executors.newSingleThreadExecutor(r -> daemon(r, "recon-worker-deploy"));
    private final ScheduledExecutorService notifier = Executors.newSingleThreadScheduledExecutor(
            r -> daemon(r, "recon-worker-notify"));
    private final AtomicBoolean methodsPending = new AtomicBoolean();

    public WorkerAgent(BundleContext context, MethodRegistry registry, PrintStream log) {
        this.context = context;
        this.registry = registry;
        this.log = log;
    }

    /** Serves the supervisor at that socket until it says stop or goes away. */
    public int run(Path socket) throws IOException {
        SocketChannel ch = SocketChannel.open(StandardProtocolFamily.UNIX);
        ch.connect(UnixDomainSocketAddress.of(socket));
        conn = new Wire.Connection(ch);
        conn.send(Wire.HELLO, 0, o -> o.i32(Wire.PROTOCOL).i64(ProcessHandle.current().pid()));
        try {
            while (true) {
                Wire.In m = conn.receive();
                switch (m.type) {
                    case Wire.SETUP -> setup(m.bool(), m.str());
                    case Wire.DEPLOY -> {
                        long id = m.id;
                        String path = m.str();
                        String location = m.str();
                        deployer.execute(() -> deploy(id, Path.of(path), location));
                    }
                    case Wire.UNDEPLOY -> {
                        long id = m.id;
                        String location = m.str();
                        deployer.execute(() -> undeploy(id, location));
                    }
                    case Wire.RECONSTRUCT -> start(m);
                    case Wire.CANCEL -> {
                        JobContext j = jobs.get(m.id);
                        if (j != null) {
                            j.cancel(m.str());
                        }
                    }
                    case Wire.SHUTDOWN -> {
                        return 0;
                    }
                    default -> throw new IOException("unknown frame type " + m.type);
                }
            }
        } catch (EOFException | AsynchronousCloseException launcherGone) {
            return 0;
        } finally {
            registry.removeListener(this);
            haltIfStuck();
        }
    }

    /** The framework stops when this returns; a plugin that blocks its stop or keeps a thread must not keep us. */
    private static void haltIfStuck() {
        Thread t = new Thread(() -> {
            try {
                Thread.sleep(15_000);
            } catch (InterruptedException e) {
                return;
            }
            Runtime.getRuntime().halt(0);
        }, "recon-worker-exit");
        t.setDaemon(true);
        t.start();
    }

    private void setup(boolean builtins, String deployDir) {
        if (deployDir != null) {
            registry.addDeployFolder(Path.of(deployDir));
        }
        if (!builtins) {
            // This worker holds only deployed methods: the launcher runs its built-in ones itself.
            try {
                Collection<ServiceReference<Reconstructor>> refs = context.getServiceReferences(Reconstructor.class,
                        null);
                Set<Bundle> own = new HashSet<>();
                refs.forEach(r -> own.add(r.getBundle()));
                for (Bundle b : own) {
                    if (b != null) {
                        b.stop(Bundle.STOP_TRANSIENT);
                    }
                }
            } catch (InvalidSyntaxException | BundleException | IllegalStateException e) {
                log.println("worker: could not stop the built-in methods: " + e);
            }
        }
        registry.addListener(this);
        changed();
    }

    // ---- reports ----

    @Override
    public void changed() {
        if (methodsPending.compareAndSet(false, true)) {
            notifier.schedule(this::sendMethods, 50, TimeUnit.MILLISECONDS); // a burst of changes, one report
        }
    }

    @Override
    public void probing(Bundle bundle, boolean started) {
        // Sent before the plugin's code runs: if the process dies in it, the supervisor knows whose code it was.
        send(Wire.PROBING, 0, o -> o.str(bundle == null ? null : bundle.getLocation()).bool(started));
    }

    private synchronized void sendMethods() {
        methodsPending.set(false);
        List<MethodRegistry.MethodInfo> methods = registry.allReady();
        List<MethodRegistry.Problem> problems = registry.serviceProblems();
        int probing = registry.probing();
        send(Wire.METHODS, 0, o -> {
            o.i32(methods.size());
            for (MethodRegistry.MethodInfo m : methods) {
                o.i64(m.serviceId()).str(m.symbolicName).str(m.version).str(m.location).bool(m.deployed());
                Codec.descriptor(o, m.descriptor);
            }
            o.i32(problems.size());
            for (MethodRegistry.Problem p : problems) {
                o.str(p.bundle()).str(p.methodId()).str(p.message());
            }
            o.i32(probing);
        });
    }

    private void send(byte type, long id, Wire.Body body) {
        try {
            conn.send(type, id, body);
        } catch (IOException launcherGone) {
            // the reader sees the channel close and ends the worker
        }
    }

    // ---- deployment ----

    private void deploy(long id, Path path, String location) {
        Bundle b = null;
        String problem = null;
        try {
            b = context.getBundle(location);
            if (b != null && (b.getState() & (Bundle.ACTIVE | Bundle.STARTING)) != 0) {
                b.stop(Bundle.STOP_TRANSIENT); // one withdrawal, one arrival: not a restart and then a refresh
            }
            try (InputStream in = Files.newInputStream(path)) {
                if (b == null) {
                    b = context.installBundle(location, in);
                } else {
                    b.update(in);
                }
            }
            refreshIfPending(b);
            b.start();
            List<String> failures = registry.componentFailures(b);
            if (!failures.isEmpty()) {
                problem = String.join("; ", failures);
            }
        } catch (BundleException e) {
            problem = explain(e);
        } catch (Throwable e) { // a corrupt jar, an activator's Error: reported, the worker goes on
            problem = e.toString();
        }
        Bundle done = b;
        String why = problem;
        sendMethods(); // the supervisor waits for a report with nothing left to probe after this deployment
        send(Wire.DEPLOYED, id, o -> o.str(done == null ? null : done.getSymbolicName())
                .str(done == null ? null : done.getVersion().toString()).str(why));
    }

    private void undeploy(long id, String location) {
        String problem = null;
        Bundle b = context.getBundle(location);
        try {
            if (b != null) {
                b.uninstall();
                refreshIfPending(b);
            }
        } catch (Throwable e) {
            problem = e.toString();
        }
        String why = problem;
        sendMethods();
        send(Wire.DEPLOYED, id, o -> o.str(b == null ? null : b.getSymbolicName())
                .str(b == null ? null : b.getVersion().toString()).str(why));
    }

    private void refreshIfPending(Bundle b) throws InterruptedException {
        FrameworkWiring fw = context.getBundle(0).adapt(FrameworkWiring.class);
        if (fw.getRemovalPendingBundles().contains(b)) {
            CountDownLatch done = new CountDownLatch(1);
            fw.refreshBundles(List.of(b), e -> done.countDown());
            done.await(30, TimeUnit.SECONDS);
        }
    }

    private static final Pattern MISSING = Pattern.compile("osgi\\.wiring\\.package=([^)\\s]+)\\)");

    /** Felix's resolver message, cut to the missing requirement, and what this framework offers instead. */
    private String explain(BundleException e) {
        String m = e.getMessage() == null ? e.toString() : e.getMessage();
        int cut = m.indexOf(" Unresolved requirements:");
        if (cut > 0) {
            m = m.substring(0, cut);
        }
        Matcher pkg = MISSING.matcher(m);
        if (pkg.find()) {
            List<String> offered = new ArrayList<>();
            for (Bundle b : context.getBundles()) {
                BundleWiring w = b.adapt(BundleWiring.class);
                if (w == null) {
                    continue;
                }
                for (BundleCapability c : w.getCapabilities(PackageNamespace.PACKAGE_NAMESPACE)) {
                    if (pkg.group(1).equals(c.getAttributes().get(PackageNamespace.PACKAGE_NAMESPACE))) {
                        offered.add(String.valueOf(c.getAttributes().get(PackageNamespace.CAPABILITY_VERSION_ATTRIBUTE)));
                    }
                }
            }
            m += offered.isEmpty() ? " (no bundle of this launcher exports " + pkg.group(1) + ")"
                    : " (this launcher provides " + pkg.group(1) + " " + String.join(", ", offered) + ")";
        }
        return m;
    }

    // ---- reconstruction ----

    private void start(Wire.In m) {
        long id = m.id;
        long serviceId = m.i64();
        Map<String, String> params = m.map();
        String region = m.str();
        int length = m.i32();
        AcquisitionVolume volume;
        try {
            volume = Codec.volume(region == null ? m : new Wire.In(mapped(region, length), true));
        } catch (IOException | RuntimeException e) {
            error(id, e, Set.of());
            return;
        }
        JobContext job = new JobContext(new Progress(id));
        jobs.put(id, job);
        Thread t = new Thread(() -> run(id, job, serviceId, params, volume), "recon-worker-job-" + id);
        t.start();
    }

    /** The launcher's regions, each mapped once (the few most recent are kept). */
    private final Map<String, java.nio.MappedByteBuffer> regions = new java.util.LinkedHashMap<>(8, 0.75f, true) {
        private static final long serialVersionUID = 1L;

        @Override
        protected boolean removeEldestEntry(Map.Entry<String, java.nio.MappedByteBuffer> eldest) {
            return size() > 4;
        }
    };

    private java.nio.ByteBuffer mapped(String file, int length) throws IOException {
        java.nio.MappedByteBuffer b = regions.get(file);
        if (b == null) {
            try (java.nio.channels.FileChannel ch = java.nio.channels.FileChannel.open(Path.of(file),
                    java.nio.file.StandardOpenOption.READ)) {
                b = ch.map(java.nio.channels.FileChannel.MapMode.READ_ONLY, 0, ch.size());
            }
            regions.put(file, b);
        }
        return b.duplicate().position(0).limit(length);
    }

    private void run(long id, JobContext job, long serviceId, Map<String, String> params,
            AcquisitionVolume volume) {
        Set<Thread> before = Thread.getAllStackTraces().keySet();
        MethodRegistry.Lease lease = registry.acquireByServiceId(serviceId);
        try {
            if (lease == null) {
                send(Wire.ERROR, id, o -> {
                    o.str("gone").str("the method's service is gone from the worker process (its bundle was updated "
                            + "or removed meanwhile)").str("");
                    health(o, before);
                });
                return;
            }
            ReconParameters p = lease.info.descriptor.parameters(params);
            long t0 = System.nanoTime();
            List<ReconstructedImage> images = lease.reconstructor.reconstructVolume(volume, p, job);
            long computed = System.nanoTime() - t0;
            send(Wire.RESULT, id, o -> {
                o.i64(computed);
                Codec.images(o, images);
                health(o, before);
            });
        } catch (Throwable t) { // whatever the method threw is the job's answer, Errors included
            error(id, t, before);
        } finally {
            if (lease != null) {
                lease.close();
            }
            jobs.remove(id);
        }
    }

    private void error(long id, Throwable t, Set<Thread> before) {
        StringBuilder trace = new StringBuilder();
        StackTraceElement[] st = t.getStackTrace();
        for (int i = 0; i < Math.min(st.length, 40); i++) {
            trace.append("\tat ").append(st[i]).append('\n');
        }
        send(Wire.ERROR, id, o -> {
            o.str(t.getClass().getName()).str(t.getMessage()).str(trace.toString());
            health(o, before);
        });
    }

    /** What the job left behind: heap in use (after a collection when high), threads it started that still run. */
    private static void health(Wire.Out o, Set<Thread> before) {
        Set<Thread> now = Thread.getAllStackTraces().keySet();
        List<String> started = new ArrayList<>();
        List<String> nonDaemon = new ArrayList<>();
        for (Thread t : now) {
            if (!before.contains(t) && t != Thread.currentThread() && t.isAlive()
                    && !t.getName().startsWith("ForkJoinPool")) {
                started.add(t.getName());
                if (!t.isDaemon()) {
                    nonDaemon.add(t.getName());
                }
            }
        }
        MemoryUsage heap = ManagementFactory.getMemoryMXBean().getHeapMemoryUsage();
        long used = heap.getUsed();
        if (heap.getMax() > 0 && used > 0.6 * heap.getMax()) {
            System.gc(); // only what is really retained counts
            used = ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed();
        }
        o.i64(used).i64(heap.getMax()).i32(now.size()).strings(started).strings(nonDaemon);
    }

    /** A reconstruction's progress, sent to the supervisor (at most ten times a second). */
    private final class Progress implements ReconContext {
        private final long id;
        private long last;

        Progress(long id) {
            this.id = id;
        }

        @Override
        public void progress(double fraction, String message) {
            long now = System.nanoTime();
            synchronized (this) {
                if (fraction < 1 && now - last < 100_000_000L) {
                    return;
                }
                last = now;
            }
            send(Wire.PROGRESS, id, o -> o.f64(fraction).str(message));
        }

        @Override
        public boolean isCancelled() {
            return false; // the job's JobContext answers this
        }
    }

    private static Thread daemon(Runnable r, String name) {
        Thread t = new Thread(r, name);
        t.setDaemon(true);
        return t;
    }
}
