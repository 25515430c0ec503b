package org.mrirecon.mrd;

import java.net.InetSocketAddress;

import org.osgi.annotation.versioning.ProviderType;

/**
 * A running MRD (ISMRMRD streaming) server: clients send a config naming the method, the XML header, optionally a
 * TEXT with JSON parameters, acquisitions and CLOSE; each slice is reconstructed as soon as it is complete and sent
 * back as an IMAGE; then CLOSE. A connection that fails (unknown method, malformed stream, failing method) gets a
 * TEXT error and CLOSE; the server keeps serving. Thread-safe.
 */
@ProviderType
public interface MrdServer extends AutoCloseable {

    /** The bound address (with the real port when the options asked for port 0). */
    InetSocketAddress address();

    /** Counters since the start. */
    Stats stats();

    /** Stops accepting, ends every connection and releases their methods. Idempotent. */
    @Override
    void close();

    /**
     * @param accepted           connections accepted
     * @param active             connections open now
     * @param completed          connections that ended with CLOSE after their images
     * @param failed             connections that ended with an error (sent as TEXT where the client could hear)
     * @param rejected           connections refused because {@link ServerOptions#maxConnections()} were open
     * @param images             images sent
     * @param heldBytes          k-space held now by all connections
     * @param peakHeldBytes      the most k-space held at once
     */
    record Stats(long accepted, int active, long completed, long failed, long rejected, long images, long heldBytes,
            long peakHeldBytes) {
    }
}
