package org.mrirecon.itest;

import static org.junit.Assert.assertArrayEquals;
import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertNull;
import static org.junit.Assert.assertTrue;
import static org.ops4j.pax.exam.CoreOptions.bundle;
import static org.ops4j.pax.exam.CoreOptions.junitBundles;
import static org.ops4j.pax.exam.CoreOptions.options;
import static org.ops4j.pax.exam.CoreOptions.systemProperty;

import java.io.File;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.jar.Attributes;
import java.util.jar.JarEntry;
import java.util.jar.JarInputStream;
import java.util.jar.JarOutputStream;
import java.util.jar.Manifest;

import javax.inject.Inject;

import org.junit.Test;
import org.junit.runner.RunWith;
import org.mrirecon.api.Acquisition;
import org.mrirecon.api.AcquisitionVolume;
import org.mrirecon.api.ReconContext;
import org.mrirecon.api.ReconstructedImage;
import org.mrirecon.api.Reconstructor;
import org.mrirecon.api.SamplingPattern;
import org.mrirecon.numerics.mask.Masks;
import org.mrirecon.phantom.KneePhantom;
import org.mrirecon.phantom.PhantomConfig;
import org.mrirecon.phantom.PhantomSlice;
import org.ops4j.pax.exam.Configuration;
import org.ops4j.pax.exam.Option;
import org.ops4j.pax.exam.junit.PaxExam;
import org.ops4j.pax.exam.spi.reactors.ExamReactorStrategy;
import org.ops4j.pax.exam.spi.reactors.PerClass;
import org.osgi.framework.BundleContext;
import org.osgi.framework.ServiceReference;

/**
 * Runtime swapping through Felix File Install, as a user does it: a method bundle jar dropped into the watched
 * folder appears as a method, a replaced jar answers with its new version, a removed jar withdraws the method, and
 * jobs that hold the service keep running across updates.
 */
@RunWith(PaxExam.class)
@ExamReactorStrategy(PerClass.class)
public class HotDeployTest {

    private static final String FILTER = "(" + Reconstructor.METHOD_PROPERTY + "=zero-filled)";
    private static final String DEPLOY = "itest.deploy";

    @Inject
    BundleContext context;

    @Configuration
    public Option[] config() throws IOException {
        List<Option> opts = ProjectBundles.except("recon.zerofilled", "recon.cli", "picocli");
        Path deploy = Files.createTempDirectory("recon-deploy");
        opts.add(systemProperty(DEPLOY).value(deploy.toString()));
        opts.add(systemProperty("felix.fileinstall.dir").value(deploy.toString()));
        opts.add(systemProperty("felix.fileinstall.poll").value("100"));
        opts.add(systemProperty("felix.fileinstall.noInitialDelay").value("true"));
        opts.add(systemProperty("felix.fileinstall.log.level").value("1"));
        opts.add(junitBundles());
        return options(opts.toArray(new Option[0]));
    }

