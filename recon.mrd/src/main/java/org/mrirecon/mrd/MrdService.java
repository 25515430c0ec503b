package org.mrirecon.mrd;

import java.io.IOException;

import org.osgi.annotation.versioning.ProviderType;

/**
 * Starts MRD servers that reconstruct with the methods deployed in this framework (an OSGi service of the
 * recon.mrd bundle). Servers it started are closed when the bundle stops.
 */
@ProviderType
public interface MrdService {

    /**
     * Binds and starts serving.
     *
     * @throws IOException if the address cannot be bound (in use, not local, not resolvable)
     */
    MrdServer start(ServerOptions options) throws IOException;
}
