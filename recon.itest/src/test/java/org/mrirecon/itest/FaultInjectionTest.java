package org.mrirecon.itest;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertNotNull;
import static org.junit.Assert.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

import org.junit.Test;

/**
 * Deploys misbehaving method bundles, built from the template, into a running {@code launcher.jar serve} and
 * compares each next to the zero-filled baseline, as an integrator would. For every fault: the launcher stays up, the
 * baseline's row is present and identical to the baseline alone, the failure (or the warning, for a method that
 * works but leaks) names the method, and the command ends within its bound. Prints the table of outcomes.
 */
public class FaultInjectionTest {

    /** Tight limits so that the suite is quick: 5 s per slice, 3 s to honour a cancellation. */
    static final List<String> JVM = List.of("-Drecon.jobs.cancelGrace=3", "-Drecon.jobs.activationTimeout=5",
            "-Drecon.jobs.workerHeap=512m", "-Drecon.jobs.absentGrace=90");
    static final String DATA = "--matrix 64 --coils 4 --slices 2 --no-progress --timeout 5";
    /** A command's bound: its limit (2 slices x 5 s), the hard stop (3 s), a worker restart, a busy machine. */
    static final long BOUND = 150;

    enum Expect {
        /** The method's row is a failure whose message says all of the words. */
        FAILS,
        /** The method's row is fine, and a warning naming it says all of the words. */
        WARNS,
        /** The method id is kept by the built-in method; the output says all of the words. */
        KEPT
    }

    record Fault(String what, MethodBundleBuilder bundle, Expect expect, String data, String... words) {
    }

    private static final String SPIN = "static volatile long sink;\nstatic boolean spin(Object o) { sink++; return o != null; }";
    private static final String SLEEP = "try { Thread.sleep(3_600_000L); } catch (InterruptedException e) { "
            + "Thread.currentThread().interrupt(); }";
    private static final String THREAD = "Thread t = new Thread(() -> { try { Thread.sleep(Long.MAX_VALUE); } "
            + "catch (InterruptedException e) { } }, \"%s-\" + System.nanoTime());";

