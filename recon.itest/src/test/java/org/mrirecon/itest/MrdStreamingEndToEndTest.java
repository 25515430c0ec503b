package org.mrirecon.itest;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertTrue;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.AfterClass;
import org.junit.BeforeClass;
import org.junit.Test;
import org.mrirecon.io.NumPy;
import org.mrirecon.mrd.MrdClient;
import org.mrirecon.mrd.MrdImage;
import org.mrirecon.mrd.MrdImageFile;

/**
 * The runnable launcher as an MRD server ({@code serve --mrd-port 0}) and as a client ({@code send}): the images a
 * stream returns equal the launcher's own {@code run} on the same file and method (its NumPy output), for GRAPPA,
 * CS and the VarNet, on a file made by ismrmrd_generate_cartesian_shepp_logan and on a multi-slice file.
 */
public class MrdStreamingEndToEndTest {

    private static final String[] METHODS = {"grappa", "cs", "varnet"};
    private static final String[] FILES = {"shepp_logan_64_4coil_R2.h5", "multislice_64_4coil_R2.h5"};
    private static Process serve;
    private static OutputStream shell;
    private static int port;
    private static final StringBuffer serveLog = new StringBuffer();

    @BeforeClass
    public static void startServer() throws Exception {
        Path dir = Files.createTempDirectory("recon-mrd-serve");
        List<String> cmd = List.of(System.getProperty("java.home") + "/bin/java", "-jar",
                System.getProperty("itest.launcher"), "serve", "--mrd-port", "0", "--deploy", "deploy");
        serve = new ProcessBuilder(cmd).directory(dir.toFile()).redirectErrorStream(true).start();
        shell = serve.getOutputStream(); // kept open: end of input would end the shell and the server
        CompletableFuture<Integer> listening = new CompletableFuture<>();
        Thread reader = new Thread(() -> {
            Pattern p = Pattern.compile("MRD server listening on [^ ]+:(\\d+)");
            try (BufferedReader r = new BufferedReader(new InputStreamReader(serve.getInputStream(),
                    StandardCharsets.UTF_8))) {
                for (String line = r.readLine(); line != null; line = r.readLine()) {
                    serveLog.append(line).append('\n');
                    Matcher m = p.matcher(line);
                    if (m.find()) {
                        listening.complete(Integer.parseInt(m.group(1)));
                    }
                }
            } catch (IOException ignored) {
                // the process ended
            }
            listening.completeExceptionally(new AssertionError("serve ended without an MRD server: " + serveLog));
        }, "serve-output");
        reader.setDaemon(true);
        reader.start();
        port = listening.get(180, TimeUnit.SECONDS);
    }

    @AfterClass
    public static void stopServer() throws Exception {
        if (serve == null) {
            return;
        }
        try {
            shell.write("exit\n".getBytes(StandardCharsets.UTF_8));
            shell.close();
        } catch (IOException alreadyGone) {
            // ended anyway
        }
        if (!serve.waitFor(60, TimeUnit.SECONDS)) {
            serve.destroyForcibly();
            throw new AssertionError("serve did not exit after 'exit': " + serveLog);
        }
        assertEquals(serveLog.toString(), 0, serve.exitValue());
    }

    private static Path fixture(String name) {
        return Path.of(System.getProperty("itest.mrdFixtures")).resolve(name);
    }

    /** max |a - b| / max |a|. */
    private static double relativeDifference(float[] a, float[] b) {
        assertEquals(a.length, b.length);
        double diff = 0;
        double max = 0;
        for (int i = 0; i < a.length; i++) {
            diff = Math.max(diff, Math.abs(a[i] - b[i]));
            max = Math.max(max, Math.abs(a[i]));
        }
        return diff / max;
    }

    private static float[] flat(List<MrdImage> images) {
        int n = images.get(0).pixels().length;
        float[] all = new float[images.size() * n];
        for (int i = 0; i < images.size(); i++) {
            System.arraycopy(images.get(i).pixels(), 0, all, i * n, n);
        }
        return all;
    }

