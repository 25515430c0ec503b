package org.mrirecon.cli.worker;

import java.io.IOException;
import java.nio.ByteOrder;
import java.nio.MappedByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;

/**
 * Memory shared with one worker process for the bulk of a request (a volume's k-space): files in a private folder
 * on a memory file system ({@code /dev/shm} where there is one), mapped by both processes. The launcher writes the
 * acquired lines once, the socket carries only the file's name, and the worker reads them from its own mapping.
 * Through the socket alone, megabytes of k-space pass in socket-buffer-sized pieces, each waiting for the other
 * process to be scheduled: on a busy machine that wait costs more than the copy. Regions are reused, so their
 * pages are faulted in once.
 */
final class SharedRegions implements AutoCloseable {

    /** A file mapped for one request at a time. */
    record Region(Path file, MappedByteBuffer buffer) {
    }

    private final Path dir;
    private final Deque<Region> free = new ArrayDeque<>();
    private final List<Region> all = new ArrayList<>();
    private int created;

    SharedRegions() throws IOException {
        Path shm = Path.of("/dev/shm");
        Path base = Files.isDirectory(shm) && Files.isWritable(shm) ? shm : Path.of(System.getProperty("java.io.tmpdir"));
        dir = Files.createTempDirectory(base, "recon-worker-",
                PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rwx------")));
    }

    /** A region of at least that many bytes, for the caller alone until given back. */
    synchronized Region take(long bytes) throws IOException {
        for (Region r : free) {
            if (r.buffer().capacity() >= bytes) {
                free.remove(r);
                r.buffer().clear();
                return r;
            }
        }
        if (bytes > Integer.MAX_VALUE - 64) {
            throw new IOException("a request of " + bytes + " bytes is too large to share");
        }
        Path file = dir.resolve("region-" + ++created);
        long size = Math.min(Integer.MAX_VALUE - 64, Math.max(bytes + bytes / 4, 1 << 20));
        try (FileChannel ch = FileChannel.open(file, StandardOpenOption.CREATE_NEW, StandardOpenOption.READ,
                StandardOpenOption.WRITE)) {
            MappedByteBuffer b = ch.map(FileChannel.MapMode.READ_WRITE, 0, size);
            b.order(ByteOrder.LITTLE_ENDIAN);
            Region r = new Region(file, b);
            all.add(r);
            return r;
        }
    }

    synchronized void give(Region r) {
        free.push(r);
        while (free.size() > 2) { // a volume's worth each: keep the two most recent, drop the rest
            Region old = free.removeLast();
            all.remove(old);
            delete(old.file());
        }
    }

    @Override
    public synchronized void close() {
        all.forEach(r -> delete(r.file()));
        all.clear();
        free.clear();
        delete(dir);
    }

    private static void delete(Path p) {
        try {
            Files.deleteIfExists(p);
        } catch (IOException stays) {
            // a file system that is going away; nothing to do
        }
    }
}
