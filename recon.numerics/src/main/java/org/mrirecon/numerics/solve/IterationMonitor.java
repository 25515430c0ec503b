package org.mrirecon.numerics.solve;

import java.util.concurrent.CancellationException;

import org.mrirecon.api.ReconContext;
import org.osgi.annotation.versioning.ConsumerType;

/** Told after every solver iteration: progress, and the place to stop a solver. */
@ConsumerType
@FunctionalInterface
public interface IterationMonitor {

    /**
     * @param done  iterations done so far
     * @param total the iteration limit
     * @throws CancellationException to stop the solver
     */
    void iterationDone(int done, int total);

    /** A monitor that does nothing. */
    static IterationMonitor none() {
        return (done, total) -> {
        };
    }

    /** Reports {@code done / total} to the context and throws once the context is cancelled. */
    static IterationMonitor of(ReconContext context) {
        return (done, total) -> {
            context.progress((double) done / total, "iteration " + done + "/" + total);
            context.checkCancelled();
        };
    }
}
