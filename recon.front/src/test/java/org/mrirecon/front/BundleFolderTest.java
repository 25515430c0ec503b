package org.mrirecon.front;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.util.List;
import java.util.TreeSet;
import java.util.concurrent.TimeUnit;
import java.util.jar.JarEntry;
import java.util.jar.JarFile;
import java.util.jar.JarOutputStream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Every rebuilt launcher jar extracts a new bundle folder of about 30 MB; a developer who rebuilds all day must not
 * fill the disk, and a running process must not lose its folder. Each "build" below is the same small jar with another
 * modification time, which names another folder.
 */
class BundleFolderTest {

    private static final List<String> ENTRIES = List.of("jar/a.jar", "jar/b.jar");
    private static final long MINUTE = 60_000;

    @TempDir
    Path dir;

    private Path launcher;
    private long now;

    /** Extracts the folder of the jar as modified {@code minutesAgo} before the test began. */
    private Path build(Path cache, long minutesAgo) throws IOException {
        if (launcher == null) {
            launcher = dir.resolve("launcher.jar");
            try (JarOutputStream out = new JarOutputStream(Files.newOutputStream(launcher))) {
                for (String entry : ENTRIES) {
                    out.putNextEntry(new JarEntry(entry));
                    out.write(entry.getBytes(StandardCharsets.UTF_8));
                    out.closeEntry();
                }
            }
            now = System.currentTimeMillis();
        }
        Files.setLastModifiedTime(launcher, FileTime.fromMillis(now - minutesAgo * MINUTE));
        try (JarFile jar = new JarFile(launcher.toFile())) {
            Path folder = BundleFolder.of(cache, launcher, jar, ENTRIES);
            assertNotNull(folder);
            assertEquals("jar/b.jar", Files.readString(folder.resolve("b.jar")));
            return folder;
        }
    }

    /** Marks a folder last used {@code minutesAgo} (as a start from it would have). */
    private void lastUsed(Path folder, long minutesAgo) throws IOException {
        Files.setLastModifiedTime(folder, FileTime.fromMillis(now - minutesAgo * MINUTE));
    }

    private static TreeSet<String> folders(Path cache) throws IOException {
        try (var list = Files.list(cache)) {
            return list.map(f -> f.getFileName().toString()).collect(TreeSet::new, TreeSet::add, TreeSet::addAll);
        }
    }

    @Test
    void aNewBuildKeepsTheTwoMostRecentlyUsedFoldersAndThoseInUse() throws IOException {
        Path cache = dir.resolve("cache");
        Path first = build(cache, 50); // still claimed below: a serve started from the first build
        Path second = build(cache, 40);
        BundleFolder.release(second);
        lastUsed(second, 30);
        Path third = build(cache, 20);
        BundleFolder.release(third);
        lastUsed(third, 10);
        lastUsed(first, 45);
        Path fourth = build(cache, 5);
        BundleFolder.release(fourth);
        lastUsed(fourth, 4);
        // The fifth build keeps the fourth and the third (the most recent), the first (in use), not the second.
        Path fifth = build(cache, 0);
        assertEquals(new TreeSet<>(List.of(first, third, fourth, fifth).stream()
                .map(f -> f.getFileName().toString()).toList()), folders(cache));
        assertFalse(Files.exists(second));
        // Using a folder again makes it recent: starting from the first build, then a sixth build, keeps the first.
        BundleFolder.release(first);
        assertEquals(first, build(cache, 50));
        BundleFolder.release(first);
        BundleFolder.release(fifth);
        lastUsed(fifth, 2);
        build(cache, -5);
        assertTrue(Files.exists(first));
        assertFalse(Files.exists(third), "the least recently used of the unclaimed folders goes");
    }

    @Test
    void aFolderUnusedForTwoDaysGoesEvenIfRecentAndAHalfExtractedOneAfterAnHour() throws IOException {
        Path cache = dir.resolve("cache");
        Path old = build(cache, 10);
        BundleFolder.release(old);
        lastUsed(old, 3 * 24 * 60);
        Path abandoned = Files.createDirectories(cache.resolve(old.getFileName() + ".part123"));
        lastUsed(abandoned, 61);
        Path fresh = Files.createDirectories(cache.resolve("bundles-9-9.part456")); // another process extracting
        build(cache, 0);
        assertFalse(Files.exists(old));
        assertFalse(Files.exists(abandoned));
        assertTrue(Files.exists(fresh));
    }

    /** A folder another process has claimed (a shared lock on its lock file) stays, however old; then it goes. */
    @Test
    void aFolderClaimedByAnotherProcessIsNotDeleted() throws Exception {
        Path cache = dir.resolve("cache");
        Path old = build(cache, 30);
        BundleFolder.release(old);
        lastUsed(old, 3 * 24 * 60);
        Path holder = dir.resolve("HoldLock.java");
        Files.writeString(holder, """
                import java.nio.channels.FileChannel;
                import java.nio.file.Path;
                import java.nio.file.StandardOpenOption;
                public class HoldLock {
                    public static void main(String[] args) throws Exception {
                        try (FileChannel c = FileChannel.open(Path.of(args[0]), StandardOpenOption.READ,
                                StandardOpenOption.WRITE)) {
                            c.lock(0, Long.MAX_VALUE, true);
                            System.out.println("locked");
                            System.in.read(); // until the test closes our standard input
                        }
                    }
                }
                """);
        Path java = Path.of(System.getProperty("java.home"), "bin", "java");
        Process other = new ProcessBuilder(java.toString(), holder.toString(),
                old.resolve(BundleFolder.IN_USE).toString()).redirectErrorStream(true).start();
        try {
            BufferedReader said = new BufferedReader(new InputStreamReader(other.getInputStream(),
                    StandardCharsets.UTF_8));
            assertEquals("locked", said.readLine());
            Path next = build(cache, 20);
            BundleFolder.release(next);
            assertTrue(Files.exists(old.resolve("a.jar")), "claimed by another process");
        } finally {
            try (OutputStream in = other.getOutputStream()) {
                in.write('\n');
            }
            assertTrue(other.waitFor(30, TimeUnit.SECONDS));
        }
        lastUsed(old, 3 * 24 * 60);
        build(cache, 10);
        assertFalse(Files.exists(old), "released: unused for three days");
    }
}
