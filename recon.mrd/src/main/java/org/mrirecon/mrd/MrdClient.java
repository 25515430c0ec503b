package org.mrirecon.mrd;

import java.io.BufferedInputStream;
import java.io.BufferedOutputStream;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;

import org.mrirecon.mrd.internal.FrameKey;
import org.mrirecon.mrd.internal.ImageHeader;
import org.mrirecon.mrd.internal.IsmrmrdRawFile;
import org.mrirecon.mrd.internal.MessageInput;
import org.mrirecon.mrd.internal.MessageOutput;
import org.mrirecon.mrd.internal.Mrd;
import org.mrirecon.mrd.internal.StreamException;
import org.osgi.annotation.versioning.ProviderType;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * Streams an ISMRMRD raw-data file to an MRD server the way a scanner-side client does (CONFIG_FILE naming the
 * method, METADATA_XML, a TEXT with the parameters as JSON when there are any, every acquisition, CLOSE) and
 * collects what comes back. Images are received while acquisitions are still being sent, on a second thread, and
 * each is timed from the send of the last acquisition of its slice to its arrival.
 */
@ProviderType
public final class MrdClient {

    private final String host;
    private final int port;
    private final String config;
    private final Map<String, String> parameters;
    private final long intervalMicros;
    private final int timeoutMillis;
    private final long maxImageBytes;

    private MrdClient(Builder b) {
        this.host = b.host;
        this.port = b.port;
        this.config = b.config;
        this.parameters = Collections.unmodifiableMap(new LinkedHashMap<>(b.parameters));
        this.intervalMicros = b.intervalMicros;
        this.timeoutMillis = b.timeoutMillis;
        this.maxImageBytes = b.maxImageBytes;
    }

    /** A client of the server at host:port that asks for the method {@code config}. */
    public static Builder to(String host, int port, String config) {
        return new Builder(host, port, config);
    }

    /** What the server sent back. */
    public static final class Reply {
        private final List<MrdImage> images = Collections.synchronizedList(new ArrayList<>());
        private final List<Double> latencies = Collections.synchronizedList(new ArrayList<>());
        private final List<String> texts = Collections.synchronizedList(new ArrayList<>());
        private volatile String error;
        private volatile boolean closed;
        private volatile int sent;
        private String xml;

        /** The MRD XML header that was sent (the file's). */
        public String xml() {
            return xml;
        }

        /** The images in the order they arrived. */
        public List<MrdImage> images() {
            return List.copyOf(images);
        }

        /**
         * Per image, milliseconds from the send of the last acquisition of its slice (same slice, contrast,
         * phase, repetition and set) to the image's arrival; NaN if no acquisition of that slice was sent.
         */
        public List<Double> latenciesMillis() {
            return List.copyOf(latencies);
        }

        /** TEXT messages other than errors (the server's warnings and logging). */
        public List<String> texts() {
            return List.copyOf(texts);
        }

        /** The server's error (its TEXT starting with ERROR, without that word), or a protocol failure; else null. */
        public String error() {
            return error;
        }

        /** Whether the server ended the session with CLOSE. */
        public boolean closed() {
            return closed;
        }

        /** Acquisitions sent. */
        public int acquisitionsSent() {
            return sent;
        }

        /** True when the server closed without an error. */
        public boolean ok() {
            return closed && error == null;
        }
    }

    /**
     * Streams the file's acquisitions.
     *
     * @param group the ISMRMRD group, or null for the file's only one
     * @throws IOException if the file cannot be read or the server cannot be reached
     */
    public Reply stream(Path file, String group) throws IOException {
        IsmrmrdRawFile raw = IsmrmrdRawFile.read(file, group, Runtime.getRuntime().maxMemory() / 3);
        return stream(raw.xml(), raw.acquisitions());
    }