    @Test
    public void streamedImagesEqualTheLaunchersRunForEveryMethodAndFile() throws Exception {
        Path dir = Files.createTempDirectory("recon-mrd-e2e");
        List<String> rows = new ArrayList<>();
        for (String file : FILES) {
            for (String method : METHODS) {
                MrdClient.Reply reply = MrdClient.to("127.0.0.1", port, method).timeout(300, TimeUnit.SECONDS)
                        .build().stream(fixture(file), null);
                assertTrue(method + " on " + file + ": " + reply.error(), reply.ok());
                List<MrdImage> images = new ArrayList<>(reply.images());
                images.sort(Comparator.comparingInt(MrdImage::repetition).thenComparingInt(MrdImage::slice));
                for (MrdImage img : images) {
                    assertEquals(method, img.attribute("Method"));
                    assertEquals("recon." + method, img.attribute("Bundle"));
                }
                String out = "run-" + method + "-" + file;
                LauncherEndToEndTest.Result run = LauncherEndToEndTest.launch(dir, "run", "-m", method, "-i",
                        fixture(file).toString(), "--no-progress", "-o", out);
                assertEquals(run.out, 0, run.exit);
                NumPy.Array expected = NumPy.readNpy(dir.resolve(out).resolve("numpy").resolve(method + ".npy"));
                assertEquals(images.size(), expected.shape()[0]);
                double d = relativeDifference(expected.data(), flat(images));
                rows.add(String.format(Locale.ROOT, "%-7s %-28s %d images: max |stream - run| / max |run| = %.2e",
                        method, file, images.size(), d));
                assertTrue(method + " on " + file + ": " + d, d <= 1e-6);
            }
        }
        System.out.println("MRD stream vs the launcher's run on the same file:\n  " + String.join("\n  ", rows));
    }

    @Test
    public void sendWritesTheImagesAsHdf5AndReportsServerErrors() throws Exception {
        Path dir = Files.createTempDirectory("recon-mrd-send");
        Path file = fixture("multislice_64_4coil_R2.h5");
        LauncherEndToEndTest.Result sent = LauncherEndToEndTest.launch(dir, "send", "-i", file.toString(), "--to",
                "127.0.0.1:" + port, "-c", "grappa", "-p", "lambda=0.05", "-o", "out.h5", "--npy", "out.npy");
        assertEquals(sent.out, 0, sent.exit);
        assertTrue(sent.out, sent.out.contains("6 image(s) from GRAPPA") && sent.out.contains("latency"));
        List<MrdImage> images = MrdImageFile.read(dir.resolve("out.h5"));
        assertEquals(6, images.size());
        float[] npy = NumPy.readNpy(dir.resolve("out.npy")).data();
        assertEquals(0.0, relativeDifference(npy, flat(images)), 0.0);
        for (MrdImage img : images) {
            assertEquals("0.05", img.attribute("Info.lambda"));
            assertEquals(-6f + 6f * img.slice(), img.position()[2], 0f);
        }
        LauncherEndToEndTest.Result run = LauncherEndToEndTest.launch(dir, "run", "-m", "grappa", "-p",
                "lambda=0.05", "-i", file.toString(), "--no-progress", "-o", "run");
        assertEquals(run.out, 0, run.exit);
        Path runNpy;
        try (var files = Files.list(dir.resolve("run/numpy"))) { // named after the trial's label
            runNpy = files.filter(f -> f.getFileName().toString().startsWith("grappa")).findFirst().orElseThrow();
        }
        double d = relativeDifference(NumPy.readNpy(runNpy).data(), npy);
        assertTrue("send vs run: " + d, d <= 1e-6);

        LauncherEndToEndTest.Result unknown = LauncherEndToEndTest.launch(dir, "send", "-i", file.toString(), "--to",
                "127.0.0.1:" + port, "-c", "no-such-method", "-o", "x.h5");
        assertEquals(unknown.out, 1, unknown.exit);
        assertTrue(unknown.out, unknown.out.contains("no reconstruction method 'no-such-method' is deployed")
                && unknown.out.contains("grappa") && !unknown.out.contains("\tat "));
        assertTrue("the server still serves", MrdClient.to("127.0.0.1", port, "zero-filled").build()
                .stream(file, null).ok());
    }
}
