package org.mrirecon.io;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

import org.mrirecon.api.KSpace;
import org.mrirecon.io.internal.FormatDetector;
import org.mrirecon.io.internal.Problems;

/**
 * BART's {@code .cfl}/{@code .hdr} pair: raw little-endian complex64 in column-major order (first dimension fastest)
 * and a text header whose {@code # Dimensions} line gives the 16 dimensions READ, PHS1, PHS2, COIL, MAPS, ...
 * A path may name the {@code .cfl}, the {@code .hdr} or their common base name, as BART's own tools accept.
 */
public final class Cfl {

    /** BART's number of dimensions (DIMS in BART's misc/mri.h). */
    public static final int DIMS = 16;

    private static final int CHUNK = 1 << 20;

    private Cfl() {
    }

    /** A complex array in BART's layout: column-major dimensions, interleaved (re, im) floats. */
    public static final class Array {
        private final int[] dims;
        private final float[] data;

        private Array(int[] dims, float[] data) {
            this.dims = dims;
            this.data = data;
        }

        /**
         * Wraps interleaved complex data of the given column-major dimensions (at most {@value #DIMS}; missing ones
         * are 1). The array is taken as it is, not copied: do not modify it afterwards.
         */
        public static Array of(float[] interleaved, int... dims) {
            if (dims.length == 0 || dims.length > DIMS) {
                throw new IllegalArgumentException("a cfl array has 1 to " + DIMS + " dimensions, got " + dims.length);
            }
            int[] full = padded(dims);
            long n = Problems.product(Arrays.stream(full).asLongStream().toArray());
            if (n < 1 || interleaved == null || interleaved.length != 2 * n) {
                throw new IllegalArgumentException("cfl dimensions " + Arrays.toString(dims) + " need " + 2 * n
                        + " floats, got " + (interleaved == null ? 0 : interleaved.length));
            }
            return new Array(full, interleaved);
        }

        /** All {@value #DIMS} dimensions (a copy). */
        public int[] dims() {
            return dims.clone();
        }

        public int dim(int i) {
            return dims[i];
        }

        /** The dimensions without trailing ones, as BART prints them. */
        public int[] shape() {
            return trimmed(dims);
        }

        /** The interleaved complex samples, column-major; the array itself, not a copy: do not modify it. */
        public float[] data() {
            return data;
        }
    }

    /** The k-space as BART k-space: dims [readouts, phaseEncodes, 1, coils] (READ, PHS1, PHS2, COIL). */
    public static Array of(KSpace k) {
        // column-major [kx + readouts * (ky + phaseEncodes * coil)] is exactly our flat [coil][ky][kx]
        return new Array(padded(k.readouts(), k.phaseEncodes(), 1, k.coils()), k.copyData());
    }

    /** Reads a cfl/hdr pair within the default read limit ({@link Readers#defaultLimit()}). */
    public static Array read(Path path) throws DataFormatException {
        return read(path, Readers.defaultLimit());
    }

    /** Reads a cfl/hdr pair; the header's size is checked against the data file and the limit before allocating. */
    public static Array read(Path path, long maxBytes) throws DataFormatException {
        Path base = base(path);
        Path hdr = header(base);
        Path cfl = data(base);
        requirePart(path, hdr, "header", "a .cfl needs its .hdr beside it, as BART writes them");
        requirePart(path, cfl, "data", "a .hdr needs its .cfl beside it, as BART writes them");
        int[] dims = dimensions(hdr);
        long n = Problems.product(Arrays.stream(dims).asLongStream().toArray());
        long bytes = n < 0 || n > Long.MAX_VALUE / 8 ? -1 : 8 * n;
        Problems.checkSize(cfl, "BART dimensions " + Arrays.toString(trimmed(dims)), bytes, maxBytes);
        if (2 * n > Integer.MAX_VALUE - 8) {
            throw new DataFormatException(cfl, "BART dimensions " + Arrays.toString(trimmed(dims)) + " hold " + n
                    + " samples, more than one Java array can", "split the data along a dimension (bart slice)");
        }
        try (FileChannel ch = FileChannel.open(cfl, StandardOpenOption.READ)) {
            if (ch.size() != bytes) {
                throw new DataFormatException(cfl, "the .cfl holds " + ch.size() + " bytes but its header declares "
                        + Arrays.toString(trimmed(dims)) + " = " + bytes + " bytes", ch.size() < bytes
                                ? "the file is truncated: copy it again" : "the .hdr does not belong to this .cfl");
            }
            float[] data = new float[(int) (2 * n)];
            ByteBuffer buf = ByteBuffer.allocate(CHUNK).order(ByteOrder.LITTLE_ENDIAN);
            int pos = 0;
            while (pos < data.length) {
                buf.clear();
                buf.limit((int) Math.min(CHUNK, 4L * (data.length - pos)));
                while (buf.hasRemaining()) {
                    if (ch.read(buf) < 0) {
                        throw new DataFormatException(cfl, "the .cfl ended early", "copy the file again");
                    }
                }
                buf.flip();
                int count = buf.remaining() / 4;
                buf.asFloatBuffer().get(data, pos, count);
                pos += count;
            }
            return new Array(dims, data);
        } catch (IOException e) {
            throw new DataFormatException(cfl, "the .cfl cannot be read (" + e + ")", "check the file's permissions",
                    e);
        }
    }

