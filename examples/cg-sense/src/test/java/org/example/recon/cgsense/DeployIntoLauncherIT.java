package org.example.recon.cgsense;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertTrue;
import static org.junit.Assume.assumeTrue;

import java.io.File;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import org.junit.Test;

/**
 * What a user does: start the launcher in serve mode, drop the bundle into its deploy folder, run compare in its
 * shell. The method must appear without a restart and be compared next to the built-in ones.
 */
public class DeployIntoLauncherIT {

    /** The launcher's console, collected by a background thread. */
    private static final class Console {
        private final StringBuffer text = new StringBuffer();

        Console(InputStream in) {
            Thread t = new Thread(() -> {
                byte[] buf = new byte[8192];
                try {
                    for (int n; (n = in.read(buf)) > 0;) {
                        text.append(new String(buf, 0, n, StandardCharsets.UTF_8));
                    }
                } catch (IOException closed) {
                    // the launcher exited
                }
            });
            t.setDaemon(true);
            t.start();
        }

        boolean await(String what, long seconds) throws InterruptedException {
            long end = System.nanoTime() + TimeUnit.SECONDS.toNanos(seconds);
            while (System.nanoTime() < end) {
                if (text.indexOf(what) >= 0) {
                    return true;
                }
                Thread.sleep(100);
            }
            return false;
        }

        @Override
        public String toString() {
            return text.toString();
        }
    }

    private static void send(OutputStream shell, String line) throws IOException {
        shell.write((line + "\n").getBytes(StandardCharsets.UTF_8));
        shell.flush();
    }

    @Test
    public void droppedJarIsComparedNextToTheOthers() throws Exception {
        File launcher = new File(System.getProperty("recon.launcher", ""));
        assumeTrue("launcher.jar not found at " + launcher + " (build the main project first)", launcher.isFile());
        Path work = Files.createTempDirectory("cg-sense-deploy");
        Path deploy = Files.createDirectories(work.resolve("deploy"));
        Process p = new ProcessBuilder(System.getProperty("java.home") + "/bin/java", "-jar",
                launcher.getAbsolutePath(), "serve", "--deploy", deploy.toString(), "--poll", "200")
                .directory(work.toFile()).redirectErrorStream(true).start();
        Console console = new Console(p.getInputStream());
        try (OutputStream shell = p.getOutputStream()) {
            assertTrue("launcher did not start: " + console, console.await("Watching", 60));
            Path jar = new File(System.getProperty("bundle.under.test")).toPath();
            Path tmp = deploy.resolve("cg-sense.jar.part");
            Files.copy(jar, tmp);
            Files.move(tmp, deploy.resolve("cg-sense.jar"), StandardCopyOption.ATOMIC_MOVE);
            // ask until File Install has installed and started the bundle
            long end = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
            while (!console.toString().contains("cg-sense       CG-SENSE") && System.nanoTime() < end) {
                send(shell, "recon:methods");
                Thread.sleep(1000);
            }
            assertTrue("the dropped bundle never appeared: " + console,
                    console.toString().contains("cg-sense       CG-SENSE (ESPIRiT maps)"));
            send(shell, "recon:compare -m zero-filled@4:20,grappa@4:20,cs@4:20,cg-sense@4:20 --matrix 128 --coils 8 "
                    + "--slices 2 --no-progress -o report");
            send(shell, "exit");
        }
        assertTrue("launcher did not exit: " + console, p.waitFor(300, TimeUnit.SECONDS));
        String out = console.toString();
        System.out.println(out);
        assertEquals(out, 0, p.exitValue());
        // The first table is the headline one (against the phantom's noise-free truth, anatomy only); it ends with the
        // columns NMSE, PSNR [dB], SSIM, s/slice, so the scores are read counted from the right.
        Map<String, Double> ssim = new HashMap<>();
        Map<String, Double> psnr = new HashMap<>();
        boolean inTable = false;
        for (String line : out.split("\n")) {
            String[] f = line.replace("recon> ", "").trim().split("\\s+");
            if (!inTable && f[0].equals("trial")) {
                assertEquals("headline table columns: " + line, List.of("NMSE", "PSNR", "[dB]", "SSIM", "s/slice"),
                        Arrays.asList(f).subList(f.length - 5, f.length));
                inTable = true;
            } else if (inTable && f[0].endsWith("@4:20")) {
                psnr.put(f[0], Double.parseDouble(f[f.length - 3]));
                ssim.put(f[0], Double.parseDouble(f[f.length - 2]));
            } else if (inTable) {
                break; // end of the headline table
            }
        }
        assertEquals("one table row per method:\n" + out, 4, ssim.size());
        double zf = ssim.get("zero-filled@4:20");
        double cg = ssim.get("cg-sense@4:20");
        assertTrue("CG-SENSE SSIM " + cg + " must beat zero-filled " + zf + ":\n" + out, cg > zf);
        // Same data, same protocol: a working SENSE reconstruction lands near the built-in parallel-imaging methods.
        double grappa = psnr.get("grappa@4:20");
        assertTrue("CG-SENSE PSNR " + psnr.get("cg-sense@4:20") + " far below GRAPPA 4x:\n" + out,
                psnr.get("cg-sense@4:20") > grappa - 3);
        assertTrue(Files.isRegularFile(work.resolve("report/report.html")));
    }
}
