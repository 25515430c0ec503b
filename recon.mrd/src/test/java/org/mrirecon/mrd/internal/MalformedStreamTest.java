package org.mrirecon.mrd.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.BufferedInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.net.Socket;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.mrirecon.mrd.ServerOptions;

/**
 * The protocol suite: malformed, hostile and truncated streams, failing methods and clients that vanish. Each must
 * end its own connection with a TEXT error and CLOSE (where the client can still hear it), while the server keeps
 * serving (a valid stream after every case gets its images), releases every method lease and holds no k-space
 * afterwards; absurd lengths are refused before anything of that size is allocated.
 */
class MalformedStreamTest {

    private static final int READ_TIMEOUT_MS = 3000;
    private static final int MAX_CONNECTIONS = 6;
    private static final long CONNECTION_BYTES = 2L << 20;
    private static TestMethods methods;
    private static Server server;
    private static IsmrmrdRawFile raw;
    private static String xml;

    @BeforeAll
    static void start() throws Exception {
        methods = new TestMethods();
        server = Server.start(ServerOptions.builder().port(0).maxConnections(MAX_CONNECTIONS).maxTextBytes(64 << 10)
                .maxMessageBytes(1 << 20).maxConnectionBytes(CONNECTION_BYTES).maxServerBytes(64L << 20)
                .readTimeoutMillis(READ_TIMEOUT_MS).build(), methods);
        raw = IsmrmrdRawFile.read(Fixtures.SHEPP_LOGAN, null, 1L << 30);
        xml = raw.xml();
    }

    @AfterAll
    static void stop() {
        server.close();
    }

    interface Writer {
        void write(MessageOutput out) throws IOException;
    }

    /** What came back: TEXT messages, image count, whether CLOSE came. */
    record Reply(List<String> texts, int images, boolean closed) {
        String error() {
            return texts.stream().filter(t -> t.startsWith("ERROR")).findFirst().orElse(null);
        }
    }

    private static byte[] bytes(Writer w) throws IOException {
        ByteArrayOutputStream b = new ByteArrayOutputStream();
        w.write(new MessageOutput(b));
        return b.toByteArray();
    }

    private static byte[] concat(byte[]... parts) {
        ByteArrayOutputStream b = new ByteArrayOutputStream();
        for (byte[] p : parts) {
            b.writeBytes(p);
        }
        return b.toByteArray();
    }

    private static byte[] le(int bytes, long value) {
        ByteBuffer b = ByteBuffer.allocate(8).order(ByteOrder.LITTLE_ENDIAN).putLong(value);
        return Arrays.copyOf(b.array(), bytes);
    }

    private static byte[] config(String method) throws IOException {
        return bytes(o -> o.configFile(method));
    }

    private static byte[] header(String text) throws IOException {
        return bytes(o -> o.text(Mrd.HEADER, text));
    }

    private static byte[] text(String text) throws IOException {
        return bytes(o -> o.text(Mrd.TEXT, text));
    }

    private static byte[] close() throws IOException {
        return bytes(MessageOutput::close);
    }

    private static byte[] acq(AcquisitionHeader h, float[] samples) throws IOException {
        return bytes(o -> o.acquisition(h, new float[h.trajectoryDimensions() * h.samples()], samples));
    }

    /** Every acquisition of the fixture, each changed by {@code edit} (which may return null to drop it). */
    private static byte[] acquisitions(java.util.function.UnaryOperator<AcquisitionHeader> edit) throws IOException {
        ByteArrayOutputStream b = new ByteArrayOutputStream();
        for (IsmrmrdRawFile.Raw r : raw.acquisitions()) {
            AcquisitionHeader h = edit.apply(AcquisitionHeader.wrap(r.header().bytes().clone()));
            if (h != null) {
                b.writeBytes(acq(h, r.samples()));
            }
        }
        return b.toByteArray();
    }

    private static byte[] validStream(String method) throws IOException {
        return concat(config(method), header(xml), acquisitions(h -> h), close());
    }

    /** An imaging line of the fixture (index 1 is its first after the noise scan). */
    private static AcquisitionHeader line(int i) {
        return AcquisitionHeader.wrap(raw.acquisitions().get(i).header().bytes().clone());
    }

    private static float[] samples(int i) {
        return raw.acquisitions().get(i).samples().clone();
    }

    /** Sends the bytes, half-closes, reads the reply to its end. */
    private static Reply exchange(byte[] stream, boolean halfClose) throws IOException {
        try (Socket s = new Socket("127.0.0.1", server.address().getPort())) {
            s.setSoTimeout(30_000);
            try {
                s.getOutputStream().write(stream);
                s.getOutputStream().flush();
                if (halfClose) {
                    s.shutdownOutput();
                }
            } catch (IOException serverStoppedReading) {
                // the reply says why
            }
            return read(s);
        }
    }

