package org.mrirecon.front;

import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.Hashtable;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.ServiceLoader;
import java.util.concurrent.Callable;
import java.util.jar.JarFile;

import org.osgi.framework.Bundle;
import org.osgi.framework.BundleContext;
import org.osgi.framework.BundleException;
import org.osgi.framework.Constants;
import org.osgi.framework.ServiceReference;
import org.osgi.framework.launch.Framework;
import org.osgi.framework.launch.FrameworkFactory;

/**
 * Starts the jar's framework, on every JDK: bnd 7.1.0's launcher cannot start on Java 24 and later (it sets a security
 * Policy, which Java 24 removed: bnd issue 6370) and installs every bundle by copying it. It does what that launcher
 * does for this jar, from the same {@code launcher.properties} the build wrote: the run properties as framework
 * properties, a fresh storage folder deleted at exit, the embedded bundles installed in their order and started, the
 * program arguments published as the service property {@code launcher.arguments}, and the {@link Callable} registered
 * with {@code main.thread=true} called on this thread; its result is the exit code. The bundles are installed by
 * reference from the folder {@link BundleFolder} extracts once per jar (the front door passes it; null: from the jar,
 * copied). On Java 17 to 23,
 * {@code -Drecon.launcher=bnd} starts bnd's launcher instead.
 *
 * <p>Loaded by {@link Front} through a class loader that holds the framework's jar (from that folder), so that the
 * OSGi API it uses is the framework's own. Nothing the front door's own class loader runs may touch this class: that
 * loader has no OSGi API.
 */
public final class FrameworkLauncher {

    /** How long the command line may take to appear once the bundles are started (a bundle that fails to start). */
    private static final long MAIN_THREAD_WAIT_MS = 60_000;

    private FrameworkLauncher() {
    }

    /** Runs the command line in the framework and returns its exit code. */
    public static int run(Path launcherJar, Path bundleFolder, String[] args) throws Exception {
        try (JarFile jar = new JarFile(launcherJar.toFile())) {
            Properties launch = BundleFolder.launchProperties(jar);
            Path storage = Files.createTempDirectory("recon-osgi");
            Framework framework = create(launch, storage);
            Thread stopOnExit = new Thread(() -> stopQuietly(framework, storage), "recon: stop the framework");
            Runtime.getRuntime().addShutdownHook(stopOnExit); // Ctrl-C or SIGTERM: components deactivate, as with bnd
            try {
                framework.init();
                BundleContext context = framework.getBundleContext();
                Hashtable<String, Object> arguments = new Hashtable<>();
                arguments.put("launcher.arguments", args.clone());
                context.registerService(Object.class, new Object(), arguments);
                List<String> entries = BundleFolder.bundleEntries(launch);
                List<Bundle> bundles = new ArrayList<>();
                for (String entry : entries) {
                    if (bundleFolder != null) { // read in place: Felix neither inflates nor copies 30 MB at every start
                        bundles.add(context.installBundle("reference:" + bundleFolder.resolve(
                                Path.of(entry).getFileName().toString()).toUri(), null));
                    } else {
                        try (InputStream in = jar.getInputStream(jar.getEntry(entry))) {
                            bundles.add(context.installBundle(entry, in));
                        }
                    }
                }
                framework.start();
                for (Bundle b : bundles) {
                    if (b.getHeaders().get(Constants.FRAGMENT_HOST) == null) {
                        try {
                            b.start(Bundle.START_ACTIVATION_POLICY);
                        } catch (BundleException e) { // as bnd's launcher: report it, start the others
                            System.err.println("error: bundle " + b.getSymbolicName() + " did not start: "
                                    + e.getMessage());
                        }
                    }
                }
                Callable<?> main = awaitMainThread(context, bundles);
                Object result = main.call();
                return result instanceof Integer code ? code : 0;
            } finally {
                stopQuietly(framework, storage);
                try {
                    Runtime.getRuntime().removeShutdownHook(stopOnExit);
                } catch (IllegalStateException exiting) {
                    // the hook is running already
                }
            }
        }
    }

    private static Framework create(Properties launch, Path storage) {
        Map<String, String> config = new HashMap<>();
        for (String key : launch.stringPropertyNames()) {
            if (!key.startsWith("launch.")) { // the run properties (-runproperties); launch.* are the launcher's own
                config.put(key, launch.getProperty(key));
            }
        }
        config.put(Constants.FRAMEWORK_STORAGE, storage.toString());
        config.put(Constants.FRAMEWORK_STORAGE_CLEAN, Constants.FRAMEWORK_STORAGE_CLEAN_ONFIRSTINIT);
        String system = launch.getProperty("launch.system.packages");
        if (system != null && !system.isBlank()) {
            config.put(Constants.FRAMEWORK_SYSTEMPACKAGES_EXTRA, system);
        }
        FrameworkFactory factory = ServiceLoader.load(FrameworkFactory.class, FrameworkLauncher.class.getClassLoader())
                .findFirst().orElseThrow(() -> new IllegalStateException("no OSGi framework in the launcher jar"));
        return factory.newFramework(config);
    }

    private static Callable<?> awaitMainThread(BundleContext context, List<Bundle> bundles) throws Exception {
        long end = System.nanoTime() + MAIN_THREAD_WAIT_MS * 1_000_000;
        while (System.nanoTime() < end) {
            ServiceReference<?>[] refs = context.getServiceReferences(Callable.class.getName(), "(main.thread=true)");
            if (refs != null && refs.length > 0) {
                return (Callable<?>) context.getService(refs[0]);
            }
            Thread.sleep(2);
        }
        StringBuilder inactive = new StringBuilder();
        for (Bundle b : bundles) {
            if (b.getState() != Bundle.ACTIVE && b.getHeaders().get(Constants.FRAGMENT_HOST) == null) {
                inactive.append(' ').append(b.getSymbolicName());
            }
        }
        throw new IllegalStateException("the command line did not start within " + MAIN_THREAD_WAIT_MS / 1000
                + " s; bundles not active:" + (inactive.length() == 0 ? " none" : inactive));
    }

    private static void stopQuietly(Framework framework, Path storage) {
        try {
            if ((framework.getState() & (Bundle.STARTING | Bundle.ACTIVE)) != 0) {
                framework.stop();
                framework.waitForStop(30_000);
            }
        } catch (Exception | LinkageError e) {
            // exiting anyway
        }
        BundleFolder.deleteTree(storage);
    }
}
