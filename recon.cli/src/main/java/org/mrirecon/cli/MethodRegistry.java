package org.mrirecon.cli;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import org.mrirecon.api.MethodDescriptor;
import org.mrirecon.api.Reconstructor;
import org.mrirecon.evaluation.MethodIdentity;
import org.osgi.framework.Bundle;
import org.osgi.framework.BundleContext;
import org.osgi.framework.Constants;
import org.osgi.framework.ServiceReference;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.ConfigurationPolicy;
import org.osgi.service.component.annotations.Deactivate;
import org.osgi.service.component.annotations.Modified;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.component.annotations.ReferenceCardinality;
import org.osgi.service.component.annotations.ReferencePolicy;
import org.osgi.service.component.annotations.ReferencePolicyOption;
import org.osgi.service.component.runtime.ServiceComponentRuntime;
import org.osgi.service.component.runtime.dto.ComponentConfigurationDTO;
import org.osgi.service.component.runtime.dto.ComponentDescriptionDTO;

/**
 * The reconstruction methods currently registered as {@link Reconstructor} services. Methods come and go at runtime
 * (bundles installed, updated, removed; worker processes restarted); the registry follows the service registry and
 * never knows a method's class.
 *
 * <p>It never waits on a plugin. A service that arrives is probed on a thread of the registry's own: the service
 * object is acquired, the descriptor read and checked, both kept until the service goes away. A component that
 * fails to activate, whose {@code descriptor()} throws, whose service property disagrees with its descriptor, or
 * that has not activated within the activation timeout is reported (bundle and cause) and skipped; listing,
 * looking up and leasing methods only read what the probes stored.
 *
 * <p>Identity is not up to the plugin: one id names one method. When several services claim an id, a method built
 * into the launcher wins over one deployed at runtime unless the user named the id with {@code --override}; among
 * the rest the first to arrive wins. {@code service.ranking} plays no part. Every loser is reported.
 */
@Component(service = MethodRegistry.class, configurationPid = MethodRegistry.PID,
        configurationPolicy = ConfigurationPolicy.OPTIONAL)
public class MethodRegistry {

    /** The configuration of job limits (see {@link JobLimits}). */
    public static final String PID = "org.mrirecon.jobs";

    // Set on the proxies of methods that run in a worker process; believed only from this bundle's own services.
    public static final String ORIGIN_BUNDLE = "recon.origin.bundle";
    public static final String ORIGIN_VERSION = "recon.origin.version";
    public static final String ORIGIN_LOCATION = "recon.origin.location";
    public static final String ORIGIN_DEPLOYED = "recon.origin.deployed";

    private final BundleContext context;
    private volatile JobLimits limits;
    private final Map<ServiceReference<Reconstructor>, Entry> entries = new ConcurrentHashMap<>();
    private final Map<String, Problem> reported = new ConcurrentHashMap<>();
    private final Set<String> seenIds = ConcurrentHashMap.newKeySet();
    private final Set<String> overrides = ConcurrentHashMap.newKeySet();
    private final Set<Path> deployFolders = ConcurrentHashMap.newKeySet();
    private final AtomicInteger isolateAll = new AtomicInteger();
    private final AtomicInteger deploying = new AtomicInteger();
    private final List<Listener> listeners = new CopyOnWriteArrayList<>();
    private final Object monitor = new Object();
    private final ExecutorService probes = Executors.newCachedThreadPool(daemon("recon-probe"));
    private final ScheduledExecutorService timer = Executors.newSingleThreadScheduledExecutor(daemon("recon-registry"));
    private final Jobs jobs = new Jobs();

    @Reference(cardinality = ReferenceCardinality.OPTIONAL, policy = ReferencePolicy.DYNAMIC)
    volatile ServiceComponentRuntime scr;

    @Activate
    public MethodRegistry(BundleContext context, Map<String, Object> config) {
        this.context = context;
        this.limits = JobLimits.from(config, context == null ? null : context::getProperty);
    }

