package org.mrirecon.mrd.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Hashtable;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicReference;

import org.apache.felix.framework.FrameworkFactory;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.mrirecon.api.Reconstructor;
import org.mrirecon.zerofilled.ZeroFilledReconstructor;
import org.osgi.framework.BundleContext;
import org.osgi.framework.Constants;
import org.osgi.framework.ServiceEvent;
import org.osgi.framework.ServiceListener;
import org.osgi.framework.ServiceRegistration;
import org.osgi.framework.launch.Framework;

/** How the MRD server finds methods in a real (Felix) service registry while they come and go. */
class OsgiMethodsTest {

    private static final long GRACE_MS = 3000;

    private Framework framework;
    private BundleContext context;
    private Path storage;

    @BeforeEach
    void start() throws Exception {
        storage = Files.createTempDirectory("osgi-methods");
        framework = new FrameworkFactory().newFramework(Map.of(Constants.FRAMEWORK_STORAGE, storage.toString(),
                Constants.FRAMEWORK_STORAGE_CLEAN, Constants.FRAMEWORK_STORAGE_CLEAN_ONFIRSTINIT));
        framework.start();
        context = framework.getBundleContext();
    }

    @AfterEach
    void stop() throws Exception {
        framework.stop();
        framework.waitForStop(10_000);
        try (var files = Files.walk(storage)) {
            files.sorted(java.util.Comparator.reverseOrder()).forEach(f -> f.toFile().delete());
        }
    }

    private ServiceRegistration<Reconstructor> register(String id) {
        Hashtable<String, Object> props = new Hashtable<>();
        props.put(Reconstructor.METHOD_PROPERTY, id);
        return context.registerService(Reconstructor.class, new ZeroFilledReconstructor(), props);
    }

    /**
     * Felix takes a service out of the registry before it delivers UNREGISTERING: a stream that asks for the method
     * in between must wait for the update to finish, not be told the method is not deployed (MrdHotSwapTest saw that
     * once in about 12,000 connections). A listener added before the source's is called first, inside that window.
     */
    @Test
    void aMethodBeingWithdrawnIsWaitedForNotRefused() throws Exception {
        ServiceRegistration<Reconstructor> first = register("zero-filled");
        AtomicReference<OsgiMethods> source = new AtomicReference<>();
        AtomicReference<CompletableFuture<MethodLease>> asked = new AtomicReference<>();
        AtomicBoolean unfindable = new AtomicBoolean();
        AtomicReference<String> answeredInTheWindow = new AtomicReference<>("nothing yet: still waiting");
        ServiceListener inTheWindow = event -> {
            if (event.getType() != ServiceEvent.UNREGISTERING) {
                return;
            }
            unfindable.set(context.getServiceReference(Reconstructor.class) == null);
            asked.set(CompletableFuture.supplyAsync(() -> {
                try {
                    return source.get().acquire("zero-filled");
                } catch (StreamException e) {
                    throw new IllegalStateException(e.getMessage(), e);
                }
            }));
            try {
                asked.get().get(500, TimeUnit.MILLISECONDS).close();
                answeredInTheWindow.set("a lease, though no service is registered");
            } catch (TimeoutException waiting) {
                // as it should: waiting for the method to come back
            } catch (Exception refused) {
                answeredInTheWindow.set("refused: " + refused.getMessage());
            }
        };
        context.addServiceListener(inTheWindow, "(objectClass=" + Reconstructor.class.getName() + ")");
        try (OsgiMethods methods = new OsgiMethods(context, GRACE_MS)) {
            source.set(methods);
            first.unregister(); // the listener above runs inside the window, before the source's
            assertTrue(unfindable.get(), "inside the window the service is no longer in the registry");
            assertEquals("nothing yet: still waiting", answeredInTheWindow.get());
            register("zero-filled"); // the update's new version
            try (MethodLease lease = asked.get().get(GRACE_MS, TimeUnit.MILLISECONDS)) {
                assertEquals("zero-filled", lease.reconstructor().descriptor().id());
            }
        } finally {
            context.removeServiceListener(inTheWindow);
        }
    }

    @Test
    void anIdNeverDeployedIsRefusedAtOnceNamingTheOthers() throws Exception {
        register("zero-filled");
        try (OsgiMethods methods = new OsgiMethods(context, GRACE_MS)) {
            long t0 = System.nanoTime();
            StreamException e = assertThrows(StreamException.class, () -> methods.acquire("cs"));
            assertTrue(System.nanoTime() - t0 < TimeUnit.MILLISECONDS.toNanos(GRACE_MS / 3), "refused at once");
            assertTrue(e.getMessage().contains("no reconstruction method 'cs' is deployed; available: zero-filled"),
                    e.getMessage());
        }
    }

    @Test
    void aMethodWithdrawnLongerThanTheGraceIsRefused() throws Exception {
        ServiceRegistration<Reconstructor> r = register("zero-filled");
        try (OsgiMethods methods = new OsgiMethods(context, 100)) {
            r.unregister();
            Thread.sleep(300);
            long t0 = System.nanoTime();
            assertThrows(StreamException.class, () -> methods.acquire("zero-filled"));
            assertTrue(System.nanoTime() - t0 < TimeUnit.MILLISECONDS.toNanos(100), "refused at once");
        }
    }
}
