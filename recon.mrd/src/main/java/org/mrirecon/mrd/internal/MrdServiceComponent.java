package org.mrirecon.mrd.internal;

import java.io.IOException;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

import org.mrirecon.mrd.MrdServer;
import org.mrirecon.mrd.MrdService;
import org.mrirecon.mrd.ServerOptions;
import org.osgi.framework.BundleContext;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Deactivate;

/**
 * The {@link MrdService} of this bundle: servers reconstruct with the {@code Reconstructor} services registered at
 * the moment each connection starts, and are closed when the bundle stops.
 */
@Component(service = MrdService.class)
public class MrdServiceComponent implements MrdService {

    private final BundleContext context;
    private final Set<Server> servers = ConcurrentHashMap.newKeySet();

    @Activate
    public MrdServiceComponent(BundleContext context) {
        this.context = context;
    }

    @Override
    public MrdServer start(ServerOptions options) throws IOException {
        OsgiMethods methods = new OsgiMethods(context, options.methodWaitMillis());
        Server s;
        try {
            s = Server.start(options, methods);
        } catch (IOException e) {
            methods.close();
            throw e;
        }
        servers.add(s);
        return new MrdServer() {
            @Override
            public java.net.InetSocketAddress address() {
                return s.address();
            }

            @Override
            public Stats stats() {
                return s.stats();
            }

            @Override
            public void close() {
                servers.remove(s);
                s.close();
                methods.close();
            }
        };
    }

    @Deactivate
    void deactivate() {
        for (Server s : servers) {
            s.close();
        }
        servers.clear();
    }
}
