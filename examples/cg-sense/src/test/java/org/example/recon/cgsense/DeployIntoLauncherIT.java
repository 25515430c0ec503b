package org.example.recon.cgsense;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertTrue;
import static org.junit.Assume.assumeTrue;

import java.io.File;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.concurrent.TimeUnit;

import org.junit.Test;

/**
 * What a user does: start the launcher in serve mode, drop the bundle into its deploy folder, run compare in its
 * shell. The method must appear without a restart and be compared next to the built-in ones.
 */
public class DeployIntoLauncherIT {

    @Test
    public void droppedJarIsComparedNextToTheOthers() throws Exception {
        File launcher = new File(System.getProperty("recon.launcher", ""));
        assumeTrue("launcher.jar not found at " + launcher + " (build the main project first)", launcher.isFile());
        Path work = Files.createTempDirectory("cg-sense-deploy");
        Path deploy = Files.createDirectories(work.resolve("deploy"));
        Process p = new ProcessBuilder(System.getProperty("java.home") + "/bin/java", "-jar",
                launcher.getAbsolutePath(), "serve", "--deploy", deploy.toString(), "--poll", "200")
                .directory(work.toFile()).redirectErrorStream(true).start();
        try (OutputStream shell = p.getOutputStream()) {
            Path jar = new File(System.getProperty("bundle.under.test")).toPath();
            Path tmp = deploy.resolve("cg-sense.jar.part");
            Files.copy(jar, tmp);
            Files.move(tmp, deploy.resolve("cg-sense.jar"), StandardCopyOption.ATOMIC_MOVE);
            Thread.sleep(3000); // a few File Install scans
            String commands = "recon:methods\n"
                    + "recon:compare -m zero-filled@4:20,cg-sense@4:20 --matrix 128 --coils 8 --slices 2 "
                    + "--no-progress -o report\n"
                    + "exit\n";
            shell.write(commands.getBytes(StandardCharsets.UTF_8));
        }
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue("launcher did not exit", p.waitFor(180, TimeUnit.SECONDS));
        System.out.println(out);
        assertEquals(out, 0, p.exitValue());
        assertTrue(out, out.contains("cg-sense       CG-SENSE (ESPIRiT maps)"));
        double zf = Double.NaN;
        double cg = Double.NaN;
        for (String line : out.split("\n")) {
            String[] f = line.trim().split("\\s+");
            if (f.length == 11 && f[0].equals("zero-filled@4:20")) {
                zf = Double.parseDouble(f[9]);
            } else if (f.length == 11 && f[0].equals("cg-sense@4:20")) {
                cg = Double.parseDouble(f[9]);
            }
        }
        assertTrue(out, cg > zf);
        assertTrue(Files.isRegularFile(work.resolve("report/report.html")));
    }
}