    @Test
    public void dropUpdateAndRemoveAMethodBundleWhileAJobRuns() throws Exception {
        Path deploy = Paths.get(System.getProperty(DEPLOY));
        Path original = Paths.get(System.getProperty("itest.bundles"), "recon.zerofilled.jar");
        Path v2 = Files.createTempFile("zerofilled-v2", ".jar");
        withVersion(original, v2, "0.1.0.hotswap2");

        assertNull("method present before deployment", find());
        drop(original, deploy.resolve("zerofilled.jar"));
        ServiceReference<Reconstructor> first = await(() -> find() != null, "method did not appear") ? find() : null;
        Reconstructor v1 = context.getService(first);
        String v1Version = first.getBundle().getVersion().toString();

        AcquisitionVolume volume = volume(8, 256, 12);
        List<ReconstructedImage> expected = v1.reconstructVolume(volume, v1.descriptor().defaults(),
                ReconContext.none());

        // A job holding the v1 service runs while the jar is replaced.
        ExecutorService pool = Executors.newSingleThreadExecutor();
        AtomicBoolean updated = new AtomicBoolean();
        Future<List<ReconstructedImage>> job = pool.submit(() -> {
            List<ReconstructedImage> out = new ArrayList<>();
            for (Acquisition slice : volume.slices()) {
                out.add(v1.reconstruct(slice, v1.descriptor().defaults(), ReconContext.none()));
                if (out.size() == 1) {
                    await(updated::get, "update not observed");
                }
            }
            return out;
        });
        drop(v2, deploy.resolve("zerofilled.jar"));
        assertTrue("new version did not answer", await(() -> {
            ServiceReference<Reconstructor> ref = find();
            if (ref == null) {
                return false;
            }
            Reconstructor r = context.getService(ref);
            try {
                return r != null && ref.getBundle().getVersion().toString().equals("0.1.0.hotswap2");
            } finally {
                context.ungetService(ref);
            }
        }, "new version did not answer"));
        updated.set(true);

        List<ReconstructedImage> finished = job.get(60, TimeUnit.SECONDS);
        assertEquals(volume.size(), finished.size());
        for (int s = 0; s < finished.size(); s++) {
            assertArrayEquals("job started on v1 must finish with v1's result", expected.get(s).magnitude(),
                    finished.get(s).magnitude(), 0f);
        }
        context.ungetService(first);
        pool.shutdown();
        assertTrue(!v1Version.equals("0.1.0.hotswap2"));

        Files.delete(deploy.resolve("zerofilled.jar"));
        assertTrue("method not withdrawn after the jar was removed", await(() -> find() == null, "still there"));
    }

    @Test
    public void concurrentJobsSurviveRepeatedUpdates() throws Exception {
        Path deploy = Paths.get(System.getProperty(DEPLOY));
        Path original = Paths.get(System.getProperty("itest.bundles"), "recon.zerofilled.jar");
        Path[] versions = new Path[2];
        for (int i = 0; i < 2; i++) {
            versions[i] = Files.createTempFile("zerofilled-load" + i, ".jar");
            withVersion(original, versions[i], "0.1.0.load" + i);
        }
        drop(versions[0], deploy.resolve("load.jar"));
        assertTrue(await(() -> find() != null, "method did not appear"));

        AcquisitionVolume volume = volume(2, 128, 8);
        ServiceReference<Reconstructor> ref0 = find();
        Reconstructor r0 = context.getService(ref0);
        float[] expected = r0.reconstruct(volume.slice(0), r0.descriptor().defaults(), ReconContext.none())
                .magnitude();
        context.ungetService(ref0);

        int workers = 4;
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(8);
        AtomicInteger started = new AtomicInteger();
        AtomicInteger succeeded = new AtomicInteger();
        AtomicInteger failed = new AtomicInteger();
        ExecutorService pool = Executors.newFixedThreadPool(workers);
        List<Future<?>> futures = new ArrayList<>();
        for (int w = 0; w < workers; w++) {
            futures.add(pool.submit(() -> {
                while (System.nanoTime() < deadline) {
                    ServiceReference<Reconstructor> ref = find();
                    Reconstructor r = ref == null ? null : context.getService(ref);
                    if (r == null) {
                        Thread.sleep(20); // between uninstall of the old and start of the new revision
                        continue;
                    }
                    started.incrementAndGet();
                    try {
                        float[] got = r.reconstruct(volume.slice(0), r.descriptor().defaults(), ReconContext.none())
                                .magnitude();
                        if (java.util.Arrays.equals(got, expected)) {
                            succeeded.incrementAndGet();
                        } else {
                            failed.incrementAndGet();
                        }
                    } catch (RuntimeException e) {
                        failed.incrementAndGet();
                    } finally {
                        try {
                            context.ungetService(ref);
                        } catch (IllegalStateException gone) {
                            // the old revision is gone; nothing to release
                        }
                    }
                }
                return null;
            }));
        }
        int updates = 0;
        while (System.nanoTime() < deadline - TimeUnit.SECONDS.toNanos(1)) {
            drop(versions[++updates % 2], deploy.resolve("load.jar"));
            String want = "0.1.0.load" + updates % 2;
            await(() -> {
                ServiceReference<Reconstructor> ref = find();
                org.osgi.framework.Bundle b = ref == null ? null : ref.getBundle(); // null once unregistered
                return b != null && want.equals(b.getVersion().toString());
            }, "update " + want);
        }
        pool.shutdown();
        boolean allDone = pool.awaitTermination(30, TimeUnit.SECONDS);
        int lost = 0;
        for (Future<?> f : futures) {
            if (!f.isDone()) {
                lost++;
            }
        }
        System.out.printf("load check: %d workers, %d bundle updates, %d jobs run, %d failed, %d lost%n", workers,
                updates, started.get(), failed.get(), started.get() - succeeded.get() - failed.get());
        assertTrue(allDone);
        assertEquals(0, lost);
        assertTrue("updates happened: " + updates, updates >= 3);
        assertTrue("jobs ran: " + started.get(), started.get() >= 10);
        assertEquals("failed jobs", 0, failed.get());
        assertEquals("lost jobs", started.get(), succeeded.get());
        Files.delete(deploy.resolve("load.jar"));
        assertTrue(await(() -> find() == null, "still there"));
    }