    /** Fails unless one half of the pair is a regular file (a pipe or device would block or never end). */
    private static void requirePart(Path path, Path part, String what, String fix) throws DataFormatException {
        if (Files.isRegularFile(part)) {
            return;
        }
        if (Files.exists(part)) {
            throw new DataFormatException(path, "BART " + what + " " + part.getFileName() + " is "
                    + (Files.isDirectory(part) ? "a directory" : "a pipe, device or socket") + ", not a regular file",
                    "give the .cfl/.hdr pair that BART wrote");
        }
        if (Files.isSymbolicLink(part)) {
            throw FormatDetector.brokenLink(part);
        }
        throw new DataFormatException(path, "BART " + what + " " + part.getFileName() + " not found", fix);
    }

    /** Writes the k-space as a cfl/hdr pair with dims [readouts, phaseEncodes, 1, coils]. */
    public static void write(Path path, KSpace k) throws IOException {
        write(path, of(k));
    }

    /** Writes a cfl/hdr pair at the base name of {@code path} (a {@code .cfl} or {@code .hdr} suffix is dropped). */
    public static void write(Path path, Array a) throws IOException {
        Path base = base(path);
        StringBuilder hdr = new StringBuilder("# Dimensions\n");
        for (int d : a.dims) {
            hdr.append(d).append(' ');
        }
        hdr.append('\n');
        Files.write(header(base), hdr.toString().getBytes(StandardCharsets.US_ASCII));
        try (FileChannel ch = FileChannel.open(data(base), StandardOpenOption.CREATE, StandardOpenOption.WRITE,
                StandardOpenOption.TRUNCATE_EXISTING)) {
            ByteBuffer buf = ByteBuffer.allocate(CHUNK).order(ByteOrder.LITTLE_ENDIAN);
            for (int pos = 0; pos < a.data.length;) {
                int count = Math.min(CHUNK / 4, a.data.length - pos);
                buf.clear();
                buf.asFloatBuffer().put(a.data, pos, count);
                buf.limit(4 * count);
                while (buf.hasRemaining()) {
                    ch.write(buf);
                }
                pos += count;
            }
        }
    }

    /** The base name BART uses: the path without a {@code .cfl} or {@code .hdr} suffix. */
    public static Path base(Path path) {
        String name = path.getFileName() == null ? "" : path.getFileName().toString();
        if (name.endsWith(".cfl") || name.endsWith(".hdr")) {
            return path.resolveSibling(name.substring(0, name.length() - 4));
        }
        return path;
    }

    /** True when the text file starts like a BART header (a {@code # Dimensions} line). */
    public static boolean isHeader(Path hdr) {
        try (var lines = Files.lines(hdr, StandardCharsets.ISO_8859_1)) {
            return lines.limit(1).anyMatch(l -> l.trim().equals("# Dimensions"));
        } catch (IOException | java.io.UncheckedIOException e) {
            return false;
        }
    }

    static Path header(Path base) {
        return base.resolveSibling(base.getFileName() + ".hdr");
    }

    static Path data(Path base) {
        return base.resolveSibling(base.getFileName() + ".cfl");
    }

    private static int[] dimensions(Path hdr) throws DataFormatException {
        List<String> lines;
        try {
            lines = Files.readAllLines(hdr, StandardCharsets.ISO_8859_1);
        } catch (IOException e) {
            throw new DataFormatException(hdr, "the header cannot be read (" + e + ")", "check its permissions", e);
        }
        int at = lines.stream().map(String::trim).toList().indexOf("# Dimensions");
        if (at < 0 || at + 1 >= lines.size() || lines.get(at + 1).isBlank()) {
            throw new DataFormatException(hdr, "no '# Dimensions' line followed by the dimensions",
                    "the BART header is truncated or corrupt: write it again (bart copy)");
        }
        String[] tokens = lines.get(at + 1).trim().split("\\s+");
        if (tokens.length > DIMS) {
            throw new DataFormatException(hdr, tokens.length + " dimensions given, BART has " + DIMS,
                    "the BART header is corrupt: write it again");
        }
        List<Integer> dims = new ArrayList<>();
        for (int i = 0; i < tokens.length; i++) {
            try {
                int d = Integer.parseInt(tokens[i]);
                if (d < 1) {
                    throw new DataFormatException(hdr, "dimension " + i + " is " + d, "BART dimensions are at "
                            + "least 1; a zero dimension (for instance zero coils) holds no data");
                }
                dims.add(d);
            } catch (NumberFormatException e) {
                throw new DataFormatException(hdr, "dimension " + i + " is '" + tokens[i] + "', not a positive "
                        + "integer", "the BART header is corrupt: write it again");
            }
        }
        return padded(dims.stream().mapToInt(Integer::intValue).toArray());
    }

    private static int[] padded(int... dims) {
        int[] full = new int[DIMS];
        Arrays.fill(full, 1);
        System.arraycopy(dims, 0, full, 0, dims.length);
        return full;
    }

    private static int[] trimmed(int[] dims) {
        int n = dims.length;
        while (n > 1 && dims[n - 1] == 1) {
            n--;
        }
        return Arrays.copyOf(dims, n);
    }
}