    @Modified
    void modified(Map<String, Object> config) {
        limits = JobLimits.from(config, context::getProperty);
    }

    @Deactivate
    void deactivate() {
        probes.shutdownNow();
        timer.shutdownNow();
        for (Entry e : entries.values()) {
            e.removed = true;
            e.releaseIfUnused(context);
        }
        entries.clear();
    }

    /** The limits from the configuration, before any command option. */
    public JobLimits limits() {
        return limits;
    }

    /** The jobs running in this framework. */
    public Jobs jobs() {
        return jobs;
    }

    @Reference(cardinality = ReferenceCardinality.MULTIPLE, policy = ReferencePolicy.DYNAMIC,
            policyOption = ReferencePolicyOption.GREEDY)
    void addReconstructor(ServiceReference<Reconstructor> ref) {
        // Called on the thread that registered the service (File Install's, a bundle's start): only bookkeeping here.
        Entry e = new Entry(ref, context.getBundle());
        entries.put(ref, e);
        if (e.propertyId != null) {
            seenIds.add(e.propertyId);
        }
        probes.execute(() -> probe(e));
        long timeout = limits.activationTimeout().toMillis();
        timer.schedule(() -> {
            if (e.state == State.PROBING && !e.removed) {
                e.problem = "its component did not finish activating within " + JobLimits.seconds(
                        limits.activationTimeout()) + " (it blocks in its activation?); skipped until it does";
                changed();
            }
        }, timeout, TimeUnit.MILLISECONDS);
        changed();
    }

    void removeReconstructor(ServiceReference<Reconstructor> ref) {
        Entry e = entries.remove(ref);
        if (e != null) {
            e.removed = true;
            e.releaseIfUnused(context);
            changed();
        }
    }

    private void probe(Entry e) {
        listeners.forEach(l -> l.probing(e.ref.getBundle(), true));
        Reconstructor r = null;
        try {
            r = context.getService(e.ref);
            if (r == null) {
                e.fail("its component failed to activate: " + activationFailure(e.ref));
                return;
            }
            MethodDescriptor d;
            try {
                d = r.descriptor();
            } catch (Throwable t) { // a plugin's bug, reported; an Error in a probe must not end the registry
                e.fail("its descriptor() threw " + t);
                return;
            }
            if (d == null) {
                e.fail("its descriptor() returned null");
            } else if (e.propertyId == null) {
                e.fail("it registers no service property " + Reconstructor.METHOD_PROPERTY + " (it must equal its "
                        + "descriptor's id '" + d.id() + "')");
            } else if (!e.propertyId.equals(d.id())) {
                e.fail("its service property " + Reconstructor.METHOD_PROPERTY + "=" + e.propertyId
                        + " disagrees with its descriptor's id '" + d.id() + "': they must be the same");
            } else {
                e.service = r;
                e.descriptor = d;
                e.problem = null;
                e.state = State.READY;
                seenIds.add(d.id());
            }
        } catch (Throwable t) {
            e.fail("acquiring its service failed: " + t);
        } finally {
            if (e.state != State.READY && r != null) {
                ungetQuietly(e.ref);
            } else if (e.removed) {
                e.releaseIfUnused(context);
            }
            listeners.forEach(l -> l.probing(e.ref.getBundle(), false));
            changed();
        }
    }

    /** DS 1.5 keeps why a component failed to activate; the first line of that names the cause. */
    private String activationFailure(ServiceReference<?> ref) {
        ServiceComponentRuntime runtime = scr;
        Bundle b = ref.getBundle();
        Object name = ref.getProperty("component.name");
        if (runtime != null && b != null) {
            try {
                for (ComponentDescriptionDTO d : runtime.getComponentDescriptionDTOs(b)) {
                    if (name != null && !name.equals(d.name)) {
                        continue;
                    }
                    for (ComponentConfigurationDTO c : runtime.getComponentConfigurationDTOs(d)) {
                        if (c.failure != null) {
                            return rootCause(c.failure);
                        }
                    }
                }
            } catch (RuntimeException bundleGone) {
                // fall through
            }
        }
        return "the framework's log says why";
    }

