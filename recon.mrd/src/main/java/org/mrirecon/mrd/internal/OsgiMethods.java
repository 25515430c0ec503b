package org.mrirecon.mrd.internal;

import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;

import org.mrirecon.api.Reconstructor;
import org.osgi.framework.Bundle;
import org.osgi.framework.BundleContext;
import org.osgi.framework.InvalidSyntaxException;
import org.osgi.framework.ServiceEvent;
import org.osgi.framework.ServiceListener;
import org.osgi.framework.ServiceReference;

/**
 * Methods from the OSGi service registry, found by the {@value Reconstructor#METHOD_PROPERTY} property (else by
 * their descriptor's id), the highest-ranked service first, as the command line finds them.
 *
 * <p>While a method bundle is updated its service is briefly absent, or registered but not yet gettable while its
 * component (de)activates. A connection that asks for a method whose service went away in the last
 * {@code graceMillis}, or that is registered but cannot be got yet, waits up to that long for it, so that a stream
 * that starts during an update gets the new version instead of an error; an id never deployed fails at once. The
 * withdrawal time is read after a failed lookup, never before it: a withdrawal between the two cannot slip through.
 * Felix takes a service out of the registry before it tells the listeners (UNREGISTERING), so for a moment a method
 * is neither found nor known to be gone: an id that was ever registered and has no withdrawal time yet waits too.
 */
public final class OsgiMethods implements MethodSource, ServiceListener, AutoCloseable {

    private static final String ID = "[a-z][a-z0-9_.-]*";

    private final BundleContext context;
    private final long graceMillis;
    private final Map<String, Long> lastGone = new ConcurrentHashMap<>();
    /** Every method id registered since this source was made (before it, too). */
    private final Set<String> seen = ConcurrentHashMap.newKeySet();

    public OsgiMethods(BundleContext context, long graceMillis) {
        this.context = context;
        this.graceMillis = graceMillis;
        try {
            context.addServiceListener(this, "(objectClass=" + Reconstructor.class.getName() + ")");
        } catch (InvalidSyntaxException e) {
            throw new IllegalStateException(e);
        }
        for (ServiceReference<Reconstructor> ref : references(null)) { // after the listener: none is missed
            remember(ref);
        }
    }

    @Override
    public void serviceChanged(ServiceEvent event) {
        Object id = event.getServiceReference().getProperty(Reconstructor.METHOD_PROPERTY);
        if (!(id instanceof String s)) {
            return;
        }
        if (event.getType() == ServiceEvent.UNREGISTERING || event.getType() == ServiceEvent.MODIFIED_ENDMATCH) {
            lastGone.put(s, System.nanoTime());
        } else {
            seen.add(s);
        }
    }

    private void remember(ServiceReference<Reconstructor> ref) {
        if (ref.getProperty(Reconstructor.METHOD_PROPERTY) instanceof String s) {
            seen.add(s);
        }
    }

    @Override
    public MethodLease acquire(String id) throws StreamException {
        if (id == null || !id.matches(ID)) {
            throw unknown(id);
        }
        long deadline = 0;
        boolean waiting = false;
        while (true) {
            MethodLease lease = find(id);
            if (lease != null) {
                return lease;
            }
            long now = System.nanoTime();
            if (!waiting) {
                Long gone = lastGone.get(id); // read after the failed lookup (see the class comment)
                if (!references(filter(id)).isEmpty()) {
                    deadline = now + TimeUnit.MILLISECONDS.toNanos(graceMillis); // registered, not gettable yet
                } else if (gone != null) {
                    deadline = gone + TimeUnit.MILLISECONDS.toNanos(graceMillis);
                } else if (seen.contains(id)) {
                    deadline = now + TimeUnit.MILLISECONDS.toNanos(graceMillis); // being withdrawn right now
                } else {
                    throw unknown(id);
                }
                waiting = true;
            }
            if (now >= deadline) {
                throw unknown(id);
            }
            try {
                Thread.sleep(20);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new StreamException("interrupted while waiting for method '" + id + "' to come back");
            }
        }
    }

    private MethodLease find(String id) {
        List<ServiceReference<Reconstructor>> refs = references(filter(id));
        for (ServiceReference<Reconstructor> ref : refs) {
            MethodLease lease = lease(ref, null);
            if (lease != null) {
                return lease;
            }
        }
        // a third-party service without the property: match its descriptor
        for (ServiceReference<Reconstructor> ref : references(null)) {
            if (ref.getProperty(Reconstructor.METHOD_PROPERTY) == null) {
                MethodLease lease = lease(ref, id);
                if (lease != null) {
                    return lease;
                }
            }
        }
        return null;
    }

    private static String filter(String id) {
        return "(" + Reconstructor.METHOD_PROPERTY + "=" + id + ")";
    }

    /** Gets the service; with {@code id}, keeps it only if its descriptor has that id. */
    private MethodLease lease(ServiceReference<Reconstructor> ref, String id) {
        Bundle b = ref.getBundle();
        Reconstructor r = b == null ? null : context.getService(ref);
        if (r == null) {
            return null; // unregistered meanwhile
        }
        boolean keep;
        try {
            keep = id == null || id.equals(r.descriptor().id());
        } catch (RuntimeException e) {
            keep = false;
        }
        if (!keep) {
            unget(ref);
            return null;
        }
        return new MethodLease(r, b.getSymbolicName(), b.getVersion().toString(), () -> unget(ref));
    }

    private void unget(ServiceReference<Reconstructor> ref) {
        try {
            context.ungetService(ref);
        } catch (IllegalStateException bundleGone) {
            // the providing bundle or this one stopped meanwhile; nothing to release
        }
    }

    /** Matching references, highest ranking first. */
    private List<ServiceReference<Reconstructor>> references(String filter) {
        try {
            Collection<ServiceReference<Reconstructor>> refs = context.getServiceReferences(Reconstructor.class,
                    filter);
            List<ServiceReference<Reconstructor>> sorted = new ArrayList<>(refs);
            sorted.sort(java.util.Comparator.reverseOrder());
            return sorted;
        } catch (InvalidSyntaxException | IllegalStateException e) {
            return List.of();
        }
    }

    private StreamException unknown(String id) {
        TreeSet<String> ids = new TreeSet<>();
        for (ServiceReference<Reconstructor> ref : references(null)) {
            Object p = ref.getProperty(Reconstructor.METHOD_PROPERTY);
            if (p instanceof String s) {
                ids.add(s);
            }
        }
        return new StreamException("no reconstruction method '" + id + "' is deployed; available: "
                + (ids.isEmpty() ? "none" : String.join(", ", ids)) + " (name one in the config message)");
    }

    @Override
    public void close() {
        try {
            context.removeServiceListener(this);
        } catch (IllegalStateException stopped) {
            // the bundle is stopping
        }
    }
}
