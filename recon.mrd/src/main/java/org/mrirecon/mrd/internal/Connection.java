package org.mrirecon.mrd.internal;

import java.io.BufferedInputStream;
import java.io.BufferedOutputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.CancellationException;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicBoolean;

import org.mrirecon.api.Acquisition;
import org.mrirecon.api.MethodDescriptor;
import org.mrirecon.api.ReconContext;
import org.mrirecon.api.ReconParameters;
import org.mrirecon.api.ReconstructedImage;
import org.mrirecon.api.ReconstructionException;
import org.mrirecon.io.ismrmrd.IsmrmrdHeader;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * One client's session. The reader thread (this runnable) parses messages in the order the protocol prescribes
 * (config, XML header, optional JSON TEXT, then acquisitions, waveforms and TEXT until CLOSE), assembles slices and
 * hands each complete slice to this connection's worker thread, which reconstructs slices in order and writes their
 * images. The method is leased at the first acquisition and held until the connection ends. Any failure ends this
 * connection only: a TEXT error and CLOSE go to the client where it can still hear them, then the remaining input is
 * drained for a bounded time so the error is not lost to a reset.
 */
final class Connection implements Runnable {

    /** Parameters of the JSON TEXT that select the method rather than configure it (FIRE's convention). */
    private static final String CONFIG = "config";
    private static final String CUSTOM_CONFIG = "customconfig";
    /** A parameter of the JSON TEXT for this server: the pixel type of the images, float (default) or ushort. */
    static final String IMAGE_DATA_TYPE = "imageDataType";
    private static final long DRAIN_BYTES = 256L << 20;
    private static final int DRAIN_MILLIS = 5000;
    private static final ObjectMapper JSON = new ObjectMapper();

    final int id;
    private final Server server;
    private final Socket socket;
    private final MemoryBudget.Account account;
    private final AtomicBoolean failed = new AtomicBoolean();
    /** Orders the last messages: no image after an error, and the error and CLOSE whole before the socket closes. */
    private final Object ending = new Object();
    private volatile boolean cancelled;
    private MessageOutput out;
    private IsmrmrdHeader header;
    private SliceAssembler assembler;
    private String methodId;
    private final Map<String, String> parameters = new LinkedHashMap<>();
    private boolean ushort;
    private MethodLease lease;
    private ReconParameters reconParameters;
    private ExecutorService worker;
    private int imageIndex;
    private final List<String> warnings = new ArrayList<>();

    Connection(Server server, Socket socket, int id) {
        this.server = server;
        this.socket = socket;
        this.id = id;
        this.account = server.budget.account();
    }

    @Override
    public void run() {
        boolean ok = false;
        try {
            socket.setSoTimeout(server.options.readTimeoutMillis());
            socket.setTcpNoDelay(true);
            out = new MessageOutput(new BufferedOutputStream(socket.getOutputStream(), 1 << 16));
            MessageInput in = new MessageInput(new BufferedInputStream(socket.getInputStream(), 1 << 16));
            ok = session(in);
        } catch (StreamException e) {
            fail(e.getMessage());
        } catch (EOFException e) {
            fail("the stream ended inside a message: the client disconnected early, or a message was shorter than "
                    + "its header said");
        } catch (SocketTimeoutException e) {
            fail("no data for " + server.options.readTimeoutMillis() / 1000 + " s: the connection is ended");
        } catch (IOException e) {
            failed.set(true); // reset or closed: nobody left to tell
        } catch (RuntimeException e) {
            fail("internal error in the MRD server: " + e);
        } finally {
            (ok && !failed.get() ? server.completed : server.failed).incrementAndGet();
            end();
        }
    }

    /** Ends the connection from outside (the server is closing). */
    void abort() {
        cancelled = true;
        try {
            socket.close();
        } catch (IOException ignored) {
            // closing anyway
        }
    }