    Reply stream(String xml, List<IsmrmrdRawFile.Raw> acquisitions) throws IOException {
        Reply reply = new Reply();
        reply.xml = xml;
        Map<FrameKey, Long> lastSent = new ConcurrentHashMap<>();
        try (Socket socket = new Socket()) {
            socket.connect(new InetSocketAddress(host, port), timeoutMillis);
            socket.setTcpNoDelay(true);
            socket.setSoTimeout(timeoutMillis);
            MessageOutput out = new MessageOutput(new BufferedOutputStream(socket.getOutputStream(), 1 << 16));
            MessageInput in = new MessageInput(new BufferedInputStream(socket.getInputStream(), 1 << 16));
            Thread receiver = new Thread(() -> receive(in, reply, lastSent), "mrd-client-receive");
            receiver.setDaemon(true);
            receiver.start();
            try {
                out.configFile(config);
                out.text(Mrd.HEADER, xml);
                if (!parameters.isEmpty()) {
                    out.text(Mrd.TEXT, json());
                }
                long next = System.nanoTime();
                for (IsmrmrdRawFile.Raw a : acquisitions) {
                    if (intervalMicros > 0) {
                        next += intervalMicros * 1000;
                        LockSupport.parkNanos(next - System.nanoTime());
                    }
                    if (!receiver.isAlive()) {
                        break; // the server ended the session (an error): stop sending
                    }
                    // stamped before the send, so an image can never arrive before its slice's stamp
                    lastSent.put(a.header().frameKey(), System.nanoTime());
                    out.acquisition(a.header(), a.trajectory(), a.samples());
                    reply.sent++;
                }
                out.close();
            } catch (IOException e) {
                // the server closed the connection: its reason, if it sent one, is read below
            }
            try {
                receiver.join(timeoutMillis);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            if (receiver.isAlive()) {
                reply.error = "the server sent no CLOSE within " + timeoutMillis / 1000 + " s";
            }
        }
        return reply;
    }

    private void receive(MessageInput in, Reply reply, Map<FrameKey, Long> lastSent) {
        try {
            while (true) {
                int id = in.readId();
                long now = System.nanoTime();
                switch (id) {
                    case Mrd.IMAGE -> {
                        MrdImage img = image(in);
                        Long t = lastSent.get(new FrameKey(img.contrast(), img.phase(), img.repetition(), img.set(),
                                img.slice()));
                        reply.images.add(img);
                        reply.latencies.add(t == null ? Double.NaN : (now - t) / 1e6);
                    }
                    case Mrd.TEXT -> {
                        String t = in.readText(maxImageBytes, "a TEXT message");
                        if (t.startsWith("ERROR")) {
                            reply.error = t.substring(5).strip();
                        } else {
                            reply.texts.add(t);
                        }
                    }
                    case Mrd.CLOSE -> {
                        reply.closed = true;
                        return;
                    }
                    case -1 -> {
                        if (reply.error == null) {
                            reply.error = "the server closed the connection without CLOSE";
                        }
                        return;
                    }
                    default -> {
                        reply.error = "the server sent " + Mrd.name(id) + ", which this client does not read";
                        return;
                    }
                }
            }
        } catch (IOException | StreamException e) {
            if (reply.error == null) {
                reply.error = "reading the server's reply failed: " + e.getMessage();
            }
        }
    }

    private MrdImage image(MessageInput in) throws IOException, StreamException {
        byte[] header = in.readBytes(Mrd.IMAGE_HEADER_BYTES);
        long attributeBytes = in.readU64();
        if (attributeBytes < 0 || attributeBytes > maxImageBytes) {
            throw new StreamException("an image declares " + attributeBytes + " bytes of attributes");
        }
        String attributes = new String(in.readBytes((int) attributeBytes), java.nio.charset.StandardCharsets.UTF_8);
        ByteBuffer h = ByteBuffer.wrap(header).order(ByteOrder.LITTLE_ENDIAN);
        int type = h.getShort(ImageHeader.DATA_TYPE) & 0xFFFF;
        int size = Mrd.bytesPerPixel(type);
        long n = 1;
        for (int i = 0; i < 3; i++) {
            n *= Math.max(1, h.getShort(ImageHeader.MATRIX_SIZE + 2 * i) & 0xFFFF);
        }
        n *= Math.max(1, h.getShort(ImageHeader.CHANNELS) & 0xFFFF);
        if (size < 0 || n * size > maxImageBytes) {
            throw new StreamException("an image declares " + (size < 0 ? "the unknown data type " + type
                    : n * size + " bytes of pixels, more than the client's limit of " + maxImageBytes));
        }
        ByteBuffer d = ByteBuffer.wrap(in.readBytes((int) (n * size))).order(ByteOrder.LITTLE_ENDIAN);
        boolean complex = type == Mrd.DATA_CXFLOAT || type == Mrd.DATA_CXDOUBLE;
        float[] px = new float[(int) (complex ? 2 * n : n)];
        for (int i = 0; i < px.length; i++) {
            px[i] = switch (type) {
                case Mrd.DATA_USHORT -> d.getShort() & 0xFFFF;
                case Mrd.DATA_SHORT -> d.getShort();
                case Mrd.DATA_UINT -> d.getInt() & 0xFFFFFFFFL;
                case Mrd.DATA_INT -> d.getInt();
                case Mrd.DATA_DOUBLE, Mrd.DATA_CXDOUBLE -> (float) d.getDouble();
                default -> d.getFloat();
            };
        }
        return MrdImage.of(header, attributes, px);
    }

    private String json() {
        ObjectMapper m = new ObjectMapper();
        ObjectNode root = m.createObjectNode();
        ObjectNode p = root.putObject("parameters");
        parameters.forEach(p::put);
        return root.toString();
    }

    /** Options of a client. */
    public static final class Builder {
        private final String host;
        private final int port;
        private final String config;
        private final Map<String, String> parameters = new LinkedHashMap<>();
        private long intervalMicros;
        private int timeoutMillis = 600_000;
        private long maxImageBytes = 1L << 30;

        private Builder(String host, int port, String config) {
            if (config == null || config.isBlank()) {
                throw new IllegalArgumentException("name the method the server should run (the config)");
            }
            this.host = host;
            this.port = port;
            this.config = config.strip();
        }

        /** A method parameter, sent in the JSON TEXT as {@code {"parameters": {NAME: VALUE}}}. */
        public Builder parameter(String name, String value) {
            parameters.put(name, value);
            return this;
        }

        public Builder parameters(Map<String, String> values) {
            parameters.putAll(values);
            return this;
        }

        /** Time between acquisitions, as a scanner paces them; 0 (default) sends as fast as the network takes. */
        public Builder interval(long time, TimeUnit unit) {
            this.intervalMicros = unit.toMicros(time);
            return this;
        }

        /** Connect timeout, longest silence while receiving, and the wait for CLOSE (default 600 s). */
        public Builder timeout(long time, TimeUnit unit) {
            this.timeoutMillis = (int) Math.min(Integer.MAX_VALUE, unit.toMillis(time));
            return this;
        }

        /** The largest image (or attribute text) accepted from the server (default 1 GiB). */
        public Builder maxImageBytes(long bytes) {
            this.maxImageBytes = bytes;
            return this;
        }

        public MrdClient build() {
            return new MrdClient(this);
        }
    }
}
