package org.mrirecon.mrd.internal;

/** Where a connection gets its method: the OSGi service registry in the framework, a fixed set in unit tests. */
@FunctionalInterface
public interface MethodSource {

    /**
     * Gets the method's service object for the life of one connection.
     *
     * @throws StreamException if no method has that id (the message lists the ones there are)
     */
    MethodLease acquire(String id) throws StreamException;
}