    /** Why components of the bundle failed to activate (DS 1.5's record), one line each. */
    public List<String> componentFailures(Bundle b) {
        List<String> out = new ArrayList<>();
        ServiceComponentRuntime runtime = scr;
        if (runtime == null || b == null) {
            return out;
        }
        try {
            for (ComponentDescriptionDTO d : runtime.getComponentDescriptionDTOs(b)) {
                for (ComponentConfigurationDTO c : runtime.getComponentConfigurationDTOs(d)) {
                    if (c.failure != null) {
                        out.add("component " + d.name + " failed to activate: " + rootCause(c.failure));
                    }
                }
            }
        } catch (RuntimeException bundleGone) {
            // nothing to say about a bundle that is gone
        }
        return out;
    }

    /** The innermost cause of a stack trace as text: a constructor's exception arrives wrapped. */
    static String rootCause(String trace) {
        String cause = trace.lines().findFirst().orElse(trace);
        for (String line : trace.lines().toList()) {
            if (line.startsWith("Caused by: ")) {
                cause = line.substring("Caused by: ".length());
            }
        }
        return cause;
    }

    private void ungetQuietly(ServiceReference<?> ref) {
        try {
            context.ungetService(ref);
        } catch (IllegalStateException bundleGone) {
            // the providing bundle is gone; nothing to release
        }
    }

    private void changed() {
        synchronized (monitor) {
            monitor.notifyAll();
        }
        listeners.forEach(Listener::changed);
    }

    // ---- what callers see ----

    /** A registered method: its descriptor and the bundle that really provides it. */
    public static final class MethodInfo {
        public final MethodDescriptor descriptor;
        /** Symbolic name and version of the providing bundle. */
        public final String bundle;
        /** The providing bundle's version: the method's version. */
        public final String version;
        /** The providing bundle's symbolic name. */
        public final String symbolicName;
        /** Where the providing bundle was installed from. */
        public final String location;
        /** Where it runs and where it came from, e.g. "deployed, worker process". */
        public final String origin;
        final Entry entry;

        MethodInfo(Entry e) {
            this.descriptor = e.descriptor;
            this.bundle = e.symbolicName + " " + e.version;
            this.version = e.version;
            this.symbolicName = e.symbolicName;
            this.location = e.location;
            this.origin = (e.deployed ? "deployed" : "built in") + (e.worker ? ", worker process" : "");
            this.entry = e;
        }

        /** Whether it was deployed at runtime rather than built into the launcher. */
        public boolean deployed() {
            return entry.deployed;
        }

        /** The service's id in its framework. */
        public long serviceId() {
            return entry.serviceId;
        }

        /** Who this method really is, for result rows. */
        public MethodIdentity identity() {
            return new MethodIdentity(descriptor.id(), descriptor.displayName(), bundle, version);
        }

        /** Whether it runs in a worker process. */
        public boolean isolated() {
            return entry.worker;
        }
    }

    /** Something the registry skipped, and why. */
    public record Problem(String bundle, String methodId, String message) {
        @Override
        public String toString() {
            return (methodId != null ? "method '" + methodId + "' of " : "") + "bundle " + bundle + ": " + message;
        }
    }

    /** The current methods, sorted by id: for an id claimed more than once, the one the identity rules keep. */
    public List<MethodInfo> methods() {
        return new ArrayList<>(view().winners.values());
    }

    /**
     * What is not available and why: components that failed or blocked, bad descriptors, ids claimed twice,
     * bundles a worker could not deploy.
     */
    public List<Problem> problems() {
        List<Problem> out = new ArrayList<>();
        for (Entry e : sorted(entries.values())) {
            if (e.problem != null && !e.removed) {
                out.add(new Problem(e.bundle, e.propertyId, e.problem));
            }
        }
        out.addAll(view().duplicates);
        new TreeMap<>(reported).values().forEach(out::add);
        return out;
    }

