package org.mrirecon.front;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;
import java.util.jar.JarFile;

/**
 * The launcher jar's embedded bundles, extracted once per jar into the user's cache folder, so that the framework
 * installs them by reference instead of inflating and copying every one of them at every start. The folder is
 * named by the jar's size and modification time (a rebuilt jar gets a new one) and appears whole or not at all:
 * it is written under a temporary name and renamed, so concurrent first starts at worst both extract. Only the
 * bundle jars are shared; each process keeps its own framework storage. A folder unused for two days (an older
 * build's) is deleted when a new one is extracted.
 */
final class BundleFolder {

    private BundleFolder() {
    }

    /** The jar entries of the bundles to install, in their order (bnd's {@code launch.bundles}). */
    static List<String> bundleEntries(JarFile jar) throws IOException {
        return bundleEntries(launchProperties(jar));
    }

    static List<String> bundleEntries(Properties launch) {
        List<String> entries = new ArrayList<>();
        for (String entry : launch.getProperty("launch.bundles", "").split(",")) {
            if (!entry.isBlank()) {
                entries.add(entry.strip());
            }
        }
        return entries;
    }

    /** The {@code launcher.properties} the build wrote into the jar: run properties and bnd's launch settings. */
    static Properties launchProperties(JarFile jar) throws IOException {
        Properties launch = new Properties();
        try (InputStream in = jar.getInputStream(jar.getEntry("launcher.properties"))) {
            launch.load(in);
        }
        return launch;
    }

    /** The folder holding every entry's jar by its file name, or null if the cache folder cannot be written. */
    static Path of(Path launcherJar, JarFile jar, List<String> entries) {
        try {
            String home = System.getenv("XDG_CACHE_HOME");
            Path cache = home != null && !home.isBlank() ? Path.of(home)
                    : Path.of(System.getProperty("user.home"), ".cache");
            Path folder = cache.resolve("mri-recon").resolve("bundles-" + Files.size(launcherJar) + "-"
                    + Files.getLastModifiedTime(launcherJar).toMillis());
            if (complete(folder, entries)) {
                Files.setLastModifiedTime(folder, java.nio.file.attribute.FileTime.fromMillis(
                        System.currentTimeMillis())); // in use: see prune
                return folder;
            }
            prune(folder.getParent());
            Files.createDirectories(folder.getParent());
            Path partial = Files.createTempDirectory(folder.getParent(), folder.getFileName() + ".part");
            try {
                for (String entry : entries) {
                    try (InputStream in = jar.getInputStream(jar.getEntry(entry))) {
                        Files.copy(in, partial.resolve(Path.of(entry).getFileName().toString()));
                    }
                }
                Files.move(partial, folder, StandardCopyOption.ATOMIC_MOVE);
            } catch (FileAlreadyExistsException | java.nio.file.DirectoryNotEmptyException raced) {
                // another process finished first: its folder is the same
            } finally {
                deleteTree(partial);
            }
            return complete(folder, entries) ? folder : null;
        } catch (IOException | SecurityException e) {
            return null; // a read-only home: install from the jar as before
        }
    }

    /** How long an extracted folder may go unused before a new one's extraction deletes it (old builds' jars). */
    private static final long UNUSED_MS = 2L * 24 * 3600 * 1000;

    private static void prune(Path cache) {
        try (var folders = Files.newDirectoryStream(cache, "bundles-*")) {
            long now = System.currentTimeMillis();
            for (Path f : folders) {
                if (now - Files.getLastModifiedTime(f).toMillis() > UNUSED_MS) {
                    deleteTree(f); // a process still running from it keeps its open jars
                }
            }
        } catch (IOException e) {
            // nothing pruned
        }
    }

    private static boolean complete(Path folder, List<String> entries) {
        for (String entry : entries) {
            if (!Files.isRegularFile(folder.resolve(Path.of(entry).getFileName().toString()))) {
                return false;
            }
        }
        return true;
    }

    /** Deletes a folder and everything in it, as far as it can. */
    static void deleteTree(Path root) {
        if (!Files.exists(root)) {
            return;
        }
        try {
            Files.walkFileTree(root, new SimpleFileVisitor<>() {
                @Override
                public FileVisitResult visitFile(Path file, BasicFileAttributes attrs) throws IOException {
                    Files.deleteIfExists(file);
                    return FileVisitResult.CONTINUE;
                }

                @Override
                public FileVisitResult postVisitDirectory(Path dir, IOException e) throws IOException {
                    Files.deleteIfExists(dir);
                    return FileVisitResult.CONTINUE;
                }
            });
        } catch (IOException e) {
            // a temporary folder left behind
        }
    }
}
