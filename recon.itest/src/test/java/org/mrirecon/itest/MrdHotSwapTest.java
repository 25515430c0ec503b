package org.mrirecon.itest;

import static org.junit.Assert.assertArrayEquals;
import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertTrue;
import static org.ops4j.pax.exam.CoreOptions.junitBundles;
import static org.ops4j.pax.exam.CoreOptions.options;
import static org.ops4j.pax.exam.CoreOptions.systemProperty;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import javax.inject.Inject;

import org.junit.Test;
import org.junit.runner.RunWith;
import org.mrirecon.api.Reconstructor;
import org.mrirecon.mrd.MrdClient;
import org.mrirecon.mrd.MrdImage;
import org.mrirecon.mrd.MrdServer;
import org.mrirecon.mrd.MrdService;
import org.mrirecon.mrd.ServerOptions;
import org.ops4j.pax.exam.Configuration;
import org.ops4j.pax.exam.Option;
import org.ops4j.pax.exam.junit.PaxExam;
import org.ops4j.pax.exam.spi.reactors.ExamReactorStrategy;
import org.ops4j.pax.exam.spi.reactors.PerClass;
import org.osgi.framework.BundleContext;

/**
 * Live swapping on a live stream: 16 clients stream a small scan (64 x 64, 4 coils, 2 images) to the MRD server over
 * and over while the method's bundle jar is replaced every second through File Install. Every connection must
 * complete, all its images from one bundle version (the one it leased at its first acquisition), with the expected
 * pixels; both versions must have served.
 */
@RunWith(PaxExam.class)
@ExamReactorStrategy(PerClass.class)
public class MrdHotSwapTest {

    private static final String DEPLOY = "itest.deploy";
    private static final int CLIENTS = 16;
    private static final long RUN_SECONDS = 15;

    @Inject
    BundleContext context;

    @Inject
    MrdService mrd;

    @Configuration
    public Option[] config() throws IOException {
        List<Option> opts = ProjectBundles.except("recon.zerofilled", "recon.cli", "picocli");
        Path deploy = Files.createTempDirectory("recon-mrd-deploy");
        opts.add(systemProperty(DEPLOY).value(deploy.toString()));
        opts.add(systemProperty("felix.fileinstall.dir").value(deploy.toString()));
        opts.add(systemProperty("felix.fileinstall.poll").value("100"));
        opts.add(systemProperty("felix.fileinstall.noInitialDelay").value("true"));
        opts.add(systemProperty("felix.fileinstall.log.level").value("1"));
        opts.add(junitBundles());
        return options(opts.toArray(new Option[0]));
    }

    @Test
    public void sixteenClientsStreamWhileTheMethodJarIsReplacedEverySecond() throws Exception {
        Path deploy = Paths.get(System.getProperty(DEPLOY));
        Path original = Paths.get(System.getProperty("itest.bundles"), "recon.zerofilled.jar");
        Path scan = Paths.get(System.getProperty("itest.mrdFixtures"), "shepp_logan_64_4coil_R2.h5");
        Path[] versions = new Path[2];
        for (int i = 0; i < 2; i++) {
            versions[i] = Files.createTempFile("zerofilled-swap" + i, ".jar");
            HotDeployTest.withVersion(original, versions[i], "0.1.0.swap" + i);
        }
        HotDeployTest.drop(versions[0], deploy.resolve("method.jar"));
        HotDeployTest.await(() -> !context.getServiceReferences(Reconstructor.class, "(recon.method=zero-filled)")
                .isEmpty(), "method did not appear");

        try (MrdServer server = mrd.start(ServerOptions.builder().port(0).build())) {
            int port = server.address().getPort();
            MrdClient client = MrdClient.to("127.0.0.1", port, "zero-filled").timeout(60, TimeUnit.SECONDS).build();
            MrdClient.Reply first = client.stream(scan, null);
            assertTrue(first.error(), first.ok());
            List<float[]> expected = new ArrayList<>();
            for (MrdImage img : first.images()) {
                expected.add(img.pixels());
            }

            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(RUN_SECONDS);
            AtomicInteger completed = new AtomicInteger();
            List<String> failures = new ArrayList<>();
            Map<String, AtomicInteger> byVersion = new ConcurrentHashMap<>();
            ExecutorService pool = Executors.newFixedThreadPool(CLIENTS);
            List<Future<?>> workers = new ArrayList<>();
            for (int w = 0; w < CLIENTS; w++) {
                workers.add(pool.submit(() -> {
                    while (System.nanoTime() < deadline) {
                        MrdClient.Reply r = client.stream(scan, null);
                        String problem = check(r, expected);
                        if (problem != null) {
                            synchronized (failures) {
                                failures.add(problem);
                            }
                        } else {
                            completed.incrementAndGet();
                            byVersion.computeIfAbsent(r.images().get(0).attribute("BundleVersion"),
                                    v -> new AtomicInteger()).incrementAndGet();
                        }
                    }
                    return null;
                }));
            }
            int updates = 0;
            while (System.nanoTime() < deadline - TimeUnit.SECONDS.toNanos(1)) {
                Thread.sleep(1000);
                HotDeployTest.drop(versions[++updates % 2], deploy.resolve("method.jar"));
            }
            pool.shutdown();
            for (Future<?> f : workers) {
                f.get(120, TimeUnit.SECONDS); // bounded: every stream has its own 60 s timeout
            }
            HotDeployTest.await(() -> server.stats().active() == 0, "connections still open");
            MrdServer.Stats s = server.stats();
            System.out.printf("MRD hot swap: %d clients for %d s, %d bundle updates (one a second), %d connections "
                    + "completed, %d failed; by version %s; server: %d completed, %d failed, %d images, %d B of "
                    + "k-space held at most%n", CLIENTS, RUN_SECONDS, updates, completed.get(), failures.size(),
                    new TreeMap<>(byVersion), s.completed(), s.failed(), s.images(), s.peakHeldBytes());
            assertTrue("failed connections: " + failures, failures.isEmpty());
            assertTrue("updates: " + updates, updates >= RUN_SECONDS - 3);
            assertTrue("connections: " + completed.get(), completed.get() >= CLIENTS);
            assertEquals("both versions served: " + byVersion, 2, byVersion.size());
            assertEquals(0, s.failed());
            assertEquals(0, s.heldBytes());
        }
        Files.delete(deploy.resolve("method.jar"));
    }

    /** Null if the reply is complete, from one version, with the expected pixels; else what is wrong. */
    private static String check(MrdClient.Reply r, List<float[]> expected) {
        if (!r.ok()) {
            return "error: " + r.error();
        }
        if (r.images().size() != expected.size()) {
            return r.images().size() + " images";
        }
        String version = r.images().get(0).attribute("BundleVersion");
        for (int i = 0; i < expected.size(); i++) {
            MrdImage img = r.images().get(i);
            if (!version.startsWith("0.1.0.swap") || !version.equals(img.attribute("BundleVersion"))) {
                return "versions " + version + " and " + img.attribute("BundleVersion") + " in one connection";
            }
            try {
                assertArrayEquals(expected.get(i), img.pixels(), 0f);
            } catch (AssertionError e) {
                return "image " + i + " differs: " + e.getMessage();
            }
        }
        return null;
    }
}