    private static Reply read(Socket s) throws IOException {
        MessageInput in = new MessageInput(new BufferedInputStream(s.getInputStream()));
        List<String> texts = new ArrayList<>();
        int images = 0;
        try {
            while (true) {
                int id = in.readId();
                if (id == Mrd.TEXT) {
                    texts.add(in.readText(1 << 20, "TEXT"));
                } else if (id == Mrd.IMAGE) {
                    ByteBuffer h = ByteBuffer.wrap(in.readBytes(Mrd.IMAGE_HEADER_BYTES)).order(ByteOrder.LITTLE_ENDIAN);
                    in.skip(in.readU64());
                    in.skip(4L * h.getShort(ImageHeader.MATRIX_SIZE) * h.getShort(ImageHeader.MATRIX_SIZE + 2));
                    images++;
                } else if (id == Mrd.CLOSE) {
                    return new Reply(texts, images, true);
                } else {
                    return new Reply(texts, images, false);
                }
            }
        } catch (IOException | StreamException e) {
            return new Reply(texts, images, false);
        }
    }

    private final List<String> passed = new ArrayList<>();

    /** A malformed stream: the reply is a TEXT error containing {@code expected}, then CLOSE. */
    private void refused(String name, byte[] stream, String expected) throws Exception {
        refused(name, stream, true, expected);
    }

    private void refused(String name, byte[] stream, boolean halfClose, String expected) throws Exception {
        Reply r = exchange(stream, halfClose);
        assertTrue(r.error() != null && r.error().contains(expected), name + ": expected an error with '" + expected
                + "', got " + r.texts());
        assertTrue(r.closed(), name + ": CLOSE after the error");
        stillServes(name);
    }

    /** The server answers a valid stream completely after the case, and the case released everything. */
    private void stillServes(String name) throws Exception {
        Reply ok = exchange(validStream("zero-filled"), true);
        assertTrue(ok.closed() && ok.error() == null && ok.images() == 2, name + ": server no longer serves: " + ok);
        passed.add(name);
    }

