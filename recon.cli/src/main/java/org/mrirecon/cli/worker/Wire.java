package org.mrirecon.cli.worker;

import java.io.Closeable;
import java.io.EOFException;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The channel between the launcher and a worker process: a Unix-domain socket carrying frames, each
 * {@code int32 length | byte type | int64 id | payload}, little-endian. Payloads are written field by field; float
 * arrays go as raw IEEE 754 floats (a bulk copy, no text), strings as UTF-8 with a length (-1 for null). The id pairs
 * a reply with its request; 0 marks an event. Both directions are independent: one thread reads, any thread writes
 * a whole frame under a lock.
 */
final class Wire {

    private Wire() {
    }

    // worker -> launcher
    static final byte HELLO = 1;
    static final byte METHODS = 2;
    static final byte PROBING = 3;
    static final byte DEPLOYED = 4;
    static final byte PROGRESS = 5;
    static final byte RESULT = 6;
    static final byte ERROR = 7;
    // launcher -> worker
    static final byte SETUP = 20;
    static final byte DEPLOY = 21;
    static final byte UNDEPLOY = 22;
    static final byte RECONSTRUCT = 23;
    static final byte CANCEL = 24;
    static final byte SHUTDOWN = 25;

    /** Raised with each incompatible change of the frames. */
    static final int PROTOCOL = 1;

    /** Writes one frame's payload. */
    interface Body {
        void write(Out out);
    }

    /** A frame being written: a growable direct buffer, reused for every frame of a connection. */
    static final class Out {
        private ByteBuffer buf;
        private final boolean fixed;

        Out(int capacity) {
            buf = ByteBuffer.allocateDirect(capacity).order(ByteOrder.LITTLE_ENDIAN);
            fixed = false;
        }

        /** Writes into the given buffer (a shared region), from its position; it must be large enough. */
        Out(ByteBuffer into) {
            buf = into.order(ByteOrder.LITTLE_ENDIAN);
            fixed = true;
        }

        /** Bytes written so far. */
        int position() {
            return buf.position();
        }

        void start(byte type, long id) {
            buf.clear();
            buf.putInt(0).put(type).putLong(id);
        }

        void ensure(long bytes) {
            if (buf.remaining() < bytes && fixed) {
                throw new IllegalStateException("a shared region of " + buf.capacity() + " bytes is too small");
            }
            if (buf.remaining() < bytes) {
                long need = buf.position() + bytes;
                if (need > Integer.MAX_VALUE - 64) {
                    throw new IllegalArgumentException("a frame of " + need + " bytes is too large");
                }
                ByteBuffer bigger = ByteBuffer.allocateDirect((int) Math.min(Integer.MAX_VALUE - 64,
                        Math.max(need, 2L * buf.capacity()))).order(ByteOrder.LITTLE_ENDIAN);
                buf.flip();
                bigger.put(buf);
                buf = bigger;
            }
        }

        Out u8(int v) {
            ensure(1);
            buf.put((byte) v);
            return this;
        }

        Out bool(boolean v) {
            return u8(v ? 1 : 0);
        }

        Out i32(int v) {
            ensure(4);
            buf.putInt(v);
            return this;
        }

        Out i64(long v) {
            ensure(8);
            buf.putLong(v);
            return this;
        }

        Out f64(double v) {
            ensure(8);
            buf.putDouble(v);
            return this;
        }

        Out str(String s) {
            if (s == null) {
                return i32(-1);
            }
            byte[] b = s.getBytes(StandardCharsets.UTF_8);
            i32(b.length);
            ensure(b.length);
            buf.put(b);
            return this;
        }

        Out floats(float[] a, int offset, int length) {
            ensure(4L * length);
            buf.asFloatBuffer().put(a, offset, length);
            buf.position(buf.position() + 4 * length);
            return this;
        }

        Out bytes(byte[] a) {
            i32(a.length);
            ensure(a.length);
            buf.put(a);
            return this;
        }

        Out map(Map<String, String> m) {
            i32(m.size());
            m.forEach((k, v) -> str(k).str(v));
            return this;
        }

        Out strings(List<String> l) {
            i32(l.size());
            l.forEach(this::str);
            return this;
        }

        ByteBuffer finish() {
            buf.putInt(0, buf.position() - 4);
            buf.flip();
            return buf;
        }
    }

    /** A frame being read; valid until the next frame is received. */
    static final class In {
        final byte type;
        final long id;
        private final ByteBuffer buf;

        In(ByteBuffer buf) {
            this.buf = buf;
            this.type = buf.get();
            this.id = buf.getLong();
        }

        /** Reads fields from a buffer without a frame header (a shared region). */
        In(ByteBuffer buf, boolean noHeader) {
            this.buf = buf.order(ByteOrder.LITTLE_ENDIAN);
            this.type = 0;
            this.id = 0;
        }

        int u8() {
            return buf.get() & 0xff;
        }

        boolean bool() {
            return buf.get() != 0;
        }

        int i32() {
            return buf.getInt();
        }

        long i64() {
            return buf.getLong();
        }

        double f64() {
            return buf.getDouble();
        }

        String str() {
            int n = buf.getInt();
            if (n < 0) {
                return null;
            }
            byte[] b = new byte[n];
            buf.get(b);
            return new String(b, StandardCharsets.UTF_8);
        }

        void floats(float[] dst, int offset, int length) {
            buf.asFloatBuffer().get(dst, offset, length);
            buf.position(buf.position() + 4 * length);
        }

        byte[] bytes() {
            byte[] b = new byte[buf.getInt()];
            buf.get(b);
            return b;
        }

        Map<String, String> map() {
            int n = i32();
            Map<String, String> m = new LinkedHashMap<>();
            for (int i = 0; i < n; i++) {
                m.put(str(), str());
            }
            return m;
        }

        List<String> strings() {
            int n = i32();
            List<String> l = new ArrayList<>(n);
            for (int i = 0; i < n; i++) {
                l.add(str());
            }
            return l;
        }
    }

    /** One end of the channel. */
    static final class Connection implements Closeable {
        private final SocketChannel channel;
        private final Out out = new Out(1 << 16);
        private final ByteBuffer header = ByteBuffer.allocateDirect(4).order(ByteOrder.LITTLE_ENDIAN);
        private ByteBuffer in = ByteBuffer.allocateDirect(1 << 16).order(ByteOrder.LITTLE_ENDIAN);

        Connection(SocketChannel channel) {
            this.channel = channel;
        }

        void send(byte type, long id, Body body) throws IOException {
            synchronized (out) {
                out.start(type, id);
                if (body != null) {
                    body.write(out);
                }
                ByteBuffer b = out.finish();
                while (b.hasRemaining()) {
                    channel.write(b);
                }
            }
        }

        /** The next frame; only one thread may receive. */
        In receive() throws IOException {
            header.clear();
            readFully(header);
            int length = header.getInt(0);
            if (length < 9) {
                throw new IOException("corrupt frame of " + length + " bytes");
            }
            if (in.capacity() < length) {
                in = ByteBuffer.allocateDirect(Math.max(length, 2 * in.capacity())).order(ByteOrder.LITTLE_ENDIAN);
            }
            in.clear().limit(length);
            readFully(in);
            in.flip();
            return new In(in);
        }

        private void readFully(ByteBuffer b) throws IOException {
            while (b.hasRemaining()) {
                if (channel.read(b) < 0) {
                    throw new EOFException("the channel was closed");
                }
            }
        }

        @Override
        public void close() throws IOException {
            channel.close();
        }
    }
}
