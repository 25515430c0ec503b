package org.mrirecon.io.ismrmrd;

/** An ISMRMRD XML header that cannot be used: what is wrong with it, and what to do. */
public final class InvalidHeaderException extends Exception {

    private static final long serialVersionUID = 1L;

    private final String problem;
    private final String fix;

    InvalidHeaderException(String problem, String fix, Throwable cause) {
        super(problem + ": " + fix, cause);
        this.problem = problem;
        this.fix = fix;
    }

    /** What is wrong, naming the header's source, e.g. "dataset /dataset/xml is not well-formed XML (...)". */
    public String problem() {
        return problem;
    }

    /** What to do about it. */
    public String fix() {
        return fix;
    }
}
