package org.mrirecon.itest;

import static org.junit.Assert.assertTrue;

import java.io.File;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.FileTime;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/** {@code launcher.jar serve} in a separate JVM, driven through its shell as a user types into it. */
final class LauncherShell implements AutoCloseable {

    /** recon:jobs prints this when nothing runs: the end of every command sent with {@link #run}. */
    private static final String MARK = "No jobs are running.";

    final Process process;
    final Path work;
    final Path deploy;
    private final StringBuffer text = new StringBuffer();
    private final OutputStream shell;

    private LauncherShell(Process process, Path work, Path deploy) {
        this.process = process;
        this.work = work;
        this.deploy = deploy;
        this.shell = process.getOutputStream();
        InputStream in = process.getInputStream();
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

    /** Starts serve with a fresh deploy folder; jvm options (e.g. -Drecon.jobs.X=Y) go before -jar. */
    static LauncherShell serve(List<String> jvm, String... serveArgs) throws IOException, InterruptedException {
        File jar = new File(System.getProperty("itest.launcher"));
        assertTrue("launcher jar missing: " + jar, jar.isFile());
        Path work = Files.createTempDirectory("recon-serve");
        Path deploy = Files.createDirectories(work.resolve("deploy"));
        List<String> cmd = new ArrayList<>(List.of(System.getProperty("java.home") + "/bin/java"));
        cmd.addAll(jvm);
        cmd.addAll(List.of("-jar", jar.getAbsolutePath(), "serve", "--deploy", deploy.toString(), "--poll", "200"));
        cmd.addAll(List.of(serveArgs));
        Process p = new ProcessBuilder(cmd).directory(work.toFile()).redirectErrorStream(true).start();
        LauncherShell s = new LauncherShell(p, work, deploy);
        assertTrue("launcher did not start: " + s, s.await("Watching", 180));
        return s;
    }

    void send(String line) throws IOException {
        shell.write((line + "\n").getBytes(StandardCharsets.UTF_8));
        shell.flush();
    }

    int length() {
        return text.length();
    }

    String since(int from) {
        return text.substring(from);
    }

    boolean await(String what, long seconds) throws InterruptedException {
        return awaitFrom(0, what, seconds);
    }

    boolean awaitFrom(int from, String what, long seconds) throws InterruptedException {
        return awaitFrom(from, seconds, what);
    }

    /**
     * Waits (bounded) until a whole line containing the text has arrived (output comes in chunks, so the text may show
     * before the rest of its line) and returns that line, or null.
     */
    String awaitLine(String what, long seconds) throws InterruptedException {
        long end = System.nanoTime() + TimeUnit.SECONDS.toNanos(seconds);
        while (true) {
            int at = text.indexOf(what);
            int eol = at < 0 ? -1 : text.indexOf("\n", at);
            if (eol >= 0) {
                return text.substring(text.lastIndexOf("\n", at) + 1, eol);
            }
            if (!process.isAlive() || System.nanoTime() > end) {
                return null;
            }
            Thread.sleep(50);
        }
    }

    /** Waits (bounded) until any of the texts shows after {@code from}. */
    boolean awaitFrom(int from, long seconds, String... any) throws InterruptedException {
        long end = System.nanoTime() + TimeUnit.SECONDS.toNanos(seconds);
        while (true) {
            for (String what : any) {
                if (text.indexOf(what, from) >= 0) {
                    return true;
                }
            }
            if (!process.isAlive() || System.nanoTime() > end) {
                return false;
            }
            Thread.sleep(50);
        }
    }

    /** What one command printed and how long it took; null output if it did not end within the bound. */
    record Result(String output, double seconds, boolean ended) {
    }

    /** Sends a command and waits (bounded) until it has ended. */
    Result run(String command, long seconds) throws IOException, InterruptedException {
        int from = length();
        long t0 = System.nanoTime();
        send(command);
        send("recon:jobs");
        boolean ended = awaitFrom(from, MARK, seconds);
        double took = (System.nanoTime() - t0) / 1e9;
        String out = since(from);
        int mark = out.indexOf(MARK);
        return new Result(mark >= 0 ? out.substring(0, mark) : out, took, ended);
    }

    /** Copies a jar in under another name and renames it, as the docs tell users to. */
    void drop(Path jar, String as) throws IOException {
        Path tmp = deploy.resolve(as + ".part");
        Files.copy(jar, tmp, StandardCopyOption.REPLACE_EXISTING);
        Files.setLastModifiedTime(tmp, FileTime.fromMillis(System.currentTimeMillis()));
        Files.move(tmp, deploy.resolve(as), StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
    }

    @Override
    public void close() throws Exception {
        // the whole console, for whoever reads a failure (CI keeps target/)
        Path logs = Files.createDirectories(Path.of("target", "launcher-consoles"));
        Files.writeString(logs.resolve(work.getFileName() + ".log"), text);
        if (process.isAlive()) {
            try {
                send("exit");
            } catch (IOException gone) {
                // already exiting
            }
            if (!process.waitFor(60, TimeUnit.SECONDS)) {
                process.destroyForcibly();
            }
        }
    }

    @Override
    public String toString() {
        return text.toString();
    }
}
