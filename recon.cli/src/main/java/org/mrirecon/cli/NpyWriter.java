package org.mrirecon.cli;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;

/**
 * Writes NumPy {@code .npy} arrays (format 1.0, little-endian, C order) and {@code .npz} archives of them, so a
 * Python user opens our data with {@code numpy.load}.
 */
public final class NpyWriter {

    private NpyWriter() {
    }

    /** An array to write: dtype {@code <f4} (float32) or {@code <c8} (complex64, data interleaved re/im). */
    public static final class Array {
        final String dtype;
        final int[] shape;
        final float[] data;

        private Array(String dtype, int[] shape, float[] data) {
            long n = 1;
            for (int d : shape) {
                n *= d;
            }
            long expected = dtype.equals("<c8") ? 2 * n : n;
            if (data.length != expected) {
                throw new IllegalArgumentException("array of shape " + java.util.Arrays.toString(shape) + " and dtype "
                        + dtype + " needs " + expected + " floats, got " + data.length);
            }
            this.dtype = dtype;
            this.shape = shape.clone();
            this.data = data;
        }

        public static Array float32(float[] data, int... shape) {
            return new Array("<f4", shape, data);
        }

        public static Array complex64(float[] interleaved, int... shape) {
            return new Array("<c8", shape, interleaved);
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

    /** Writes several named arrays as an uncompressed {@code .npz} archive (written to a temp file, then moved). */
    public static void npz(Path file, Map<String, Array> arrays) throws IOException {
        Path tmp = file.resolveSibling(file.getFileName() + ".part");
        try (OutputStream out = Files.newOutputStream(tmp); ZipOutputStream zip = new ZipOutputStream(out)) {
            for (Map.Entry<String, Array> e : arrays.entrySet()) {
                zip.putNextEntry(new ZipEntry(e.getKey() + ".npy"));
                zip.write(npy(e.getValue()));
                zip.closeEntry();
            }
        }
        Files.move(tmp, file, java.nio.file.StandardCopyOption.REPLACE_EXISTING,
                java.nio.file.StandardCopyOption.ATOMIC_MOVE);
    }

}
