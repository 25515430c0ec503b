package org.mrirecon.cs.bench;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;

/**
 * BART's {@code .cfl}/{@code .hdr} pair: raw little-endian complex64 in column-major order (first dimension
 * fastest) and a text header whose second line lists the dimensions. Our row-major {@code [y][x]} images are BART's
 * {@code (x, y)} with x = dimension 0, so the bytes are identical; coils are BART's dimension 3.
 */
final class Cfl {

    final long[] dims;
    final float[] data;

    Cfl(long[] dims, float[] data) {
        this.dims = dims;
        this.data = data;
    }

    static void write(Path base, long[] dims, float[] interleaved) throws IOException {
        long n = Arrays.stream(dims).reduce(1, (a, b) -> a * b);
        if (interleaved.length != 2 * n) {
            throw new IllegalArgumentException("dims " + Arrays.toString(dims) + " need " + 2 * n + " floats, got "
                    + interleaved.length);
        }
        StringBuilder h = new StringBuilder("# Dimensions\n");
        for (long d : dims) {
            h.append(d).append(' ');
        }
        Files.writeString(Path.of(base + ".hdr"), h.toString().trim() + "\n");
        ByteBuffer b = ByteBuffer.allocate(4 * interleaved.length).order(ByteOrder.LITTLE_ENDIAN);
        b.asFloatBuffer().put(interleaved);
        Files.write(Path.of(base + ".cfl"), b.array());
    }

    static Cfl read(Path base) throws IOException {
        List<String> lines = Files.readAllLines(Path.of(base + ".hdr"));
        int at = lines.indexOf("# Dimensions");
        long[] dims = Arrays.stream(lines.get(at + 1).trim().split("\\s+")).mapToLong(Long::parseLong).toArray();
        byte[] bytes = Files.readAllBytes(Path.of(base + ".cfl"));
        float[] data = new float[bytes.length / 4];
        ByteBuffer.wrap(bytes).order(ByteOrder.LITTLE_ENDIAN).asFloatBuffer().get(data);
        return new Cfl(dims, data);
    }
}