    @Test
    void everyMalformedStreamEndsOnlyItsOwnConnection() throws Exception {
        byte[] cfg = config("zero-filled");
        byte[] head = header(xml);
        byte[] start = concat(cfg, head);
        byte[] two = concat(acq(line(1), samples(1)), acq(line(2), samples(2)));

        // message ids
        refused("unknown id first", le(2, 999), "the first message must be a config");
        refused("id 0 first", le(2, 0), "the first message must be a config");
        refused("id 65535 after the header", concat(start, le(2, 65535)), "unknown message id 65535");
        refused("unknown id between acquisitions", concat(start, two, le(2, 4242)), "unknown message id 4242");
        refused("header before config", head, "the first message must be a config");
        refused("TEXT first", text("{}"), "the first message must be a config");
        refused("acquisition before the header", concat(cfg, two), "before the METADATA_XML header");
        refused("second config", concat(start, two, cfg), "a second CONFIG_FILE");
        refused("second header", concat(start, head), "a second METADATA_XML");
        refused("IMAGE from the client", concat(start, le(2, Mrd.IMAGE), new byte[300]), "IMAGE messages are not");
        refused("random bytes", randomBytes(), "");

        // truncation and absurd lengths
        refused("truncated id", new byte[] {1}, "ended inside a message");
        refused("truncated CONFIG_FILE", concat(le(2, 1), new byte[500]), "ended inside a message");
        refused("CONFIG_TEXT of 4 GB", concat(le(2, 2), le(4, 0xFFFFFFFFL)), "more than the limit");
        refused("truncated CONFIG_TEXT", concat(le(2, 2), le(4, 100), new byte[10]), "ended inside a message");
        refused("header of 4 GB", concat(cfg, le(2, 3), le(4, 0xFFFFFFF0L)), "more than the limit");
        refused("truncated header", concat(cfg, le(2, 3), le(4, 5000), new byte[100]), "ended inside a message");
        refused("truncated acquisition header", concat(start, le(2, Mrd.ACQUISITION), new byte[100]),
                "ended inside a message");
        byte[] full = acq(line(1), samples(1));
        refused("truncated acquisition data", concat(start, Arrays.copyOf(full, full.length / 2)),
                "ended inside a message");
        refused("acquisition of 34 GB", concat(start, acq(line(1).samplesAndChannels(65535, 65535), new float[0])),
                "per message");
        refused("TEXT of 4 GB", concat(start, le(2, Mrd.TEXT), le(4, 0xFFFFFFFFL)), "more than the limit");
        refused("waveform of 17 GB", concat(start, le(2, Mrd.WAVEFORM), waveformHeader(65535, 65535)),
                "a waveform declares");
        refused("truncated waveform", concat(start, le(2, Mrd.WAVEFORM), waveformHeader(10, 2), new byte[20]),
                "ended inside a message");
        refused("no CLOSE at the end", concat(start, acquisitions(h -> h)), "disconnected early");

        // headers that cannot be reconstructed
        refused("header not XML", concat(cfg, header("hello")), "not well-formed XML");
        refused("header of another XML", concat(cfg, header("<foo/>")), "not <ismrmrdHeader>");
        refused("header with an external entity", concat(cfg, header("<!DOCTYPE h [<!ENTITY e SYSTEM "
                + "\"file:///etc/passwd\">]><ismrmrdHeader>&e;</ismrmrdHeader>")), "not well-formed XML");
        refused("header without a matrix", concat(cfg, header("<ismrmrdHeader><encoding/></ismrmrdHeader>")),
                "no valid encodedSpace matrixSize");
        refused("3-D header", concat(cfg, header(xml.replaceFirst("<z>1</z>", "<z>8</z>"))), "3-D");
        refused("radial header", concat(cfg, header(xml.replace("cartesian", "radial"))), "only Cartesian");
        refused("matrix that is no number", concat(cfg, header(xml.replaceFirst("<x>128</x>", "<x>abc</x>"))),
                "'abc', not a number");

        // acquisitions that do not fit the header or each other
        AcquisitionHeader three = line(1).samplesAndChannels(128, 3);
        refused("fewer channels than the header's", concat(start, acq(three, Arrays.copyOf(samples(1), 2 * 3 * 128))),
                "disagree on the coil count");
        AcquisitionHeader two2 = line(2).samplesAndChannels(128, 2);
        refused("channel count changes", concat(start, acq(line(1), samples(1)), acq(two2, Arrays.copyOf(samples(2),
                2 * 2 * 128))), "earlier lines 4");
        refused("zero channels", concat(start, acq(line(1).samplesAndChannels(128, 0), new float[0])),
                "zero active channels");
        refused("line outside the matrix", concat(start, acq(line(1).putU16(AcquisitionHeader.STEP1, 500),
                samples(1))), "outside the 64 encoded lines");
        refused("3-D line", concat(start, acq(line(1).putU16(AcquisitionHeader.STEP2, 3), samples(1))),
                "kspace_encode_step_2");
        refused("readout that does not fit", concat(start, acq(line(1).centerSample(500), samples(1))),
                "do not fit");
        float[] nan = samples(1);
        nan[77] = Float.NaN;
        refused("NaN sample", concat(start, acq(line(1), nan)), "NaN or infinite");

        // configuration
        refused("unknown method", validStream("no-such-method"), "no reconstruction method 'no-such-method'");
        refused("empty config", validStream(""), "names no method");
        refused("invalid JSON", concat(start, text("{not json"), two, close()), "not valid JSON");
        refused("unknown parameter", concat(config("grappa"), head, text("{\"parameters\": {\"nonsense\": 1}}"),
                acquisitions(h -> h), close()), "has no parameter 'nonsense'");
        refused("parameter out of range", concat(config("grappa"), head, text("{\"parameters\": {\"lambda\": 5}}"),
                acquisitions(h -> h), close()), "'lambda' = 5 is out of range");
        refused("unknown image data type", concat(start, text("{\"parameters\": {\"imageDataType\": \"rgb\"}}"),
                two, close()), "use float (default) or ushort");
        refused("parameters not an object", concat(start, text("{\"parameters\": [1, 2]}"), two, close()),
                "must be an object");
        refused("parameter that is an object", concat(start, text("{\"parameters\": {\"a\": {\"b\": 1}}}"), two,
                close()), "must be a number, text or boolean");

        // methods that fail, and data a method cannot take
        refused("failing method", validStream("failing"), "this method always fails");
        refused("image of the wrong size", validStream("wrong-size"), "returned a 3x5 image");
        long noCalibration = ~((1L << (Mrd.IS_PARALLEL_CALIBRATION - 1))
                | (1L << (Mrd.IS_PARALLEL_CALIBRATION_AND_IMAGING - 1)));
        refused("declared calibration lines missing", concat(start, acquisitions(h -> h.flag(
                Mrd.IS_PARALLEL_CALIBRATION) ? null : h.flags(h.flags() & noCalibration)), close()), "no line flagged");
        refused("too few calibration lines for GRAPPA", concat(config("grappa"), header(xml.replace("interleaved",
                "other")), acquisitions(h -> h.flag(Mrd.IS_PARALLEL_CALIBRATION) ? null
                        : h.flags(h.flags() & noCalibration)), close()), "needs at least");
        refused("more slices open than the connection may hold", concat(start, manySlices(12), close()),
                "more than its limit");

        // clients that stall or vanish
        refused("client stalls", cfg, false, "no data for");
        vanishes("disconnect after a few acquisitions", concat(start, two));
        vanishes("disconnect while the method works", validStream("slow"));
        vanishes("disconnect right after connecting", new byte[0]);
        tooManyConnections();

        // sessions that are short but valid
        Reply query = exchange(concat(cfg, close()), true);
        assertTrue(query.closed() && query.texts().isEmpty(), "config then CLOSE: " + query);
        stillServes("config then CLOSE (a dependency query)");

        awaitIdle();
        MrdServerStats s = MrdServerStats.of(server);
        System.out.printf("%d streams (%d malformed or failing): the server survived all; %d connections "
                + "completed, %d failed, %d refused; k-space held now %d B, at most %d B (connection limit %d B); "
                + "method leases still held: %d%n", passed.size(), passed.size() - 1, s.completed, s.failed,
                s.rejected, s.held, s.peak, CONNECTION_BYTES, methods.held.get());
        assertTrue(passed.size() >= 41, "at least 40 malformed streams: " + passed.size());
        assertEquals(0, s.held, "k-space still held");
        assertEquals(0, methods.held.get(), "method leases still held");
        assertTrue(s.peak <= 64L << 20);
    }

