package org.mrirecon.cli.worker;

/**
 * A reconstruction that failed outside the method's own answer: its worker process died, was stopped hard or
 * restarted, or the method threw something that cannot cross the process boundary as itself (an Error). The message
 * says what happened and names the method.
 */
public final class WorkerFailure extends RuntimeException {

    private static final long serialVersionUID = 1L;

    public WorkerFailure(String message) {
        super(message);
    }
}