    /** @return true when the session ended with CLOSE after all its images */
    private boolean session(MessageInput in) throws IOException, StreamException {
        int msg = in.readId();
        if (msg < 0) {
            return true; // connected and left: a port probe
        }
        switch (msg) {
            case Mrd.CONFIG_FILE -> methodId = in.readConfigFile().strip();
            case Mrd.CONFIG_TEXT -> methodId = in.readText(server.options.maxTextBytes(), "the CONFIG_TEXT message")
                    .strip();
            case Mrd.CLOSE -> {
                out.close();
                return true;
            }
            default -> throw new StreamException("the first message must be a config (CONFIG_FILE or CONFIG_TEXT) "
                    + "that names the method, got " + Mrd.name(msg));
        }
        msg = in.readId();
        switch (msg) {
            case Mrd.HEADER -> {
                header = MrdHeader.parse(in.readText(server.options.maxTextBytes(), "the METADATA_XML message"));
                assembler = new SliceAssembler(header, account);
            }
            case Mrd.CLOSE -> {
                out.close(); // a client asking what the server has, as Gadgetron's dependency queries do
                return true;
            }
            case Mrd.ACQUISITION -> throw new StreamException("an acquisition arrived before the METADATA_XML header: "
                    + "send the config, then the XML header, then the acquisitions");
            case -1 -> throw new EOFException();
            default -> throw new StreamException("the config must be followed by the METADATA_XML header, got "
                    + Mrd.name(msg));
        }
        while (!failed.get()) {
            msg = in.readId();
            switch (msg) {
                case Mrd.ACQUISITION -> acquisition(in);
                case Mrd.TEXT -> text(in.readText(server.options.maxTextBytes(), "a TEXT message"));
                case Mrd.WAVEFORM -> waveform(in);
                case Mrd.CLOSE -> {
                    return finish();
                }
                case Mrd.CONFIG_FILE, Mrd.CONFIG_TEXT, Mrd.HEADER -> throw new StreamException("a second "
                        + Mrd.name(msg) + " message arrived: one connection carries one config and one header");
                case Mrd.IMAGE -> throw new StreamException("this server reconstructs raw data: IMAGE messages are "
                        + "not accepted");
                case -1 -> throw new EOFException();
                default -> throw new StreamException(Mrd.name(msg) + ": the stream is not MRD, or out of step "
                        + "because an earlier message was longer or shorter than its header said");
            }
        }
        return false;
    }

    private void acquisition(MessageInput in) throws IOException, StreamException {
        AcquisitionHeader h = AcquisitionHeader.wrap(in.readBytes(Mrd.ACQUISITION_HEADER_BYTES));
        long bytes = h.trajectoryBytes() + h.dataBytes();
        if (bytes > server.options.maxMessageBytes()) {
            throw new StreamException(h + " declares " + Sizes.human(bytes) + " of trajectory and samples, more "
                    + "than the limit of " + Sizes.human(server.options.maxMessageBytes()) + " per message");
        }
        in.skip(h.trajectoryBytes()); // Cartesian: the line's position is its encoding counters
        float[] samples = in.readFloats(Math.toIntExact(2L * h.activeChannels() * h.samples()));
        if (lease == null) {
            start();
        }
        SliceAssembler.Slice slice = assembler.add(h, samples);
        if (assembler.reopened() > 0 && warnings.isEmpty()) {
            warnings.add("lines arrived for a slice already reconstructed: it is reconstructed again from them");
            out.text(Mrd.TEXT, "WARNING " + warnings.get(0));
        }
        if (slice != null) {
            submit(slice);
        }
    }

