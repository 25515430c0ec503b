package org.mrirecon.cli;

import java.util.concurrent.TimeUnit;

import org.mrirecon.mrd.MrdServer;
import org.mrirecon.mrd.MrdService;
import org.mrirecon.mrd.ServerOptions;
import org.osgi.framework.ServiceReference;

/** The MRD server of {@code serve --mrd-port}: started from the recon.mrd bundle's service, closed with the shell. */
final class MrdServing {

    private MrdServing() {
    }

    /** Starts the server, or does nothing without a port. */
    static AutoCloseable start(Cli cli, Integer port, String bind) throws Exception {
        if (port == null) {
            if (!"127.0.0.1".equals(bind)) {
                throw new UsageException("--bind is the address of the MRD server: give --mrd-port too");
            }
            return () -> { };
        }
        ServerOptions options;
        try {
            options = ServerOptions.builder().bind(bind).port(port).build();
        } catch (IllegalArgumentException e) {
            throw new UsageException(e.getMessage());
        }
        ServiceReference<MrdService> ref = await(cli);
        MrdServer server = cli.context.getService(ref).start(options);
        cli.out.println("MRD server listening on " + server.address().getHostString() + ":"
                + server.address().getPort() + " (config = a method id; see docs/streaming.md)");
        return () -> {
            server.close();
            cli.context.ungetService(ref);
        };
    }

    /** The service appears when the recon.mrd bundle's component is active: moments after the framework starts. */
    private static ServiceReference<MrdService> await(Cli cli) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while (true) {
            ServiceReference<MrdService> ref = cli.context.getServiceReference(MrdService.class);
            if (ref != null) {
                return ref;
            }
            if (System.nanoTime() > deadline) {
                throw new IllegalStateException("the MRD service is not running: the launcher must include the "
                        + "recon.mrd bundle");
            }
            Thread.sleep(50);
        }
    }
}
