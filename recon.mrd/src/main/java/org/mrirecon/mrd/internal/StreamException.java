package org.mrirecon.mrd.internal;

/**
 * What ends one connection: a malformed or unsupported stream, or a method that cannot reconstruct it. The message
 * is sent to the client as a TEXT before CLOSE, so it names the problem and, where there is one, the fix.
 */
public final class StreamException extends Exception {

    private static final long serialVersionUID = 1L;

    public StreamException(String message) {
        super(message);
    }

    public StreamException(String message, Throwable cause) {
        super(message, cause);
    }
}