    static List<Fault> faults() {
        String manySlices = "--matrix 32 --coils 2 --volume-slices 24 --slices 24 --no-progress --timeout 5";
        return List.of(
                new Fault("throws an exception", new MethodBundleBuilder("bad-throw").prologue(
                        "if (input != null) throw new IllegalStateException(\"deliberate failure\");"),
                        Expect.FAILS, DATA, "deliberate failure"),
                new Fault("throws an Error (stack overflow)", new MethodBundleBuilder("bad-error")
                        .members("static int recurse(int n) { return recurse(n + 1) + 1; }")
                        .prologue("if (input != null) recurse(0);"), Expect.FAILS, DATA, "StackOverflowError"),
                new Fault("loops ignoring cancellation", new MethodBundleBuilder("bad-loop").members(SPIN)
                        .prologue("while (spin(input)) { }"), Expect.FAILS, DATA, "timed out", "killed"),
                new Fault("sleeps", new MethodBundleBuilder("bad-sleep").prologue(SLEEP), Expect.FAILS, DATA,
                        "timed out", "killed"),
                new Fault("allocates until out of memory", new MethodBundleBuilder("bad-oom").prologue(
                        "java.util.List<long[]> hog = new java.util.ArrayList<>(); "
                                + "while (input != null) { hog.add(new long[16 << 20]); }"),
                        Expect.FAILS, DATA, "ran out of memory"),
                new Fault("keeps memory in a static", new MethodBundleBuilder("bad-static")
                        .members("static final java.util.List<byte[]> KEPT = new java.util.ArrayList<>();")
                        .prologue("synchronized (KEPT) { for (int i = 0; i < 20; i++) KEPT.add(new byte[10 << 20]); }"),
                        Expect.WARNS, DATA, "restarted", "heap"),
                new Fault("returns NaN", new MethodBundleBuilder("bad-nan").result("rss[7] = Float.NaN; "
                        + "return ReconstructedImage.ofMagnitude(rows, cols, rss, Map.of());"), Expect.FAILS, DATA, "NaN"),
                new Fault("returns an overflowing complex image", new MethodBundleBuilder("bad-overflow").result(
                        "float[] c = new float[2 * rows * cols]; java.util.Arrays.fill(c, 3e38f); "
                                + "return ReconstructedImage.ofComplex(rows, cols, c, Map.of());"),
                        Expect.FAILS, DATA, "beyond float"),
                new Fault("returns the wrong size", new MethodBundleBuilder("bad-size").result(
                        "return ReconstructedImage.ofMagnitude(8, 8, new float[64], Map.of());"), Expect.FAILS, DATA,
                        "8x8"),
                new Fault("returns null", new MethodBundleBuilder("bad-null").result("return null;"), Expect.FAILS,
                        DATA, "no image"),
                new Fault("calls System.exit(0)", new MethodBundleBuilder("bad-exit").prologue(
                        "if (input != null) System.exit(0);"), Expect.FAILS, DATA, "exited with status 0"),
                new Fault("calls Runtime.halt(0)", new MethodBundleBuilder("bad-halt").prologue(
                        "if (input != null) Runtime.getRuntime().halt(0);"), Expect.FAILS, DATA,
                        "exited with status 0"),
                new Fault("blocks in activation (delayed component)", new MethodBundleBuilder("bad-block")
                        .activation(SLEEP), Expect.FAILS, DATA, "did not finish activating"),
                new Fault("blocks in activation (immediate component)", new MethodBundleBuilder("bad-block-immediate")
                        // reported by whichever watchdog fires first: the worker's deployment ("its deployment
                        // blocked") or the registry's activation timeout ("it blocks in its activation?")
                        .activation(SLEEP).immediate(), Expect.FAILS, DATA, "block"),
                new Fault("throws in activation", new MethodBundleBuilder("bad-activate").activation(
                        "if (ID != null) throw new IllegalStateException(\"deliberate failure in activation\");"),
                        Expect.FAILS, DATA, "failed to activate", "deliberate failure in activation"),
                new Fault("throws in descriptor()", new MethodBundleBuilder("bad-descriptor").descriptor(
                        "if (descriptor != null) throw new IllegalStateException(\"deliberate failure in "
                                + "descriptor()\"); return descriptor;"),
                        Expect.FAILS, DATA, "descriptor() threw", "deliberate failure"),
                new Fault("starts a non-daemon thread", new MethodBundleBuilder("bad-nondaemon").prologue(
                        String.format(THREAD, "bad-nondaemon") + " t.start();"), Expect.WARNS, DATA, "non-daemon",
                        "restarted"),
                new Fault("leaks a thread per call", new MethodBundleBuilder("bad-leak").prologue(
                        String.format(THREAD, "bad-leak") + " t.setDaemon(true); t.start();"), Expect.WARNS,
                        manySlices, "threads running", "restarted"),
                new Fault("has an unresolved import", new MethodBundleBuilder("bad-unresolved")
                        .importing("com.example.missing;version=\"[1.0,2)\""), Expect.FAILS, DATA,
                        "missing requirement", "com.example.missing"),
                new Fault("requires another API major version", new MethodBundleBuilder("bad-api3")
                        .apiRange("[3.0,4)"), Expect.FAILS, DATA, "missing requirement",
                        "provides org.mrirecon.api 2.0.0"),
                new Fault("registers a duplicate id (grappa) with a higher ranking",
                        new MethodBundleBuilder("bad-grappa").id("grappa", "grappa").ranking(100)
                                .displayName("GRAPPA (the clinical reference)").version("9.9.9"),
                        Expect.KEPT, DATA, "duplicate method id", "recon.grappa"),
                new Fault("service property and descriptor disagree", new MethodBundleBuilder("bad-mismatch")
                        .id("bad-other", "bad-mismatch"), Expect.FAILS, DATA, "disagrees"));
    }