    /** Why the method of that id is not available, or null if nothing is known against it. */
    public String whyUnavailable(String id) {
        for (Problem p : problems()) {
            if (id.equals(p.methodId())) {
                return p.toString();
            }
        }
        return null;
    }

    /** The method with that id, or null. */
    public MethodInfo find(String id) {
        return view().winners.get(id);
    }

    /**
     * The method with that id; if it is absent but expected back (it was registered before and nothing is known
     * against it, or a deployment is under way), waits up to {@code grace} for it: a bundle being updated or a
     * worker being restarted is briefly without its methods.
     *
     * @return the method, or null
     */
    public MethodInfo await(String id, java.time.Duration grace) throws InterruptedException {
        long end = System.nanoTime() + grace.toNanos();
        synchronized (monitor) {
            while (true) {
                MethodInfo m = find(id);
                if (m != null) {
                    return m;
                }
                long left = end - System.nanoTime();
                if (left <= 0 || !expected(id)) {
                    return null;
                }
                monitor.wait(Math.max(1, Math.min(TimeUnit.NANOSECONDS.toMillis(left), 200)));
            }
        }
    }

    /**
     * Waits (at most the activation timeout) until no service is being probed and no deployment is under way, so
     * that a listing right after startup or a deployment is complete.
     */
    public void settle() throws InterruptedException {
        long end = System.nanoTime() + limits.activationTimeout().toNanos();
        synchronized (monitor) {
            while (probing() > 0 || deploying.get() > 0) {
                long left = end - System.nanoTime();
                if (left <= 0) {
                    return;
                }
                monitor.wait(Math.max(1, Math.min(TimeUnit.NANOSECONDS.toMillis(left), 200)));
            }
        }
    }

    private boolean expected(String id) {
        if (deploying.get() > 0) {
            return true;
        }
        boolean failed = false;
        for (Entry e : entries.values()) {
            if (id.equals(e.propertyId) && !e.removed) {
                if (e.state == State.PROBING && e.problem == null) {
                    return true;
                }
                failed = true;
            }
        }
        return seenIds.contains(id) && !failed;
    }

    /**
     * Leases the method for one job: the service object the registry holds, which stays usable for the job even if
     * the bundle is updated meanwhile. Never calls into the method.
     *
     * @throws IllegalArgumentException if no such method is available (the message says why, or lists the ones
     *                                  that are)
     */
    public Lease acquire(String id) {
        MethodInfo info = find(id);
        if (info == null || !info.entry.lease()) {
            throw new IllegalArgumentException(notAvailable(id));
        }
        return new Lease(info);
    }

    /** The message for a method that is not there. */
    String notAvailable(String id) {
        String why = whyUnavailable(id);
        if (why != null) {
            return "reconstruction method '" + id + "' is not available: " + why;
        }
        List<String> ids = new ArrayList<>();
        methods().forEach(m -> ids.add(m.descriptor.id()));
        return "no reconstruction method '" + id + "' is registered; available: "
                + (ids.isEmpty() ? "none" : String.join(", ", ids));
    }

    /** A method's service object held for one job. */
    public final class Lease implements AutoCloseable {
        public final MethodInfo info;
        public final Reconstructor reconstructor;

        Lease(MethodInfo info) {
            this.info = info;
            this.reconstructor = info.entry.service;
        }

        /** Whether the method was withdrawn (updated, uninstalled, its worker restarted) since the lease began. */
        public boolean stale() {
            return info.entry.removed;
        }

        @Override
        public void close() {
            info.entry.release(context);
        }
    }

    // ---- set by commands and supervisors ----

