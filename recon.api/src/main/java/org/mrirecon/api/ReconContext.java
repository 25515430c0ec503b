package org.mrirecon.api;

import java.util.concurrent.CancellationException;

import org.osgi.annotation.versioning.ProviderType;

/**
 * Per-call context that the caller (the launcher) hands to a method: progress reporting and cooperative
 * cancellation. Implemented by callers, used by methods. Implementations are thread-safe, so a method may report
 * from worker threads.
 */
@ProviderType
public interface ReconContext {

    /**
     * Reports progress of this call.
     *
     * @param fraction done so far, in [0, 1]
     * @param message  short description of the current step, may be empty
     */
    void progress(double fraction, String message);

    /** Whether the caller asked this call to stop. */
    boolean isCancelled();

    /**
     * Throws if the caller asked this call to stop; call it between iterations.
     *
     * @throws CancellationException if cancelled
     */
    default void checkCancelled() {
        if (isCancelled()) {
            throw new CancellationException("reconstruction cancelled by the caller");
        }
    }

    /**
     * A view of this context for a sub-task that covers the range [from, to] of this call's progress: the sub-task
     * reports 0..1 and this context sees from..to. Cancellation is shared.
     */
    default ReconContext subTask(double from, double to) {
        ReconContext parent = this;
        return new ReconContext() {
            @Override
            public void progress(double fraction, String message) {
                double f = Math.max(0, Math.min(1, fraction));
                parent.progress(from + (to - from) * f, message);
            }

            @Override
            public boolean isCancelled() {
                return parent.isCancelled();
            }
        };
    }

    /** A context that ignores progress and is never cancelled (for tests and scripts). */
    static ReconContext none() {
        return new ReconContext() {
            @Override
            public void progress(double fraction, String message) {
                // ignored
            }

            @Override
            public boolean isCancelled() {
                return false;
            }
        };
    }
}
