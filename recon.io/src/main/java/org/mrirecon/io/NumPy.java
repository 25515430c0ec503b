package org.mrirecon.io;

import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Arrays;
import java.util.Enumeration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.zip.ZipEntry;
import java.util.zip.ZipException;
import java.util.zip.ZipFile;
import java.util.zip.ZipOutputStream;

import org.mrirecon.io.internal.NpyCodec;
import org.mrirecon.io.internal.Problems;

/**
 * NumPy {@code .npy} arrays (format 1.0, little-endian, C order) and {@code .npz} archives of them: what a Python
 * user opens with {@code numpy.load}. Reading accepts format versions 1 to 3, either byte order, real, boolean,
 * integer and complex dtypes (converted to float32 or complex64); Fortran-ordered arrays are refused.
 */
public final class NumPy {

    private NumPy() {
    }

    /** An array: dtype {@code <f4} (float32) or {@code <c8} (complex64, data interleaved re/im), C order. */
    public static final class Array {
        private final String dtype;
        private final int[] shape;
        private final float[] data;

        private Array(String dtype, int[] shape, float[] data) {
            long n = Problems.product(Arrays.stream(shape).asLongStream().toArray());
            long expected = dtype.equals("<c8") ? 2 * n : n;
            if (n < 0 || data.length != expected) {
                throw new IllegalArgumentException("array of shape " + Arrays.toString(shape) + " and dtype " + dtype
                        + " needs " + expected + " floats, got " + data.length);
            }
            this.dtype = dtype;
            this.shape = shape.clone();
            this.data = data;
        }

        /** A float32 array; the data is taken as it is, not copied. */
        public static Array float32(float[] data, int... shape) {
            return new Array("<f4", shape, data);
        }

        /** A complex64 array of interleaved (re, im) floats; the data is taken as it is, not copied. */
        public static Array complex64(float[] interleaved, int... shape) {
            return new Array("<c8", shape, interleaved);
        }

        public boolean isComplex() {
            return dtype.equals("<c8");
        }

        public String dtype() {
            return dtype;
        }

        public int[] shape() {
            return shape.clone();
        }

        /** The values (interleaved re/im when complex), C order; the array itself: do not modify it. */
        public float[] data() {
            return data;
        }
    }

    /** The bytes of one {@code .npy} file. */
    public static byte[] npy(Array a) {
        StringBuilder shape = new StringBuilder("(");
        for (int d : a.shape) {
            shape.append(d).append(", ");
        }
        if (a.shape.length > 1) {
            shape.setLength(shape.length() - 2);
        } else if (a.shape.length == 1) {
            shape.setLength(shape.length() - 1);
        }
        shape.append(")");
        String dict = "{'descr': '" + a.dtype + "', 'fortran_order': False, 'shape': " + shape + ", }";
        // magic (6) + version (2) + header length (2) + header, padded with spaces to a multiple of 64, ending '\n'
        int unpadded = 10 + dict.length() + 1;
        int padded = (unpadded + 63) / 64 * 64;
        String header = dict + " ".repeat(padded - unpadded) + "\n";
        ByteBuffer buf = ByteBuffer.allocate(padded + 4 * a.data.length).order(ByteOrder.LITTLE_ENDIAN);
        buf.put((byte) 0x93).put("NUMPY".getBytes(StandardCharsets.US_ASCII)).put((byte) 1).put((byte) 0);
        buf.putShort((short) header.length()).put(header.getBytes(StandardCharsets.US_ASCII));
        buf.asFloatBuffer().put(a.data);
        return buf.array();
    }

    /** Writes one {@code .npy} file (to a temporary file first, then moved into place). */
    public static void writeNpy(Path file, Array a) throws IOException {
        Path tmp = file.resolveSibling(file.getFileName() + ".part");
        Files.write(tmp, npy(a));
        Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
    }

    /** Writes several named arrays as an uncompressed {@code .npz} archive (temporary file, then moved). */
    public static void writeNpz(Path file, Map<String, Array> arrays) throws IOException {
        Path tmp = file.resolveSibling(file.getFileName() + ".part");
        try (OutputStream out = Files.newOutputStream(tmp); ZipOutputStream zip = new ZipOutputStream(out)) {
            for (Map.Entry<String, Array> e : arrays.entrySet()) {
                zip.putNextEntry(new ZipEntry(e.getKey() + ".npy"));
                zip.write(npy(e.getValue()));
                zip.closeEntry();
            }
        }
        Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
    }

    /** Reads a {@code .npy} file within the default read limit. */
    public static Array readNpy(Path file) throws DataFormatException {
        return readNpy(file, Readers.defaultLimit());
    }

    /** Reads a {@code .npy} file; its declared shape is checked against the file size and the limit first. */
    public static Array readNpy(Path file, long maxBytes) throws DataFormatException {
        try (InputStream in = new BufferedInputStream(Files.newInputStream(file))) {
            return NpyCodec.read(file, file.getFileName().toString(), in, Files.size(file), maxBytes);
        } catch (IOException e) {
            throw new DataFormatException(file, "cannot be read (" + e + ")", "check the file's permissions", e);
        }
    }

    /** Reads every array of a {@code .npz} archive within the default read limit, keyed without {@code .npy}. */
    public static Map<String, Array> readNpz(Path file) throws DataFormatException {
        return readNpz(file, Readers.defaultLimit());
    }

    /** Reads every array of a {@code .npz} archive (stored or deflated); the limit applies to their sum. */
    public static Map<String, Array> readNpz(Path file, long maxBytes) throws DataFormatException {
        Map<String, Array> out = new LinkedHashMap<>();
        try (ZipFile zip = new ZipFile(file.toFile())) {
            long left = maxBytes;
            for (Enumeration<? extends ZipEntry> en = zip.entries(); en.hasMoreElements();) {
                ZipEntry e = en.nextElement();
                if (e.isDirectory() || !e.getName().endsWith(".npy")) {
                    continue;
                }
                try (InputStream in = new BufferedInputStream(zip.getInputStream(e))) {
                    Array a = NpyCodec.read(file, e.getName(), in, e.getSize(), left);
                    left -= 4L * a.data.length;
                    out.put(e.getName().substring(0, e.getName().length() - 4), a);
                }
            }
        } catch (ZipException e) {
            throw new DataFormatException(file, "is not a readable .npz archive (" + e.getMessage() + ")",
                    "the archive is truncated or corrupt: save it again with numpy.savez", e);
        } catch (IOException e) {
            throw new DataFormatException(file, "cannot be read (" + e + ")", "the archive is truncated or "
                    + "corrupt, or not readable: check it with python -m zipfile -l", e);
        }
        if (out.isEmpty()) {
            throw new DataFormatException(file, "the archive holds no .npy array", "save arrays with numpy.savez");
        }
        return out;
    }
}