    /** Lets a deployed method replace the built-in method of that id (the user said so) until closed. */
    public AutoCloseable allowOverride(String id) {
        boolean added = overrides.add(id);
        changed();
        return () -> {
            if (added) {
                overrides.remove(id);
                changed();
            }
        };
    }

    /** Bundles installed in process from this folder count as deployed, not built in. */
    public void addDeployFolder(Path dir) {
        deployFolders.add(dir.toAbsolutePath().normalize());
    }

    /** While held (counted), methods run only in worker processes: the in-process ones are hidden. */
    public AutoCloseable isolateAll() {
        isolateAll.incrementAndGet();
        changed();
        return () -> {
            isolateAll.decrementAndGet();
            changed();
        };
    }

    /** While a deployment is under way, jobs wait (up to the absent grace) for methods they do not see yet. */
    public void deploying(boolean started) {
        if (started) {
            deploying.incrementAndGet();
        } else {
            deploying.decrementAndGet();
        }
        changed();
    }

    /** Records (or, with null, clears) a problem found outside the service registry, e.g. by a worker. */
    public void report(String key, Problem problem) {
        if (problem == null) {
            reported.remove(key);
        } else {
            reported.put(key, problem);
        }
        changed();
    }

    /** Clears every reported problem whose key starts with the prefix. */
    public void clearReports(String prefix) {
        reported.keySet().removeIf(k -> k.startsWith(prefix));
        changed();
    }

    /** Every method whose probe succeeded, whether or not the identity rules keep it (for a worker's report). */
    public List<MethodInfo> allReady() {
        List<MethodInfo> out = new ArrayList<>();
        for (Entry e : sorted(entries.values())) {
            if (e.state == State.READY && !e.removed) {
                out.add(new MethodInfo(e));
            }
        }
        return out;
    }

    /** How many services are still being probed (and not yet reported as blocked). */
    public int probing() {
        int n = 0;
        for (Entry e : entries.values()) {
            if (e.state == State.PROBING && e.problem == null && !e.removed) {
                n++;
            }
        }
        return n;
    }

    /** Problems of the services themselves, without the identity rules' duplicates (for a worker's report). */
    public List<Problem> serviceProblems() {
        List<Problem> out = new ArrayList<>();
        for (Entry e : sorted(entries.values())) {
            if (e.problem != null && !e.removed) {
                out.add(new Problem(e.bundle, e.propertyId, e.problem));
            }
        }
        return out;
    }

    /** The leased service of a method by its service id (for a worker's agent), or null. */
    public Lease acquireByServiceId(long serviceId) {
        for (Entry e : entries.values()) {
            if (e.serviceId == serviceId && e.state == State.READY && !e.removed && e.lease()) {
                return new Lease(new MethodInfo(e));
            }
        }
        return null;
    }

    /** Told when the methods change and when a bundle's service is probed (a worker reports both). */
    public interface Listener {
        void changed();

        default void probing(Bundle bundle, boolean started) {
        }
    }

    public void addListener(Listener l) {
        listeners.add(l);
    }

    public void removeListener(Listener l) {
        listeners.remove(l);
    }

    // ---- the identity rules ----

    private record View(Map<String, MethodInfo> winners, List<Problem> duplicates) {
    }

    private View view() {
        Map<String, List<Entry>> byId = new TreeMap<>();
        boolean onlyWorkers = isolateAll.get() > 0;
        for (Entry e : entries.values()) {
            if (e.state == State.READY && !e.removed && (!onlyWorkers || e.worker)) {
                byId.computeIfAbsent(e.descriptor.id(), k -> new ArrayList<>()).add(e);
            }
        }
        Map<String, MethodInfo> winners = new LinkedHashMap<>();
        List<Problem> duplicates = new ArrayList<>();
        for (Map.Entry<String, List<Entry>> m : byId.entrySet()) {
            String id = m.getKey();
            boolean deployedFirst = overrides.contains(id);
            List<Entry> claims = m.getValue();
            claims.sort(Comparator.comparing((Entry e) -> e.deployed != deployedFirst).thenComparing(e -> e.arrival));
            Entry winner = claims.get(0);
            winners.put(id, new MethodInfo(winner));
            for (Entry loser : claims.subList(1, claims.size())) {
                String hint = loser.deployed && !winner.deployed
                        ? " (a deployed method never replaces a built-in one unless you say so: --override " + id + ")"
                        : "";
                duplicates.add(new Problem(loser.bundle, id, "duplicate method id: ignored, the method '" + id
                        + "' stays the one of bundle " + winner.bundle + hint));
            }
        }
        return new View(winners, duplicates);
    }

