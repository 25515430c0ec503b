package org.mrirecon.mrd.internal;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;

/**
 * Writes MRD messages, little-endian, each whole and flushed, so that messages written from several threads (a
 * connection's reader and its reconstruction worker) never interleave.
 */
public final class MessageOutput {

    private final OutputStream out;

    public MessageOutput(OutputStream out) {
        this.out = out;
    }

    public synchronized void close() throws IOException {
        out.write(id(Mrd.CLOSE));
        out.flush();
    }

    /** TEXT, CONFIG_TEXT or METADATA_XML: uint32 length, then the UTF-8 text and its NUL. */
    public synchronized void text(int id, String text) throws IOException {
        byte[] b = text.getBytes(StandardCharsets.UTF_8);
        ByteBuffer m = buffer(2 + 4 + b.length + 1);
        m.putShort((short) id).putInt(b.length + 1).put(b).put((byte) 0);
        out.write(m.array());
        out.flush();
    }

    /** CONFIG_FILE: the name NUL-padded to 1024 bytes. */
    public synchronized void configFile(String name) throws IOException {
        byte[] b = name.getBytes(StandardCharsets.UTF_8);
        if (b.length >= Mrd.CONFIG_FILE_BYTES) {
            throw new IllegalArgumentException("a config file name has at most " + (Mrd.CONFIG_FILE_BYTES - 1)
                    + " bytes, got " + b.length);
        }
        ByteBuffer m = buffer(2 + Mrd.CONFIG_FILE_BYTES);
        m.putShort((short) Mrd.CONFIG_FILE).put(b);
        out.write(m.array());
        out.flush();
    }

    /** ACQUISITION: the 340-byte header, the trajectory and the interleaved complex samples, channel-major. */
    public synchronized void acquisition(AcquisitionHeader h, float[] trajectory, float[] samples)
            throws IOException {
        ByteBuffer m = buffer(2 + Mrd.ACQUISITION_HEADER_BYTES + 4 * (trajectory.length + samples.length));
        m.putShort((short) Mrd.ACQUISITION).put(h.bytes());
        m.asFloatBuffer().put(trajectory).put(samples);
        out.write(m.array());
        out.flush();
    }

    /** IMAGE: the 198-byte header, uint64 attribute length, the attributes, the pixel data. */
    public synchronized void image(byte[] header, String attributes, byte[] pixels) throws IOException {
        byte[] a = attributes.getBytes(StandardCharsets.UTF_8);
        ByteBuffer m = buffer(2 + Mrd.IMAGE_HEADER_BYTES + 8 + a.length);
        m.putShort((short) Mrd.IMAGE).put(header).putLong(a.length).put(a);
        out.write(m.array());
        out.write(pixels);
        out.flush();
    }

    /** Bytes exactly as given: for tests that write malformed streams. */
    public synchronized void raw(byte[] bytes) throws IOException {
        out.write(bytes);
        out.flush();
    }

    private static byte[] id(int id) {
        return new byte[] {(byte) id, (byte) (id >>> 8)};
    }

    private static ByteBuffer buffer(int n) {
        return ByteBuffer.allocate(n).order(ByteOrder.LITTLE_ENDIAN);
    }
}
