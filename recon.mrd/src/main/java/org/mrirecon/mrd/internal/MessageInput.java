package org.mrirecon.mrd.internal;

import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;

/**
 * Reads MRD messages from a stream, little-endian. Every length read from the wire is checked against a limit
 * before anything of that size is allocated, so a corrupt or hostile length costs nothing. A stream that ends inside
 * a message throws {@link EOFException}.
 */
public final class MessageInput {

    private final InputStream in;
    private final byte[] scratch = new byte[8];
    private long bytesRead;

    public MessageInput(InputStream in) {
        this.in = in;
    }

    /** The next message id, or -1 when the stream ends cleanly between messages. */
    public int readId() throws IOException {
        int b0 = in.read();
        if (b0 < 0) {
            return -1;
        }
        int b1 = in.read();
        if (b1 < 0) {
            throw new EOFException("the stream ended inside a message id");
        }
        bytesRead += 2;
        return b0 | (b1 << 8);
    }

    public long readU32() throws IOException {
        readFully(scratch, 4);
        return ByteBuffer.wrap(scratch, 0, 4).order(ByteOrder.LITTLE_ENDIAN).getInt() & 0xFFFFFFFFL;
    }

    /** An unsigned 64-bit length; values past Long.MAX_VALUE come back negative and fail any limit check. */
    public long readU64() throws IOException {
        readFully(scratch, 8);
        return ByteBuffer.wrap(scratch, 0, 8).order(ByteOrder.LITTLE_ENDIAN).getLong();
    }

    public byte[] readBytes(int n) throws IOException {
        byte[] b = new byte[n];
        readFully(b, n);
        return b;
    }

    /**
     * A length-prefixed text (CONFIG_TEXT, METADATA_XML, TEXT): uint32 length, then that many bytes of UTF-8 that
     * end at the first NUL.
     */
    public String readText(long limit, String what) throws IOException, StreamException {
        long n = readU32();
        if (n > limit) {
            throw new StreamException(what + " declares " + Sizes.human(n) + ", more than the limit of "
                    + Sizes.human(limit) + ": the length is corrupt, or the text too long for this server");
        }
        return text(readBytes((int) n));
    }

    /** The NUL-padded 1024-byte name of a CONFIG_FILE message. */
    public String readConfigFile() throws IOException {
        return text(readBytes(Mrd.CONFIG_FILE_BYTES));
    }

    /** {@code n} little-endian float32 values. */
    public float[] readFloats(int n) throws IOException {
        byte[] b = readBytes(Math.multiplyExact(4, n));
        float[] out = new float[n];
        ByteBuffer.wrap(b).order(ByteOrder.LITTLE_ENDIAN).asFloatBuffer().get(out);
        return out;
    }

    /** Reads and drops {@code n} bytes (a waveform, a trajectory this server does not use). */
    public void skip(long n) throws IOException {
        byte[] buffer = new byte[(int) Math.min(n, 1 << 16)];
        for (long left = n; left > 0;) {
            int k = in.read(buffer, 0, (int) Math.min(left, buffer.length));
            if (k < 0) {
                throw new EOFException("the stream ended inside a message");
            }
            left -= k;
            bytesRead += k;
        }
    }

    public long bytesRead() {
        return bytesRead;
    }

    private void readFully(byte[] b, int n) throws IOException {
        for (int off = 0; off < n;) {
            int k = in.read(b, off, n - off);
            if (k < 0) {
                throw new EOFException("the stream ended inside a message (" + off + " of " + n + " bytes read)");
            }
            off += k;
            bytesRead += k;
        }
    }

    static String text(byte[] b) {
        int end = 0;
        while (end < b.length && b[end] != 0) {
            end++;
        }
        return new String(b, 0, end, StandardCharsets.UTF_8);
    }
}
