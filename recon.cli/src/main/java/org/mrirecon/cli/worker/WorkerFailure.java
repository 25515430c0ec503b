package org.mrirecon.cli.worker;

/**
 * A reconstruction that failed outside the method's own answer: its worker process died, was stopped hard or
 * restarted, or the method threw something that cannot cross the process boundary as itself (an Error). The message
 * says what happened and names the method.
 */
public final class WorkerFailure extends RuntimeException {

    private static final long serialVersionUID = 1L;
    private final boolean retryable;
    private final boolean workerDied;

    public WorkerFailure(String message) {
        this(message, false, false);
    }

    /**
     * @param retryable  the method was withdrawn before it ran (updated, its worker restarted): run it again
     * @param workerDied the worker process died while it ran this call (perhaps by this very method): do not
     *                   run it again
     */
    public WorkerFailure(String message, boolean retryable, boolean workerDied) {
        super(message);
        this.retryable = retryable;
        this.workerDied = workerDied;
    }

    public boolean retryable() {
        return retryable;
    }

    public boolean workerDied() {
        return workerDied;
    }
}
