package org.mrirecon.cli;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;

import org.mrirecon.api.MethodDescriptor;
import org.mrirecon.api.Reconstructor;
import org.mrirecon.evaluation.MethodIdentity;
import org.osgi.framework.Bundle;
import org.osgi.framework.BundleContext;
import org.osgi.framework.ServiceReference;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.component.annotations.ReferenceCardinality;
import org.osgi.service.component.annotations.ReferencePolicy;
import org.osgi.service.component.annotations.ReferencePolicyOption;

/**
 * The reconstruction methods currently registered as {@link Reconstructor} services. Methods come and go at runtime
 * (bundles installed, updated, removed); the registry follows the service registry dynamically and never knows a
 * method's class. Each method's descriptor is read once, when its service arrives, and cached with the service
 * reference, so listing and looking up methods never calls into a method. A job {@link #acquire(String) acquires} a
 * method and keeps that service object until it closes the lease, so a job in flight finishes on the service it
 * started with even if the bundle is updated meanwhile.
 */
@Component(service = MethodRegistry.class)
public class MethodRegistry {

    private final Map<ServiceReference<Reconstructor>, MethodInfo> methods = new ConcurrentHashMap<>();
    private final BundleContext context;

    @Activate
    public MethodRegistry(BundleContext context) {
        this.context = context;
    }

    @Reference(cardinality = ReferenceCardinality.MULTIPLE, policy = ReferencePolicy.DYNAMIC,
            policyOption = ReferencePolicyOption.GREEDY)
    void addReconstructor(ServiceReference<Reconstructor> ref) {
        Reconstructor r = context.getService(ref);
        if (r == null) {
            return; // went away meanwhile, or its component failed to activate
        }
        try {
            methods.put(ref, new MethodInfo(r.descriptor(), ref.getBundle(), ref));
        } catch (RuntimeException e) {
            System.err.println("warning: ignoring the method service of bundle " + bundleName(ref.getBundle())
                    + ": its descriptor() failed (" + e + ")");
        } finally {
            context.ungetService(ref);
        }
    }

    void removeReconstructor(ServiceReference<Reconstructor> ref) {
        methods.remove(ref);
    }

    private static String bundleName(Bundle b) {
        return b == null ? "?" : b.getSymbolicName() + " " + b.getVersion();
    }

    /** A registered method: its descriptor and the bundle that provides it. */
    public static final class MethodInfo {
        public final MethodDescriptor descriptor;
        /** Symbolic name and version of the providing bundle. */
        public final String bundle;
        /** The providing bundle's version: the method's version. */
        public final String version;
        final ServiceReference<Reconstructor> reference;

        MethodInfo(MethodDescriptor descriptor, Bundle b, ServiceReference<Reconstructor> reference) {
            this.descriptor = descriptor;
            this.bundle = bundleName(b);
            this.version = b == null ? "?" : b.getVersion().toString();
            this.reference = reference;
        }

        /** Who this method really is, for result rows. */
        public MethodIdentity identity() {
            return new MethodIdentity(descriptor.id(), descriptor.displayName(), bundle, version);
        }
    }

    /** The current methods, sorted by id; for a method id registered twice, the highest-ranked service. */
    public List<MethodInfo> methods() {
        Map<String, MethodInfo> byId = new TreeMap<>();
        List<ServiceReference<Reconstructor>> refs = new ArrayList<>(methods.keySet());
        refs.sort(Comparator.reverseOrder()); // ServiceReference order: ranking, then age
        for (ServiceReference<Reconstructor> ref : refs) {
            MethodInfo info = methods.get(ref);
            if (info != null) {
                byId.putIfAbsent(info.descriptor.id(), info);
            }
        }
        return new ArrayList<>(byId.values());
    }

    /** The method with that id, or null. */
    public MethodInfo find(String id) {
        for (MethodInfo m : methods()) {
            if (m.descriptor.id().equals(id)) {
                return m;
            }
        }
        return null;
    }

    /**
     * Gets the method's service object for the length of a job.
     *
     * @throws IllegalArgumentException if no such method is registered (the message lists the ones that are)
     */
    public Lease acquire(String id) {
        MethodInfo info = find(id);
        Reconstructor r = info == null ? null : context.getService(info.reference);
        if (r == null) {
            List<String> ids = new ArrayList<>();
            methods().forEach(m -> ids.add(m.descriptor.id()));
            throw new IllegalArgumentException("no reconstruction method '" + id + "' is registered; available: "
                    + (ids.isEmpty() ? "none" : String.join(", ", ids)));
        }
        return new Lease(info, r);
    }

    /** A method's service object held for one job; closing releases it. */
    public final class Lease implements AutoCloseable {
        public final MethodInfo info;
        public final Reconstructor reconstructor;

        Lease(MethodInfo info, Reconstructor reconstructor) {
            this.info = info;
            this.reconstructor = reconstructor;
        }

        @Override
        public void close() {
            try {
                context.ungetService(info.reference);
            } catch (IllegalStateException bundleGone) {
                // the providing bundle was stopped meanwhile; nothing to release
            }
        }
    }
}