    /** A TEXT before the first acquisition is the JSON configuration (FIRE's convention); others are logging. */
    private void text(String text) throws StreamException {
        String t = text.strip();
        if (lease != null || !t.startsWith("{")) {
            return;
        }
        JsonNode root;
        try {
            root = JSON.readTree(t);
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new StreamException("the TEXT message before the acquisitions is not valid JSON ("
                    + e.getOriginalMessage() + "): send {\"parameters\": {\"NAME\": VALUE, ...}}");
        }
        JsonNode p = root.has("parameters") ? root.get("parameters") : root;
        if (!p.isObject()) {
            throw new StreamException("the JSON configuration's parameters must be an object of NAME: VALUE");
        }
        for (Iterator<Map.Entry<String, JsonNode>> it = p.fields(); it.hasNext();) {
            Map.Entry<String, JsonNode> e = it.next();
            if (!e.getValue().isValueNode()) {
                throw new StreamException("JSON parameter '" + e.getKey() + "' must be a number, text or boolean");
            }
            String v = e.getValue().asText();
            switch (e.getKey()) {
                case CONFIG -> methodId = v.strip();
                case CUSTOM_CONFIG -> methodId = v.isBlank() ? methodId : v.strip();
                case IMAGE_DATA_TYPE -> ushort = switch (v.strip().toLowerCase(Locale.ROOT)) {
                    case "float" -> false;
                    case "ushort" -> true;
                    default -> throw new StreamException("JSON parameter imageDataType is '" + v
                            + "': use float (default) or ushort");
                };
                default -> parameters.put(e.getKey(), v);
            }
        }
    }

    private void waveform(MessageInput in) throws IOException, StreamException {
        ByteBuffer h = ByteBuffer.wrap(in.readBytes(Mrd.WAVEFORM_HEADER_BYTES)).order(ByteOrder.LITTLE_ENDIAN);
        long bytes = 4L * (h.getShort(28) & 0xFFFF) * (h.getShort(30) & 0xFFFF); // samples x channels, uint32
        if (bytes > server.options.maxMessageBytes()) {
            throw new StreamException("a waveform declares " + Sizes.human(bytes) + ", more than the limit of "
                    + Sizes.human(server.options.maxMessageBytes()) + " per message");
        }
        in.skip(bytes); // physiology is not used by these reconstructions
    }

    /** Leases the method and validates the parameters: at the first acquisition, after any JSON configuration. */
    private void start() throws StreamException {
        if (methodId == null || methodId.isEmpty()) {
            throw new StreamException("the config names no method: send the method id (e.g. grappa) as the "
                    + "config");
        }
        lease = server.methods.acquire(methodId);
        try {
            reconParameters = lease.reconstructor().descriptor().parameters(parameters);
        } catch (IllegalArgumentException e) {
            throw new StreamException(e.getMessage());
        }
        worker = Executors.newSingleThreadExecutor(r -> {
            Thread t = new Thread(r, "mrd-recon-" + id);
            t.setDaemon(true);
            return t;
        });
    }

    private void submit(SliceAssembler.Slice slice) {
        worker.execute(() -> reconstruct(slice));
    }

    /** CLOSE: completes the open slices, waits for every image, answers CLOSE. */
    private boolean finish() throws StreamException, IOException {
        if (lease != null) {
            for (SliceAssembler.Slice s : assembler.finishAll()) {
                submit(s);
            }
            Future<?> done = worker.submit(() -> { });
            try {
                done.get();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new StreamException("interrupted while reconstructing");
            } catch (ExecutionException e) {
                throw new StreamException("internal error: " + e.getCause());
            }
        }
        if (failed.get()) {
            return false;
        }
        out.close();
        return true;
    }

