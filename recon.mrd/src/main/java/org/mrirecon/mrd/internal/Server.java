package org.mrirecon.mrd.internal;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

import org.mrirecon.mrd.MrdServer;
import org.mrirecon.mrd.ServerOptions;

/**
 * The accept loop: one thread accepts, each connection gets a reader thread (and, once it streams, a worker thread
 * that reconstructs its slices in order). Connections share nothing but the method source, the memory budget and
 * the counters, so one that fails cannot disturb another.
 */
public final class Server implements MrdServer {

    final ServerOptions options;
    final MethodSource methods;
    final MemoryBudget budget;
    final AtomicLong completed = new AtomicLong();
    final AtomicLong failed = new AtomicLong();
    final AtomicLong images = new AtomicLong();
    private final AtomicLong accepted = new AtomicLong();
    private final AtomicLong rejected = new AtomicLong();
    private final AtomicInteger ids = new AtomicInteger();
    private final Set<Connection> connections = ConcurrentHashMap.newKeySet();
    private final ServerSocket socket;
    private final Thread acceptor;
    private volatile boolean closed;

    private Server(ServerOptions options, MethodSource methods, ServerSocket socket) {
        this.options = options;
        this.methods = methods;
        this.budget = new MemoryBudget(options.maxServerBytes(), options.maxConnectionBytes());
        this.socket = socket;
        this.acceptor = new Thread(this::acceptLoop, "mrd-accept-" + socket.getLocalPort());
        this.acceptor.setDaemon(true);
    }

    /** Binds the options' address and port and starts accepting. */
    public static Server start(ServerOptions options, MethodSource methods) throws IOException {
        ServerSocket s = new ServerSocket();
        try {
            s.setReuseAddress(true);
            s.bind(new InetSocketAddress(InetAddress.getByName(options.bind()), options.port()), 64);
        } catch (IOException e) {
            s.close();
            throw new IOException("cannot listen for MRD connections on " + options.bind() + ":" + options.port()
                    + " (" + e.getMessage() + "): choose another port, or an address of this machine", e);
        }
        Server server = new Server(options, methods, s);
        server.acceptor.start();
        return server;
    }

    @Override
    public InetSocketAddress address() {
        return (InetSocketAddress) socket.getLocalSocketAddress();
    }

    @Override
    public Stats stats() {
        return new Stats(accepted.get(), connections.size(), completed.get(), failed.get(), rejected.get(),
                images.get(), budget.used(), budget.peak());
    }

    @Override
    public void close() {
        closed = true;
        try {
            socket.close();
        } catch (IOException ignored) {
            // closing anyway
        }
        for (Connection c : connections) {
            c.abort();
        }
        try {
            acceptor.join(5000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    void ended(Connection c) {
        connections.remove(c);
    }

    private void acceptLoop() {
        while (!closed) {
            Socket client;
            try {
                client = socket.accept();
            } catch (IOException e) {
                if (closed) {
                    return;
                }
                continue; // a failed handshake; keep serving
            }
            accepted.incrementAndGet();
            if (connections.size() >= options.maxConnections()) {
                rejected.incrementAndGet();
                Connection.refuse(client, "the server is serving its maximum of " + options.maxConnections()
                        + " connections: try again later");
                continue;
            }
            Connection c = new Connection(this, client, ids.incrementAndGet());
            connections.add(c);
            Thread t = new Thread(c, "mrd-connection-" + c.id);
            t.setDaemon(true);
            t.start();
        }
    }

}
