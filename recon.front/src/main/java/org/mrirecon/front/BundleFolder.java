package org.mrirecon.front;

import java.io.IOException;
import java.io.InputStream;
import java.nio.channels.FileChannel;
import java.nio.channels.OverlappingFileLockException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.BasicFileAttributes;
import java.nio.file.attribute.FileTime;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.ConcurrentHashMap;
import java.util.jar.JarFile;

/**
 * The launcher jar's embedded bundles, extracted once per jar into the user's cache folder, so that the framework
 * installs them by reference instead of inflating and copying every one of them at every start. The folder is
 * named by the jar's size and modification time (a rebuilt jar gets a new one) and appears whole or not at all:
 * it is written under a temporary name and renamed, so concurrent first starts at worst both extract. Only the
 * bundle jars are shared; each process keeps its own framework storage.
 *
 * <p>Every rebuilt jar extracts a new folder (about 30 MB), so a new folder's extraction deletes older builds' folders:
 * all but the two most recently used, and any unused for two days. A process claims its folder for its lifetime with
 * a shared lock on the folder's {@value #IN_USE} file (a running process still needs it: Felix reads a bundle's jar
 * again when the bundle is refreshed, as File Install does under {@code serve --deploy}), and a folder is only deleted under an exclusive lock, which a claim prevents. The
 * front door claims the folder once per process and hands it to {@link FrameworkLauncher}.
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
        String home = System.getenv("XDG_CACHE_HOME");
        Path cache = home != null && !home.isBlank() ? Path.of(home)
                : Path.of(System.getProperty("user.home"), ".cache");
        return of(cache.resolve("mri-recon"), launcherJar, jar, entries);
    }

    /** As {@link #of(Path, JarFile, List)}, in the given cache folder; the folder returned is claimed (see above). */
    static Path of(Path cache, Path launcherJar, JarFile jar, List<String> entries) {
        try {
            Path folder = cache.resolve("bundles-" + Files.size(launcherJar) + "-"
                    + Files.getLastModifiedTime(launcherJar).toMillis());
            if (Files.isDirectory(folder) && claim(folder) && complete(folder, entries)) {
                Files.setLastModifiedTime(folder, FileTime.fromMillis(System.currentTimeMillis())); // see prune
                return folder;
            }
            release(folder); // deleted under us by another process's prune, or half there: extract it again
            Files.createDirectories(cache);
            prune(cache, folder);
            Path partial = Files.createTempDirectory(cache, folder.getFileName() + ".part");
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
            return claim(folder) && complete(folder, entries) ? folder : null;
        } catch (IOException | SecurityException e) {
            return null; // a read-only home: install from the jar as before
        }
    }

    /** The lock file whose shared lock marks a folder in use. */
    static final String IN_USE = ".in-use";

    /** Folders this process has claimed, with the channels that hold their locks (released at exit). */
    private static final Map<Path, FileChannel> CLAIMED = new ConcurrentHashMap<>();

    /**
     * Takes a shared lock on the folder's {@value #IN_USE} file for this process's lifetime. False if the folder is
     * gone; true without a lock where the file cannot be written (a read-only cache is never pruned anyway).
     */
    private static boolean claim(Path folder) {
        if (CLAIMED.containsKey(folder)) {
            return Files.isDirectory(folder);
        }
        FileChannel channel = null;
        try {
            channel = FileChannel.open(folder.resolve(IN_USE), StandardOpenOption.CREATE, StandardOpenOption.READ,
                    StandardOpenOption.WRITE);
            channel.lock(0, Long.MAX_VALUE, true); // waits while another process deletes the folder under its lock
            CLAIMED.put(folder, channel);
            return Files.isDirectory(folder);
        } catch (java.nio.file.NoSuchFileException gone) {
            return false;
        } catch (IOException e) {
            close(channel);
            return Files.isDirectory(folder);
        }
    }

    /** Gives up this process's claim on a folder (the process's exit does it otherwise). */
    static void release(Path folder) {
        close(CLAIMED.remove(folder));
    }

    private static void close(FileChannel channel) {
        if (channel != null) {
            try {
                channel.close();
            } catch (IOException e) {
                // the lock goes with the process
            }
        }
    }

    /** How many other extracted folders to keep, the most recently used first (e.g. two installed versions). */
    private static final int KEEP_RECENT = 2;
    /** How long an extracted folder may go unused before a new one's extraction deletes it. */
    private static final long UNUSED_MS = 2L * 24 * 3600 * 1000;
    /** How old a half-extracted folder must be to be taken as abandoned (a process killed while extracting). */
    private static final long ABANDONED_MS = 3600L * 1000;

    private static void prune(Path cache, Path keep) {
        List<Path> others = new ArrayList<>();
        try (var folders = Files.newDirectoryStream(cache, "bundles-*")) {
            for (Path f : folders) {
                if (!f.equals(keep)) {
                    others.add(f);
                }
            }
        } catch (IOException e) {
            return; // nothing pruned
        }
        long now = System.currentTimeMillis();
        others.sort(Comparator.comparingLong(BundleFolder::modified).reversed());
        int recent = 0;
        for (Path f : others) {
            long unused = now - modified(f);
            if (f.getFileName().toString().contains(".part")) {
                if (unused > ABANDONED_MS) {
                    deleteTree(f);
                }
            } else if (recent < KEEP_RECENT && unused <= UNUSED_MS) {
                recent++;
            } else {
                deleteUnlessInUse(f);
            }
        }
    }

    private static long modified(Path f) {
        try {
            return Files.getLastModifiedTime(f).toMillis();
        } catch (IOException e) {
            return 0;
        }
    }

    private static void deleteUnlessInUse(Path folder) {
        if (CLAIMED.containsKey(folder)) {
            return; // ours; and closing a second channel on its lock file could drop our lock (POSIX record locks)
        }
        try (FileChannel channel = FileChannel.open(folder.resolve(IN_USE), StandardOpenOption.CREATE,
                StandardOpenOption.WRITE)) {
            if (channel.tryLock() != null) { // released when the channel closes, after the folder is gone
                deleteTree(folder);
            }
        } catch (OverlappingFileLockException | IOException inUseOrUnwritable) {
            // being deleted by another thread, or not ours to delete
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