    private void reconstruct(SliceAssembler.Slice slice) {
        try {
            if (failed.get() || cancelled) {
                return;
            }
            MethodDescriptor d = lease.reconstructor().descriptor();
            if (slice.pattern().calibrationLines() < d.minimumCalibrationLines()) {
                throw new StreamException(String.format(Locale.ROOT, "%s needs at least %d calibration lines, %s has "
                        + "%d: acquire more ACS lines, or choose another method", d.displayName(),
                        d.minimumCalibrationLines(), slice.key(), slice.pattern().calibrationLines()));
            }
            Acquisition a = Acquisition.of(slice.kspace(), slice.pattern(), slice.key().slice());
            long t0 = System.nanoTime();
            ReconstructedImage img = lease.reconstructor().reconstruct(a, reconParameters, context());
            double ms = (System.nanoTime() - t0) / 1e6;
            int rows = slice.kspace().phaseEncodes();
            int cols = slice.kspace().readouts();
            if (img == null || img.height() != rows || img.width() != cols) {
                throw new StreamException(d.id() + " returned " + (img == null ? "no image" : "a " + img.height()
                        + "x" + img.width() + " image") + " for a " + rows + "x" + cols + " matrix");
            }
            send(slice, img, d, ms);
        } catch (StreamException e) {
            fail(e.getMessage());
        } catch (ReconstructionException | IllegalArgumentException e) {
            fail(methodId + " failed on " + slice.key() + ": " + e.getMessage());
        } catch (CancellationException e) {
            failed.set(true);
        } catch (IOException e) {
            failed.set(true); // the client went away while its image was written
            cancelled = true;
        } catch (RuntimeException | LinkageError e) {
            // a method that throws, or whose bundle revision went away under it, fails this connection only
            fail(methodId + " failed on " + slice.key() + ": " + e);
        } finally {
            account.release(slice.reservedBytes());
        }
    }

    private void send(SliceAssembler.Slice slice, ReconstructedImage img, MethodDescriptor d, double ms)
            throws IOException {
        int rows = header.outputY();
        int cols = img.width();
        float[] mag = centreRows(img.magnitude(), img.height(), cols, rows);
        Map<String, List<String>> meta = new LinkedHashMap<>();
        meta.put("DataRole", List.of("Image"));
        meta.put("ImageProcessingHistory", List.of("RECON-OSGI", d.id().toUpperCase(Locale.ROOT)));
        meta.put("Method", List.of(d.id()));
        meta.put("MethodName", List.of(d.displayName()));
        meta.put("Bundle", List.of(lease.bundle()));
        meta.put("BundleVersion", List.of(lease.version()));
        String model = img.info().get("model");
        if (model != null) {
            meta.put("ModelId", List.of(model));
        }
        meta.put("ReconTimeMs", List.of(String.format(Locale.ROOT, "%.3f", ms)));
        byte[] pixels;
        if (ushort) {
            float max = 0;
            for (float v : mag) {
                max = Math.max(max, v);
            }
            // the image's maximum maps to 4095, the 12-bit range scanners display; pixel = value * scale
            double scale = max > 0 ? 4095.0 / max : 1.0;
            meta.put("ImageScaleFactor", List.of(Double.toString(scale)));
            ByteBuffer b = ByteBuffer.allocate(2 * mag.length).order(ByteOrder.LITTLE_ENDIAN);
            for (float v : mag) {
                b.putShort((short) Math.min(65535, Math.round(v * scale)));
            }
            pixels = b.array();
        } else {
            meta.put("ImageScaleFactor", List.of("1"));
            ByteBuffer b = ByteBuffer.allocate(4 * mag.length).order(ByteOrder.LITTLE_ENDIAN);
            b.asFloatBuffer().put(mag);
            pixels = b.array();
        }
        for (Map.Entry<String, String> e : img.info().entrySet()) {
            meta.put("Info." + e.getKey(), List.of(e.getValue()));
        }
        String attributes = MetaAttributes.write(meta);
        byte[] h = ImageHeader.of(slice.reference(), slice.key(), cols, rows, fieldOfView(),
                ushort ? Mrd.DATA_USHORT : Mrd.DATA_FLOAT, ++imageIndex, 1,
                attributes.getBytes(java.nio.charset.StandardCharsets.UTF_8).length);
        synchronized (ending) {
            if (failed.get()) {
                return; // the connection already ended with an error and CLOSE
            }
            out.image(h, attributes, pixels);
        }
        server.images.incrementAndGet();
    }

