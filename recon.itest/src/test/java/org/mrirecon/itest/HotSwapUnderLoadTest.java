package org.mrirecon.itest;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;

import org.junit.Test;

/**
 * Hot swap as a user meets it: 50 compares typed into {@code launcher.jar serve} while the method's jar is replaced
 * every second. A method is briefly absent during each update; jobs wait for it, and a job whose method is withdrawn
 * under it runs again on the new version. None may fail and none may be lost.
 */
public class HotSwapUnderLoadTest {

    @Test
    public void fiftyComparesWhileTheJarIsReplacedEverySecond() throws Exception {
        Path dir = Files.createTempDirectory("swap-bundles");
        MethodBundleBuilder swap = new MethodBundleBuilder("swap");
        Path[] versions = {swap.build(dir), swap.version("1.0.1").build(dir)};
        int compares = 50;
        try (LauncherShell s = LauncherShell.serve(List.of("-Drecon.jobs.absentGrace=60"))) {
            int from = s.length();
            s.drop(versions[0], "swap.jar");
            assertTrue("swap.jar was not deployed:\n" + s, s.awaitFrom(from, "(swap.jar) deployed", 180));
            from = s.length();
            long t0 = System.nanoTime();
            long end = t0 + TimeUnit.MINUTES.toNanos(15);
            int replaced = 0;
            // two compares a second, the jar replaced every second: however fast the compares run, they meet
            // about 25 replacements (sending them all at once let a fast machine finish before the tenth)
            for (int sent = 0; sent < compares; sent += 2) {
                for (int k = sent; k < Math.min(sent + 2, compares); k++) {
                    s.send("recon:compare -m swap@4:20 --matrix 64 --coils 4 --slices 2 --no-progress -o hs");
                }
                Thread.sleep(1000);
                s.drop(versions[++replaced % 2], "swap.jar");
            }
            s.send("recon:jobs");
            while (s.since(from).indexOf("No jobs are running.") < 0 && System.nanoTime() < end
                    && s.process.isAlive()) {
                Thread.sleep(1000);
                s.drop(versions[++replaced % 2], "swap.jar");
            }
            double seconds = (System.nanoTime() - t0) / 1e9;
            String out = s.since(from);
            int ok = count(out, "Wrote ");
            int failed = count(out, "FAILED") + count(out, "exit status") + count(out, "error:");
            System.out.printf("hot swap: %d compares in %.0f s while swap.jar was replaced %d times: %d ran, %d failed, "
                    + "%d lost; table rows from version 1.0.0: %d, from 1.0.1: %d; reruns after a withdrawal: %d%n", compares,
                    seconds, replaced, ok, failed, compares - ok - failed, count(out, "plugin.swap 1.0.0 "),
                    count(out, "plugin.swap 1.0.1 "), count(out, "note: swap@4:20"));
            assertTrue("the launcher died:\n" + out, s.process.isAlive());
            assertTrue("the compares did not end within 15 minutes:\n" + out, out.contains("No jobs are running."));
            assertTrue("too few replacements to mean anything: " + replaced, replaced >= 10);
            assertEquals("failed compares:\n" + out, 0, failed);
            assertEquals("compares that ran", compares, ok);
        }
    }

    private static int count(String text, String what) {
        int n = 0;
        for (int at = text.indexOf(what); at >= 0; at = text.indexOf(what, at + what.length())) {
            n++;
        }
        return n;
    }
}
