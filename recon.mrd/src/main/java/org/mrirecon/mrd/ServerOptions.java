package org.mrirecon.mrd;

import org.osgi.annotation.versioning.ProviderType;

/**
 * Where an MRD server listens and the limits that keep one connection from harming the others. Immutable; make one
 * with {@link #builder()}.
 */
@ProviderType
public final class ServerOptions {

    private final String bind;
    private final int port;
    private final int maxConnections;
    private final long maxTextBytes;
    private final long maxMessageBytes;
    private final long maxConnectionBytes;
    private final long maxServerBytes;
    private final int readTimeoutMillis;
    private final int methodWaitMillis;

    private ServerOptions(Builder b) {
        this.bind = b.bind;
        this.port = b.port;
        this.maxConnections = b.maxConnections;
        this.maxTextBytes = b.maxTextBytes;
        this.maxMessageBytes = b.maxMessageBytes;
        this.maxConnectionBytes = b.maxConnectionBytes;
        this.maxServerBytes = b.maxServerBytes;
        this.readTimeoutMillis = b.readTimeoutMillis;
        this.methodWaitMillis = b.methodWaitMillis;
    }

    public static Builder builder() {
        return new Builder();
    }

    /** The address to bind: 127.0.0.1 by default, so nothing outside this machine can connect unless asked. */
    public String bind() {
        return bind;
    }

    /** The TCP port; 0 takes any free port ({@link MrdServer#address()} tells which). */
    public int port() {
        return port;
    }

    /** Connections served at once; one more is answered with a TEXT error and CLOSE. */
    public int maxConnections() {
        return maxConnections;
    }

    /** The longest config, XML header or TEXT message accepted. */
    public long maxTextBytes() {
        return maxTextBytes;
    }

    /** The longest acquisition or waveform message accepted (trajectory and samples). */
    public long maxMessageBytes() {
        return maxMessageBytes;
    }

    /** The k-space one connection may hold: slices being gathered and slices waiting for their reconstruction. */
    public long maxConnectionBytes() {
        return maxConnectionBytes;
    }

    /** The k-space all connections together may hold. */
    public long maxServerBytes() {
        return maxServerBytes;
    }

    /** How long a connection may send nothing before it is ended. */
    public int readTimeoutMillis() {
        return readTimeoutMillis;
    }

    /** How long a connection waits for a method whose bundle is being updated (its service just went away). */
    public int methodWaitMillis() {
        return methodWaitMillis;
    }

    @Override
    public String toString() {
        return bind + ":" + port;
    }

    /** Defaults: 127.0.0.1:9002 (MRD's customary port), 64 connections, 16 MB texts, 64 MB messages, 1 GB per
     * connection, half the heap for all, 300 s read timeout, 10 s wait for a method being updated. */
    public static final class Builder {
        private String bind = "127.0.0.1";
        private int port = 9002;
        private int maxConnections = 64;
        private long maxTextBytes = 16L << 20;
        private long maxMessageBytes = 64L << 20;
        private long maxConnectionBytes = 1L << 30;
        private long maxServerBytes = Runtime.getRuntime().maxMemory() / 2;
        private int readTimeoutMillis = 300_000;
        private int methodWaitMillis = 10_000;

        public Builder bind(String address) {
            if (address == null || address.isBlank()) {
                throw new IllegalArgumentException("the bind address is empty: give a host name or IP address");
            }
            this.bind = address.strip();
            return this;
        }

        public Builder port(int port) {
            if (port < 0 || port > 65535) {
                throw new IllegalArgumentException("port " + port + " is not a TCP port (0 to 65535)");
            }
            this.port = port;
            return this;
        }

        public Builder maxConnections(int n) {
            this.maxConnections = positive(n, "maxConnections");
            return this;
        }

        public Builder maxTextBytes(long n) {
            this.maxTextBytes = positive(n, "maxTextBytes");
            return this;
        }

        public Builder maxMessageBytes(long n) {
            this.maxMessageBytes = positive(n, "maxMessageBytes");
            return this;
        }

        public Builder maxConnectionBytes(long n) {
            this.maxConnectionBytes = positive(n, "maxConnectionBytes");
            return this;
        }

        public Builder maxServerBytes(long n) {
            this.maxServerBytes = positive(n, "maxServerBytes");
            return this;
        }

        public Builder readTimeoutMillis(int ms) {
            this.readTimeoutMillis = positive(ms, "readTimeoutMillis");
            return this;
        }

        public Builder methodWaitMillis(int ms) {
            if (ms < 0) {
                throw new IllegalArgumentException("methodWaitMillis must be >= 0, got " + ms);
            }
            this.methodWaitMillis = ms;
            return this;
        }

        public ServerOptions build() {
            return new ServerOptions(this);
        }

        private static int positive(int n, String name) {
            if (n < 1) {
                throw new IllegalArgumentException(name + " must be positive, got " + n);
            }
            return n;
        }

        private static long positive(long n, String name) {
            if (n < 1) {
                throw new IllegalArgumentException(name + " must be positive, got " + n);
            }
            return n;
        }
    }
}
