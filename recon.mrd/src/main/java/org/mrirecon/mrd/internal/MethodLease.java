package org.mrirecon.mrd.internal;

import org.mrirecon.api.Reconstructor;

/**
 * A method held by one connection from its first acquisition to its end, so that a bundle update meanwhile does not
 * change the method under a scan: the next connection gets the new version.
 */
public final class MethodLease implements AutoCloseable {

    private final Reconstructor reconstructor;
    private final String bundle;
    private final String version;
    private final Runnable release;

    /**
     * @param bundle  symbolic name of the providing bundle
     * @param version the providing bundle's version: the method's version
     * @param release called once on {@link #close()}
     */
    public MethodLease(Reconstructor reconstructor, String bundle, String version, Runnable release) {
        this.reconstructor = reconstructor;
        this.bundle = bundle;
        this.version = version;
        this.release = release;
    }

    public Reconstructor reconstructor() {
        return reconstructor;
    }

    public String bundle() {
        return bundle;
    }

    public String version() {
        return version;
    }

    @Override
    public void close() {
        release.run();
    }
}