    private ServiceReference<Reconstructor> find() {
        try {
            Collection<ServiceReference<Reconstructor>> refs = context.getServiceReferences(Reconstructor.class,
                    FILTER);
            return refs.isEmpty() ? null : refs.iterator().next();
        } catch (org.osgi.framework.InvalidSyntaxException e) {
            throw new IllegalStateException(e);
        }
    }

    private static AcquisitionVolume volume(int slices, int matrix, int coils) {
        KneePhantom phantom = new KneePhantom(PhantomConfig.builder().matrix(matrix, matrix).coils(coils)
                .slices(slices).build());
        SamplingPattern p = Masks.equispaced(matrix, 4, 20);
        List<Acquisition> acq = new ArrayList<>();
        for (int s = 0; s < slices; s++) {
            PhantomSlice ps = phantom.slice(s);
            acq.add(Acquisition.of(ps.kspace(), p, s));
        }
        return AcquisitionVolume.of(acq);
    }

    /** Copies in under another name and renames, so File Install never reads a half-written jar. */
    static void drop(Path jar, Path target) throws IOException {
        Path tmp = target.resolveSibling(target.getFileName() + ".part");
        Files.copy(jar, tmp, StandardCopyOption.REPLACE_EXISTING);
        // File Install notices a change by its checksum and last-modified time
        Files.setLastModifiedTime(tmp, java.nio.file.attribute.FileTime.fromMillis(System.currentTimeMillis()));
        Files.move(tmp, target, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
    }

    /** The same bundle with another Bundle-Version: what a developer's rebuilt jar looks like to the framework. */
    static void withVersion(Path in, Path out, String version) throws IOException {
        try (InputStream is = Files.newInputStream(in); JarInputStream jar = new JarInputStream(is)) {
            Manifest mf = new Manifest(jar.getManifest());
            mf.getMainAttributes().put(new Attributes.Name("Bundle-Version"), version);
            try (OutputStream os = Files.newOutputStream(out); JarOutputStream dst = new JarOutputStream(os, mf)) {
                for (JarEntry e = jar.getNextJarEntry(); e != null; e = jar.getNextJarEntry()) {
                    dst.putNextEntry(new JarEntry(e.getName()));
                    jar.transferTo(dst);
                    dst.closeEntry();
                }
            }
        }
    }

    interface Condition {
        boolean holds() throws Exception;
    }

    static boolean await(Condition c, String what) throws Exception {
        long end = System.nanoTime() + TimeUnit.SECONDS.toNanos(60); // generous: File Install polls, CI may be busy
        while (System.nanoTime() < end) {
            if (c.holds()) {
                return true;
            }
            Thread.sleep(50);
        }
        throw new AssertionError("timed out: " + what);
    }
}