    /** The central {@code rows} rows: the image at reconSpace y, as the file reader's reference crop. */
    private static float[] centreRows(float[] image, int height, int cols, int rows) {
        if (rows == height) {
            return image;
        }
        float[] out = new float[rows * cols];
        System.arraycopy(image, (height - rows) / 2 * cols, out, 0, rows * cols);
        return out;
    }

    /** reconSpace's field of view, else the encoded one scaled to the output matrix; 0 where the header is silent. */
    private float[] fieldOfView() {
        IsmrmrdHeader x = header;
        double fx = x.reconFovX != null ? x.reconFovX
                : x.encodedFovX != null ? x.encodedFovX * x.outputX() / x.encodedX : 0;
        double fy = x.reconFovY != null ? x.reconFovY
                : x.encodedFovY != null ? x.encodedFovY * x.outputY() / x.encodedY : 0;
        double fz = x.reconFovZ != null ? x.reconFovZ : x.encodedFovZ != null ? x.encodedFovZ : 0;
        return new float[] {(float) fx, (float) fy, (float) fz};
    }

    private ReconContext context() {
        return new ReconContext() {
            @Override
            public void progress(double fraction, String message) {
                // a stream reports per image, not per step
            }

            @Override
            public boolean isCancelled() {
                return cancelled || failed.get();
            }
        };
    }

    /** Tells the client, once, and stops this connection's work. */
    private void fail(String message) {
        synchronized (ending) {
            if (failed.get()) {
                return;
            }
            try {
                out.text(Mrd.TEXT, "ERROR " + message);
                out.close();
            } catch (IOException | RuntimeException ignored) {
                // the client is gone; nothing to tell
            }
            failed.set(true); // only now may the reader stop and close the socket
        }
    }

    /** Releases everything: the worker finishes (cancelled slices return at once), then the lease and memory go. */
    private void end() {
        boolean drain;
        synchronized (ending) {
            drain = failed.get();
            cancelled = cancelled || drain;
        }
        if (drain) {
            drain(socket);
        }
        try {
            socket.close();
        } catch (IOException ignored) {
            // closed anyway
        }
        if (assembler != null) {
            assembler.discard();
        }
        Runnable release = () -> {
            if (lease != null) {
                lease.close();
            }
            account.close();
            server.ended(this);
        };
        if (worker != null) {
            worker.execute(release);
            worker.shutdown();
        } else {
            release.run();
        }
    }

    /**
     * Answers a client the server cannot take (too many connections) without holding the accept loop: the error,
     * CLOSE, then a bounded drain on a short-lived thread.
     */
    static void refuse(Socket client, String message) {
        Thread t = new Thread(() -> {
            try (client) {
                MessageOutput o = new MessageOutput(new BufferedOutputStream(client.getOutputStream()));
                o.text(Mrd.TEXT, "ERROR " + message);
                o.close();
                drain(client);
            } catch (IOException ignored) {
                // the client is gone already
            }
        }, "mrd-refuse");
        t.setDaemon(true);
        t.start();
    }

    /** Reads what the client still sends, for a bounded time and size, so that closing does not reset it. */
    private static void drain(Socket socket) {
        try {
            socket.shutdownOutput();
            socket.setSoTimeout(500);
            InputStream in = socket.getInputStream();
            byte[] buffer = new byte[1 << 16];
            long until = System.nanoTime() + DRAIN_MILLIS * 1_000_000L;
            long total = 0;
            while (total < DRAIN_BYTES && System.nanoTime() < until) {
                int n;
                try {
                    n = in.read(buffer);
                } catch (SocketTimeoutException quiet) {
                    continue;
                }
                if (n < 0) {
                    return;
                }
                total += n;
            }
        } catch (IOException ignored) {
            // the client is gone
        }
    }
}
