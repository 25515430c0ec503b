package org.mrirecon.front;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.List;
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
                FrameworkLauncher.deleteTree(partial);
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
                    FrameworkLauncher.deleteTree(f); // a process still running from it keeps its open jars
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
}