    /** Closes the socket without reading: the server must cancel and release the connection's work. */
    private void vanishes(String name, byte[] stream) throws Exception {
        long failedBefore = server.failed.get() + server.completed.get();
        try (Socket s = new Socket("127.0.0.1", server.address().getPort())) {
            s.getOutputStream().write(stream);
            s.getOutputStream().flush();
            Thread.sleep(100);
        }
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
        while (server.failed.get() + server.completed.get() == failedBefore && System.nanoTime() < deadline) {
            Thread.sleep(20);
        }
        assertTrue(server.failed.get() + server.completed.get() > failedBefore, name + ": connection never ended");
        stillServes(name);
    }

    /** One connection more than the limit is refused with a TEXT error; the others are unaffected. */
    private void tooManyConnections() throws Exception {
        awaitIdle();
        List<Socket> idle = new ArrayList<>();
        try {
            for (int i = 0; i < MAX_CONNECTIONS; i++) {
                idle.add(new Socket("127.0.0.1", server.address().getPort()));
            }
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
            while (server.stats().active() < MAX_CONNECTIONS && System.nanoTime() < deadline) {
                Thread.sleep(10);
            }
            Reply r = exchange(validStream("zero-filled"), true);
            assertTrue(r.error() != null && r.error().contains("maximum of " + MAX_CONNECTIONS), r.toString());
            assertTrue(r.closed());
        } finally {
            for (Socket s : idle) {
                s.close();
            }
        }
        awaitIdle();
        stillServes("one connection more than the limit");
    }

    private static void awaitIdle() throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
        while ((server.stats().active() > 0 || server.stats().heldBytes() > 0 || methods.held.get() > 0)
                && System.nanoTime() < deadline) {
            Thread.sleep(20);
        }
    }

    /** The first repetition's lines, sent for {@code n} slices and never flagged last: n slices open at once. */
    private static byte[] manySlices(int n) throws IOException {
        ByteArrayOutputStream b = new ByteArrayOutputStream();
        for (int s = 0; s < n; s++) {
            for (int i = 1; i < 20; i++) {
                AcquisitionHeader h = line(i).putU16(AcquisitionHeader.SLICE, s);
                h.flags(h.flags() & ~(1L << (Mrd.LAST_IN_SLICE - 1)));
                b.writeBytes(acq(h, samples(i)));
            }
        }
        return b.toByteArray();
    }

    private static byte[] waveformHeader(int samples, int channels) {
        ByteBuffer b = ByteBuffer.allocate(Mrd.WAVEFORM_HEADER_BYTES).order(ByteOrder.LITTLE_ENDIAN);
        b.putShort(0, (short) 1).putShort(28, (short) samples).putShort(30, (short) channels);
        return b.array();
    }

    private static byte[] randomBytes() {
        byte[] b = new byte[4096];
        new Random(17).nextBytes(b);
        b[0] = 0x39; // id 0x3039 = 12345: not a config
        b[1] = 0x30;
        return b;
    }

    /** The server's counters, read once. */
    private record MrdServerStats(long completed, long failed, long rejected, long held, long peak) {
        static MrdServerStats of(Server s) {
            var st = s.stats();
            return new MrdServerStats(st.completed(), st.failed(), st.rejected(), st.heldBytes(), st.peakHeldBytes());
        }
    }
}
