package org.mrirecon.io.internal;

import java.io.DataInputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.mrirecon.io.DataFormatException;
import org.mrirecon.io.NumPy;

/** Decodes one {@code .npy} stream (NumPy format versions 1 to 3) into a float32 or complex64 array. */
public final class NpyCodec {

    private static final byte[] MAGIC = {(byte) 0x93, 'N', 'U', 'M', 'P', 'Y'};
    private static final Pattern DESCR = Pattern.compile("'descr'\\s*:\\s*'([<>|=])([fcbiu])(\\d+)'");
    private static final Pattern FORTRAN = Pattern.compile("'fortran_order'\\s*:\\s*(True|False)");
    private static final Pattern SHAPE = Pattern.compile("'shape'\\s*:\\s*\\(([^)]*)\\)");
    private static final int MAX_HEADER = 1 << 20;
    private static final int CHUNK = 1 << 16;

    private NpyCodec() {
    }

    /** True when the bytes start with the {@code .npy} magic. */
    public static boolean isNpy(byte[] head) {
        return head.length >= MAGIC.length && Arrays.equals(Arrays.copyOf(head, MAGIC.length), MAGIC);
    }

    /**
     * Reads one array.
     *
     * @param available bytes the stream holds, or -1 when unknown (a zip entry without size)
     */
    public static NumPy.Array read(Path file, String name, InputStream stream, long available, long limit)
            throws DataFormatException {
        DataInputStream in = new DataInputStream(stream);
        try {
            byte[] magic = new byte[MAGIC.length];
            in.readFully(magic);
            if (!isNpy(magic)) {
                throw new DataFormatException(file, name + " is not a .npy array (no \\x93NUMPY magic)",
                        "save it with numpy.save");
            }
            int major = in.readUnsignedByte();
            in.readUnsignedByte();
            long headerLength;
            if (major == 1) {
                headerLength = Short.toUnsignedInt(Short.reverseBytes(in.readShort()));
            } else if (major == 2 || major == 3) {
                headerLength = Integer.toUnsignedLong(Integer.reverseBytes(in.readInt()));
            } else {
                throw corrupt(file, name, "format version " + major + " is unknown");
            }
            if (headerLength > MAX_HEADER) {
                throw corrupt(file, name, "the header declares " + headerLength + " bytes");
            }
            byte[] hb = new byte[(int) headerLength];
            in.readFully(hb);
            String header = new String(hb, major == 3 ? StandardCharsets.UTF_8 : StandardCharsets.ISO_8859_1);
            Matcher descr = DESCR.matcher(header);
            Matcher fortran = FORTRAN.matcher(header);
            Matcher shape = SHAPE.matcher(header);
            if (!fortran.find() || !shape.find()) {
                throw corrupt(file, name, "the header lacks fortran_order or shape");
            }
            if (!descr.find()) {
                throw new DataFormatException(file, name + " has a dtype that is not a plain number (" + header.trim()
                        + ")", "save float, integer, boolean or complex arrays");
            }
            char order = descr.group(1).charAt(0);
            char kind = descr.group(2).charAt(0);
            int size = Integer.parseInt(descr.group(3));
            checkDtype(file, name, kind, size);
            if (fortran.group(1).equals("True")) {
                throw new DataFormatException(file, name + " is stored in Fortran order",
                        "save numpy.ascontiguousarray(a) instead");
            }
            int[] dims = shape(file, name, shape.group(1));
            long n = Problems.product(Arrays.stream(dims).asLongStream().toArray());
            boolean complex = kind == 'c';
            long decoded = n < 0 || n > Long.MAX_VALUE / 8 ? -1 : n * (complex ? 8 : 4);
            Problems.checkSize(file, name + " of shape " + Arrays.toString(dims), decoded, limit);
            if (available >= 0) {
                Problems.checkStored(file, name, n * size, available - 10 - (major == 1 ? 0 : 2) - headerLength);
            }
            if (decoded / 4 > Integer.MAX_VALUE - 8) {
                throw new DataFormatException(file, name + " of shape " + Arrays.toString(dims)
                        + " is larger than one Java array", "split the array");
            }
            ByteOrder bo = order == '>' ? ByteOrder.BIG_ENDIAN
                    : order == '=' ? ByteOrder.nativeOrder() : ByteOrder.LITTLE_ENDIAN;
            float[] data = values(in, kind, size, bo, (int) (complex ? 2 * n : n));
            return complex ? NumPy.Array.complex64(data, dims) : NumPy.Array.float32(data, dims);
        } catch (EOFException e) {
            throw new DataFormatException(file, name + " ends before its data does", "the file is truncated: save it "
                    + "again", e);
        } catch (IOException e) {
            throw new DataFormatException(file, name + " cannot be read (" + e + ")", "check the file", e);
        }
    }

    private static void checkDtype(Path file, String name, char kind, int size) throws DataFormatException {
        boolean ok = switch (kind) {
            case 'f' -> size == 4 || size == 8;
            case 'c' -> size == 8 || size == 16;
            case 'b' -> size == 1;
            default -> size == 1 || size == 2 || size == 4 || size == 8;
        };
        if (!ok) {
            throw new DataFormatException(file, name + " has dtype " + kind + size + ", which is not read",
                    "save float32/float64, complex64/complex128, boolean or integer arrays");
        }
    }

    private static int[] shape(Path file, String name, String text) throws DataFormatException {
        String[] parts = text.split(",");
        int[] dims = new int[parts.length];
        int rank = 0;
        for (String p : parts) {
            if (p.isBlank()) {
                continue;
            }
            try {
                long d = Long.parseLong(p.trim().replace("L", ""));
                if (d < 0 || d > Integer.MAX_VALUE) {
                    throw corrupt(file, name, "shape entry " + d + " is out of range");
                }
                dims[rank++] = (int) d;
            } catch (NumberFormatException e) {
                throw corrupt(file, name, "shape (" + text + ") is not a list of integers");
            }
        }
        return Arrays.copyOf(dims, rank);
    }

    /** Reads {@code count} values (each component of a complex counts) converted to float. */
    private static float[] values(DataInputStream in, char kind, int itemSize, ByteOrder order, int count)
            throws IOException {
        int size = kind == 'c' ? itemSize / 2 : itemSize;
        float[] out = new float[count];
        byte[] chunk = new byte[CHUNK * size];
        int pos = 0;
        while (pos < count) {
            int m = Math.min(CHUNK, count - pos);
            in.readFully(chunk, 0, m * size);
            ByteBuffer b = ByteBuffer.wrap(chunk, 0, m * size).order(order);
            for (int i = 0; i < m; i++) {
                out[pos++] = value(b, kind, size);
            }
        }
        return out;
    }

    private static float value(ByteBuffer b, char kind, int size) {
        if (kind == 'f' || kind == 'c') {
            return size == 4 ? b.getFloat() : (float) b.getDouble();
        }
        boolean unsigned = kind == 'u' || kind == 'b';
        return switch (size) {
            case 1 -> unsigned ? Byte.toUnsignedInt(b.get()) : b.get();
            case 2 -> unsigned ? Short.toUnsignedInt(b.getShort()) : b.getShort();
            case 4 -> unsigned ? Integer.toUnsignedLong(b.getInt()) : b.getInt();
            default -> b.getLong();
        };
    }

    private static DataFormatException corrupt(Path file, String name, String problem) {
        return new DataFormatException(file, name + " has a corrupt header: " + problem,
                "save the array again with numpy.save");
    }
}