    @Test
    public void everyFaultIsContainedReportedAndBounded() throws Exception {
        Path jars = Files.createTempDirectory("faulty-bundles");
        List<Fault> faults = new ArrayList<>(faults());
        String only = System.getProperty("itest.faults"); // e.g. -Ditest.faults=bad-halt,bad-exit to look at a few
        if (only != null && !only.isBlank()) {
            faults.removeIf(f -> !List.of(only.split(",")).contains(f.bundle().id()));
        }
        List<Path> built = new ArrayList<>();
        for (Fault f : faults) {
            built.add(f.bundle().build(jars));
        }
        List<String> table = new ArrayList<>();
        table.add("| fault | what happened | launcher up | baseline row correct | s |");
        table.add("|---|---|---|---|---|");
        try (LauncherShell s = LauncherShell.serve(JVM)) {
            String base = baselineRow(s, DATA);
            String baseMany = null;
            for (int i = 0; i < faults.size(); i++) {
                Fault f = faults.get(i);
                String file = f.bundle().id() + ".jar";
                int from = s.length();
                s.drop(built.get(i), file);
                assertTrue("the deployment of " + file + " was not reported:\n" + s.since(from),
                        s.awaitFrom(from, 180, "(" + file + ")", "deploy: " + file));
                String expected = base;
                if (!f.data().equals(DATA)) {
                    expected = baseMany == null ? baseMany = baselineRow(s, f.data()) : baseMany;
                }
                String trial = f.bundle().id() + "@4:20";
                LauncherShell.Result r = s.run("recon:compare -m zero-filled@4:20," + trial + " " + f.data()
                        + " -o out-" + f.bundle().id(), BOUND);
                String out = r.output();
                assertTrue(f.what() + ": the launcher died:\n" + s, s.process.isAlive());
                assertTrue(f.what() + ": the command did not end within " + BOUND + " s:\n" + out, r.ended());
                String zero = row(out, "zero-filled@4:20");
                boolean baselineOk = zero != null && metrics(zero).equals(metrics(expected));
                assertTrue(f.what() + ": the baseline's row is missing or changed:\n" + out + "\nexpected " + expected,
                        baselineOk);
                String own = row(out, trial);
                assertNotNull(f.what() + ": no row for " + trial + ":\n" + out, own);
                String said;
                switch (f.expect()) {
                    case FAILS -> {
                        assertTrue(f.what() + ": expected a failed row:\n" + out, own.contains("FAILED"));
                        assertTrue(f.what() + ": the failure does not name the method:\n" + own,
                                own.substring(own.indexOf("FAILED")).contains(f.bundle().id()));
                        said = own.substring(own.indexOf("FAILED:") + 8);
                    }
                    case WARNS -> {
                        assertTrue(f.what() + ": expected the method's results:\n" + out, !own.contains("FAILED"));
                        said = line(out, "warning: " + trial);
                        assertNotNull(f.what() + ": no warning names the method:\n" + out, said);
                    }
                    default -> {
                        assertTrue(f.what() + ": the built-in method's row is not the built-in's:\n" + out,
                                own.contains("recon.grappa") && !own.contains("FAILED"));
                        said = line(out, "duplicate method id");
                        assertNotNull(f.what() + ": the duplicate is not reported:\n" + out, said);
                        said = said + "; row: " + own.substring(0, Math.min(own.length(), 60)).trim();
                    }
                }
                for (String w : f.words()) {
                    assertTrue(f.what() + ": expected '" + w + "' in:\n" + out, out.contains(w));
                }
                table.add(String.format(Locale.ROOT, "| %s | %s | yes | yes | %.1f |", f.what(),
                        said.replace('|', '/').trim(), r.seconds()));
                int gone = s.length();
                Files.delete(s.deploy.resolve(file));
                assertTrue("the removal of " + file + " was not reported:\n" + s.since(gone),
                        s.awaitFrom(gone, "deploy: " + file + " removed", 180));
            }
            if (only == null || only.isBlank() || only.contains("bad-late")) {
                table.add(lateClassDuringUpdate(s, jars, base));
            }
        } finally {
            System.out.println("Fault injection through launcher.jar serve --deploy (limits: 5 s per slice, 3 s "
                    + "cancel grace, 5 s activation, 512 MB worker heap):");
            table.forEach(System.out::println);
        }
    }

