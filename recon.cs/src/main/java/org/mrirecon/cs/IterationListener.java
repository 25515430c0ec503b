package org.mrirecon.cs;

/** Told after every solver iteration; it may throw {@link java.util.concurrent.CancellationException} to stop. */
@FunctionalInterface
interface IterationListener {

    void iterationDone(int done, int total);
}
