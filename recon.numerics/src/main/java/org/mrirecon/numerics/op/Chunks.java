package org.mrirecon.numerics.op;

import java.util.concurrent.ForkJoinPool;
import java.util.function.Supplier;
import java.util.stream.IntStream;

/**
 * Parallel loops over rows, columns or lines in a few contiguous chunks, each with its own scratch space. A
 * per-operator ThreadLocal would do the same per element, but the pool's threads keep stale entries of every
 * operator that ever ran, and the lookups through them took a tenth of a CS slice's profile.
 */
final class Chunks {

    /** The body of one chunk: elements {@code from} (inclusive) to {@code to} (exclusive), with its scratch. */
    interface Body<S> {
        void run(S scratch, int from, int to);
    }

    private Chunks() {
    }

    /** Runs {@code body} over 0..n in parallel, in up to four chunks per worker (enough to balance the load). */
    static <S> void parallel(int n, Supplier<S> scratch, Body<S> body) {
        int chunks = Math.max(1, Math.min(n, 4 * (ForkJoinPool.getCommonPoolParallelism() + 1)));
        IntStream.range(0, chunks).parallel().forEach(k -> {
            int from = (int) ((long) n * k / chunks);
            int to = (int) ((long) n * (k + 1) / chunks);
            if (from < to) {
                body.run(scratch.get(), from, to);
            }
        });
    }
}