    /** A method that loads a class late, while its jar is replaced: it fails on the old revision, then reruns. */
    private static String lateClassDuringUpdate(LauncherShell s, Path jars, String base) throws Exception {
        MethodBundleBuilder late = new MethodBundleBuilder("bad-late")
                .members("static volatile boolean waited;")
                .prologue("if (!waited) { waited = true; System.out.println(\"bad-late: waiting before it loads a "
                        + "class\"); try { Thread.sleep(4000); } catch (InterruptedException e) { } } "
                        + "new Late().touch();")
                .withClass("Late", "final class Late { void touch() { } }");
        Path v1 = late.build(jars);
        Path v2 = late.version("1.0.1").build(jars);
        int from = s.length();
        s.drop(v1, "bad-late.jar");
        assertTrue(s.awaitFrom(from, "(bad-late.jar)", 180));
        from = s.length();
        long t0 = System.nanoTime();
        s.send("recon:compare -m zero-filled@4:20,bad-late@4:20 " + DATA.replace("--timeout 5", "--timeout 10")
                + " -o out-late");
        assertTrue("the method never ran:\n" + s.since(from), s.awaitFrom(from, "bad-late: waiting", 120));
        s.drop(v2, "bad-late.jar");
        s.send("recon:jobs");
        assertTrue("the compare did not end:\n" + s.since(from), s.awaitFrom(from, "No jobs are running.", BOUND));
        double took = (System.nanoTime() - t0) / 1e9;
        String out = s.since(from);
        assertTrue(s.process.isAlive());
        String zero = row(out, "zero-filled@4:20");
        assertTrue("baseline row changed:\n" + out, zero != null && metrics(zero).equals(metrics(base)));
        String own = row(out, "bad-late@4:20");
        assertNotNull(out, own);
        assertTrue("a failure must name the method:\n" + out, !own.contains("FAILED") || own.contains("bad-late"));
        String note = line(out, "note: bad-late@4:20");
        return String.format(Locale.ROOT, "| loads a class late while being updated | %s%s | yes | yes | %.1f |",
                own.contains("FAILED") ? own.substring(own.indexOf("FAILED")) : "ran: " + own.split("\\s+")[1] + " "
                        + own.split("\\s+")[2], note == null ? "" : " after " + note.replace('|', '/'), took);
    }

    private static String baselineRow(LauncherShell s, String data) throws Exception {
        LauncherShell.Result base = s.run("recon:compare -m zero-filled@4:20 " + data + " -o base", BOUND);
        String row = row(base.output(), "zero-filled@4:20");
        assertNotNull("no baseline:\n" + base.output(), row);
        return row;
    }

    /**
     * The first whole table row of a trial (the headline scores). The launcher's own reports go to stderr, the tables
     * to stdout, and both to one console: a report can cut into a row, which is then skipped.
     */
    static String row(String out, String label) {
        for (String l : out.split("\n")) {
            String t = l.replace("recon> ", "").trim();
            if (t.startsWith(label + " ") && (t.contains(" FAILED: ") || t.split("\\s+").length == 12)) {
                return t;
            }
        }
        return null;
    }

    static String line(String out, String start) {
        for (String l : out.split("\n")) {
            int at = l.indexOf(start);
            if (at >= 0) {
                return l.substring(at).trim();
            }
        }
        return null;
    }

    /** NMSE, PSNR and SSIM of a row: everything but the label, the identity, the saving and the time. */
    static List<String> metrics(String row) {
        String[] f = row.trim().split("\\s+");
        assertEquals("unexpected row: " + row, 12, f.length);
        return List.of(f[8], f[9], f[10]);
    }
}
