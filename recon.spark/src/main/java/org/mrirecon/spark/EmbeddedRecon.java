package org.mrirecon.spark;

import java.io.IOException;
import java.io.InputStream;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.ServiceLoader;
import java.util.concurrent.TimeUnit;
import java.util.jar.JarFile;
import java.util.zip.ZipEntry;

import org.osgi.framework.Bundle;
import org.osgi.framework.BundleContext;
import org.osgi.framework.Constants;
import org.osgi.framework.ServiceReference;
import org.osgi.framework.launch.Framework;
import org.osgi.framework.launch.FrameworkFactory;

/**
 * The launcher's OSGi runtime inside a Spark JVM, started once per JVM on first use: the same bundles as
 * {@code launcher.jar} (read from its {@code launcher.properties}), plus the bundles of an optional plugin folder, so
 * third-party methods run on the cluster unchanged. The benchmark's work is reached through recon.cli's
 * {@code BenchmarkUnits} service with strings only: nothing of the framework's types is shared with Spark's class
 * loader.
 */
final class EmbeddedRecon {

    private static final String SERVICE = "org.mrirecon.cli.BenchmarkUnits";
    private static EmbeddedRecon instance;

    private final Framework framework;
    private final Object units;

    private EmbeddedRecon(Framework framework, Object units) {
        this.framework = framework;
        this.units = units;
    }

    /** This JVM's runtime, started from the launcher jar (and plugin folder, or null) on first use. */
    static synchronized EmbeddedRecon get(String launcherJar, String plugins) throws Exception {
        if (instance == null) {
            instance = start(Path.of(launcherJar), plugins == null ? null : Path.of(plugins));
            Runtime.getRuntime().addShutdownHook(new Thread(instance::stop, "recon-embedded-stop"));
        }
        return instance;
    }

    private static EmbeddedRecon start(Path launcherJar, Path plugins) throws Exception {
        if (!Files.isRegularFile(launcherJar)) {
            throw new IllegalArgumentException("no launcher jar at " + launcherJar + ": give the path of "
                    + "launcher/target/launcher.jar, readable on every node");
        }
        Path dir = Files.createTempDirectory("recon-embedded");
        List<Path> bundles = new ArrayList<>();
        Map<String, String> config = new HashMap<>();
        try (JarFile jar = new JarFile(launcherJar.toFile())) {
            Properties launch = new Properties();
            try (InputStream in = jar.getInputStream(jar.getEntry("launcher.properties"))) {
                launch.load(in);
            }
            for (String name : launch.getProperty("launch.bundles").split(",")) {
                ZipEntry e = jar.getEntry(name.trim());
                Path target = dir.resolve(Path.of(name.trim()).getFileName());
                try (InputStream in = jar.getInputStream(e)) {
                    Files.copy(in, target);
                }
                bundles.add(target);
            }
        }
        if (plugins != null) {
            try (var s = Files.list(plugins)) {
                s.filter(p -> p.toString().endsWith(".jar")).sorted().forEach(bundles::add);
            }
        }
        config.put(Constants.FRAMEWORK_STORAGE, dir.resolve("felix-cache").toString());
        config.put(Constants.FRAMEWORK_STORAGE_CLEAN, Constants.FRAMEWORK_STORAGE_CLEAN_ONFIRSTINIT);
        config.put("felix.fileinstall.dir", ","); // no folder watched (see launcher.bndrun)
        config.put("felix.log.level", "1");
        config.put("ds.loglevel", System.getProperty("recon.ds.loglevel", "error"));
        FrameworkFactory factory = ServiceLoader.load(FrameworkFactory.class, EmbeddedRecon.class.getClassLoader())
                .findFirst().orElseThrow(() -> new IllegalStateException("no OSGi framework on the class path: "
                        + "add org.apache.felix.framework's jar"));
        Framework fw = factory.newFramework(config);
        fw.start();
        BundleContext ctx = fw.getBundleContext();
        List<Bundle> installed = new ArrayList<>();
        for (Path b : bundles) {
            installed.add(ctx.installBundle(b.toUri().toString()));
        }
        for (Bundle b : installed) {
            if (b.getHeaders().get(Constants.FRAGMENT_HOST) == null) {
                b.start();
            }
        }
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(Long.getLong("recon.embedded.waitSeconds", 60));
        while (System.nanoTime() < deadline) {
            // getAll: the service's class is the recon.cli bundle's; a copy of recon.cli on this JVM's class path (the
            // system bundle's) would make the plain lookup hide it as not assignable
            ServiceReference<?>[] refs = ctx.getAllServiceReferences(SERVICE, null);
            if (refs != null && refs.length > 0) {
                Object units = ctx.getService(refs[0]);
                // -i as a URI (hdfs://, s3a://, file://, ...) is listed and staged through Hadoop's FileSystem
                java.util.function.Function<String, String[]> list = HadoopFiles::list;
                java.util.function.Function<String, String> fetch = HadoopFiles::fetch;
                units.getClass().getMethod("useRemoteFiles", java.util.function.Function.class,
                        java.util.function.Function.class).invoke(units, list, fetch);
                return new EmbeddedRecon(fw, units);
            }
            Thread.sleep(20);
        }
        StringBuilder states = new StringBuilder();
        for (Bundle b : ctx.getBundles()) {
            if (b.getState() != Bundle.ACTIVE) {
                states.append(' ').append(b.getSymbolicName()).append('=').append(b.getState());
            }
        }
        fw.stop();
        throw new IllegalStateException("the framework started from " + launcherJar + " offers no " + SERVICE
                + " service after 60 s: is it a launcher with the benchmark command? Bundles not active:"
                + (states.length() == 0 ? " none" : states));
    }

    String[] pendingVolumes(String[] args) throws Exception {
        return (String[]) call("pendingVolumes", new Class<?>[] {String[].class}, (Object) args);
    }

    String runVolume(String[] args, String volume) throws Exception {
        return (String) call("runVolume", new Class<?>[] {String[].class, String.class}, args, volume);
    }

    void commit(String[] args, String units) throws Exception {
        call("commit", new Class<?>[] {String[].class, String.class}, args, units);
    }

    int summarise(String[] args) throws Exception {
        return (Integer) call("summarise", new Class<?>[] {String[].class}, (Object) args);
    }

    private Object call(String name, Class<?>[] types, Object... values) throws Exception {
        Method m = units.getClass().getMethod(name, types);
        Thread t = Thread.currentThread();
        ClassLoader before = t.getContextClassLoader();
        t.setContextClassLoader(units.getClass().getClassLoader());
        try {
            return m.invoke(units, values);
        } catch (InvocationTargetException e) {
            throw e.getCause() instanceof Exception ex ? ex : e;
        } finally {
            t.setContextClassLoader(before);
        }
    }

    private void stop() {
        try {
            framework.stop();
            framework.waitForStop(10_000);
        } catch (Exception | LinkageError e) {
            // the JVM is exiting
        }
    }

}
