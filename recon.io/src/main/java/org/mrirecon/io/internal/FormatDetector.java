package org.mrirecon.io.internal;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.FileSystemException;
import java.nio.file.FileSystemLoopException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Arrays;
import java.util.Locale;

import org.mrirecon.io.Cfl;
import org.mrirecon.io.DataFormat;
import org.mrirecon.io.DataFormatException;

/**
 * Finds a file's format from its content: the HDF5 signature (at offset 0 or a user-block boundary 512, 1024, ...),
 * the NumPy magic, a zip archive (npz), or a BART header ({@code # Dimensions}) beside the named path. Extensions
 * only locate BART's pair; they never decide a format.
 */
public final class FormatDetector {

    /** What the file is on disk: the container, before HDF5 files are told apart by their datasets. */
    public enum Container { HDF5, NPY, NPZ, BART }

    private static final byte[] HDF5 = {(byte) 0x89, 'H', 'D', 'F', '\r', '\n', 0x1a, '\n'};
    private static final byte[] ZIP = {'P', 'K', 3, 4};

    private FormatDetector() {
    }

    public static Container container(Path file) throws DataFormatException {
        if (file == null) {
            throw new DataFormatException(null, "no input file was given", "pass the path of a raw-data file ("
                    + DataFormat.supported() + ")");
        }
        Path hdr = bartHeader(file);
        if (hdr != null) {
            return Container.BART;
        }
        requireReadableFile(file);
        byte[] head = read(file, 0, 8);
        if (NpyCodec.isNpy(head)) {
            return Container.NPY;
        }
        if (startsWith(head, ZIP)) {
            return Container.NPZ;
        }
        if (isHdf5(file)) {
            return Container.HDF5;
        }
        throw new DataFormatException(file, "unknown format (the file starts with bytes " + hex(head) + ")",
                "give a file in one of the supported formats: " + DataFormat.supported());
    }

    /** The BART header for a path that names a cfl/hdr pair or its base name, or null when there is none. */
    private static Path bartHeader(Path file) throws DataFormatException {
        String name = file.getFileName() == null ? "" : file.getFileName().toString();
        Path base = Cfl.base(file);
        Path hdr = base.resolveSibling(base.getFileName() + ".hdr");
        boolean named = name.endsWith(".cfl") || name.endsWith(".hdr");
        if (Files.isDirectory(file) || !named && Files.exists(file)) {
            return null;
        }
        if (Files.isRegularFile(hdr) && Cfl.isHeader(hdr)) {
            return hdr;
        }
        if (name.endsWith(".cfl") && Files.exists(file)) {
            throw new DataFormatException(file, "BART data without its header " + hdr.getFileName(),
                    "a .cfl needs the .hdr that BART wrote beside it");
        }
        return null;
    }

    private static void requireReadableFile(Path file) throws DataFormatException {
        if (!Files.exists(file)) {
            if (Files.isSymbolicLink(file)) {
                throw brokenLink(file);
            }
            throw new DataFormatException(file, "file not found", "check the path");
        }
        if (Files.isDirectory(file)) {
            throw new DataFormatException(file, "is a directory, not a file", "give one file inside it");
        }
        if (!Files.isRegularFile(file)) {
            // reading a pipe would wait for a writer, a device may never end: refuse before opening it
            throw new DataFormatException(file, "is " + special(file) + ", not a regular file",
                    "give the raw-data file itself (copy the stream to a file first)");
        }
        if (!Files.isReadable(file)) {
            throw new DataFormatException(file, "cannot be read (permission denied)",
                    "grant read permission (chmod u+r) or run as its owner");
        }
        try {
            if (Files.size(file) == 0) {
                throw new DataFormatException(file, "the file is empty", "the copy failed or was cut: copy it again");
            }
        } catch (IOException e) {
            throw new DataFormatException(file, "cannot be read (" + e + ")", "check the path and permissions", e);
        }
    }

    /**
     * The error for a path whose symbolic links lead nowhere: a loop (the links point at each other) or a link to a
     * path that does not exist.
     */
    public static DataFormatException brokenLink(Path file) {
        try {
            file.toRealPath();
            return new DataFormatException(file, "the symbolic link cannot be followed", "check the link (ls -l)");
        } catch (FileSystemLoopException e) {
            return loop(file, e);
        } catch (FileSystemException e) {
            if (e.getReason() != null && e.getReason().toLowerCase(Locale.ROOT).contains("levels of symbolic links")) {
                return loop(file, e);
            }
            return dangling(file, e);
        } catch (IOException e) {
            return dangling(file, e);
        }
    }

    private static DataFormatException loop(Path file, IOException e) {
        return new DataFormatException(file, "is a symbolic link that loops (its links point back at each other)",
                "point the link at the real file (ls -l shows where each link leads)", e);
    }

    private static DataFormatException dangling(Path file, IOException e) {
        String target;
        try {
            target = Files.readSymbolicLink(file).toString();
        } catch (IOException | UnsupportedOperationException x) {
            target = "a path";
        }
        return new DataFormatException(file, "is a symbolic link to " + target + ", which does not exist",
                "the file was moved or deleted: point the link at the file or give its real path", e);
    }

    /** What a path that is neither a regular file nor a directory is, in words. */
    private static String special(Path file) {
        try {
            int mode = (Integer) Files.getAttribute(file, "unix:mode");
            switch (mode & 0170000) {
                case 0010000:
                    return "a named pipe (FIFO)";
                case 0020000:
                    return "a character device";
                case 0060000:
                    return "a block device";
                case 0140000:
                    return "a socket";
                default:
                    break;
            }
        } catch (IOException | UnsupportedOperationException | IllegalArgumentException | ClassCastException e) {
            // no unix view: say what it is not
        }
        return "a pipe, device or socket";
    }

    private static boolean isHdf5(Path file) throws DataFormatException {
        try {
            long size = Files.size(file);
            // HDF5 puts its signature at 0 or, after a user block, at 512, 1024, 2048, ...
            for (long offset = 0; offset + HDF5.length <= size; offset = offset == 0 ? 512 : 2 * offset) {
                if (Arrays.equals(read(file, offset, HDF5.length), HDF5)) {
                    return true;
                }
            }
            return false;
        } catch (IOException e) {
            throw new DataFormatException(file, "cannot be read (" + e + ")", "check the file", e);
        }
    }

    private static byte[] read(Path file, long offset, int n) throws DataFormatException {
        try (FileChannel ch = FileChannel.open(file, StandardOpenOption.READ)) {
            ByteBuffer b = ByteBuffer.allocate(n);
            while (b.hasRemaining() && ch.read(b, offset + b.position()) > 0) {
                // read until n bytes or the end of the file
            }
            return Arrays.copyOf(b.array(), b.position());
        } catch (IOException e) {
            throw new DataFormatException(file, "cannot be read (" + e + ")", "check the path and permissions", e);
        }
    }

    private static boolean startsWith(byte[] head, byte[] prefix) {
        return head.length >= prefix.length && Arrays.equals(Arrays.copyOf(head, prefix.length), prefix);
    }

    private static String hex(byte[] bytes) {
        StringBuilder s = new StringBuilder();
        for (byte b : bytes) {
            s.append(String.format("%02x", b));
        }
        return s.length() == 0 ? "(none)" : s.toString();
    }
}