    private static List<Entry> sorted(Collection<Entry> entries) {
        List<Entry> out = new ArrayList<>(entries);
        out.sort(Comparator.comparing(e -> e.arrival));
        return out;
    }

    private enum State {
        PROBING, READY, FAILED
    }

    private static final AtomicInteger ARRIVALS = new AtomicInteger();

    /** One service as the registry knows it. */
    final class Entry {
        final ServiceReference<Reconstructor> ref;
        final long serviceId;
        final String propertyId;
        final String bundle;
        final String symbolicName;
        final String version;
        final String location;
        final boolean deployed;
        final boolean worker;
        final int arrival = ARRIVALS.incrementAndGet();
        volatile State state = State.PROBING;
        volatile MethodDescriptor descriptor;
        volatile Reconstructor service;
        volatile String problem;
        volatile boolean removed;
        private int leases;
        private boolean released;

        Entry(ServiceReference<Reconstructor> ref, Bundle self) {
            this.ref = ref;
            this.serviceId = (Long) ref.getProperty(Constants.SERVICE_ID);
            Object id = ref.getProperty(Reconstructor.METHOD_PROPERTY);
            this.propertyId = id instanceof String s ? s : null;
            Bundle b = ref.getBundle();
            boolean proxy = b != null && self != null && b.getBundleId() == self.getBundleId()
                    && ref.getProperty(ORIGIN_BUNDLE) != null;
            if (proxy) {
                this.symbolicName = String.valueOf(ref.getProperty(ORIGIN_BUNDLE));
                this.version = String.valueOf(ref.getProperty(ORIGIN_VERSION));
                this.location = String.valueOf(ref.getProperty(ORIGIN_LOCATION));
                this.deployed = Boolean.TRUE.equals(ref.getProperty(ORIGIN_DEPLOYED));
            } else {
                this.symbolicName = b == null ? "?" : b.getSymbolicName();
                this.version = b == null ? "?" : b.getVersion().toString();
                this.location = b == null ? "?" : b.getLocation();
                this.deployed = inDeployFolder(location);
            }
            this.worker = proxy;
            this.bundle = symbolicName + " " + version;
        }

        void fail(String why) {
            problem = why;
            state = State.FAILED;
        }

        synchronized boolean lease() {
            if (removed || service == null) {
                return false;
            }
            leases++;
            return true;
        }

        synchronized void release(BundleContext context) {
            leases--;
            releaseIfUnused(context);
        }

        /** The service object is given back once the service is gone and no job uses it any more. */
        synchronized void releaseIfUnused(BundleContext context) {
            if (removed && leases <= 0 && service != null && !released) {
                released = true;
                ungetQuietly(ref);
            }
        }
    }

    private boolean inDeployFolder(String location) {
        if (location == null || !location.startsWith("file:")) {
            return false;
        }
        try {
            Path p = Path.of(java.net.URI.create(location)).toAbsolutePath().normalize();
            return deployFolders.stream().anyMatch(p::startsWith);
        } catch (RuntimeException notAFileUri) {
            return false;
        }
    }

    private static ThreadFactory daemon(String name) {
        AtomicInteger n = new AtomicInteger();
        return r -> {
            Thread t = new Thread(r, name + "-" + n.incrementAndGet());
            t.setDaemon(true);
            return t;
        };
    }
}
