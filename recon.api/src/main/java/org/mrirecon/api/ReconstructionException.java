package org.mrirecon.api;

/**
 * A method cannot reconstruct the given input with the given parameters. The message names the problem and how
 * to fix it, e.g. "GRAPPA needs at least 12 calibration lines for a 4x5 kernel at R=4, the data has 8: acquire
 * more ACS lines or use a smaller kernel".
 */
public class ReconstructionException extends Exception {

    private static final long serialVersionUID = 1L;

    public ReconstructionException(String message) {
        super(message);
    }

    public ReconstructionException(String message, Throwable cause) {
        super(message, cause);
    }
}
