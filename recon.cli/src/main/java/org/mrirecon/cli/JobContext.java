package org.mrirecon.cli;

import java.util.List;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CopyOnWriteArrayList;

import org.mrirecon.api.ReconContext;

/**
 * The context one trial hands its method: progress goes to the display, cancellation comes from the job (the user,
 * Ctrl-C) or from the trial's time limit, and says which.
 */
public final class JobContext implements ReconContext {

    private final ReconContext display;
    private volatile String cancelled;
    private final List<String> warnings = new CopyOnWriteArrayList<>();

    public JobContext(ReconContext display) {
        this.display = display;
    }

    @Override
    public void progress(double fraction, String message) {
        display.progress(fraction, message);
    }

    @Override
    public boolean isCancelled() {
        return cancelled != null;
    }

    @Override
    public void checkCancelled() {
        String why = cancelled;
        if (why != null) {
            throw new CancellationException(why);
        }
    }

    /** Asks the method to stop; the first reason given stays. */
    public void cancel(String why) {
        if (cancelled == null) {
            cancelled = why;
        }
    }

    /** Why it was cancelled, or null. */
    public String cancelled() {
        return cancelled;
    }

    /** Something the user should know about this trial that does not fail it (e.g. its worker was restarted). */
    public void warn(String message) {
        warnings.add(message);
    }

    List<String> warnings() {
        return warnings;
    }
}
