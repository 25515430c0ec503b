package org.mrirecon.cli;

/**
 * The local benchmark engine's memory bound beside its --workers bound: a volume is loaded only while the estimated
 * memory of the volumes in work, its own included, fits the budget (a share of the heap). A volume larger than the
 * whole budget waits until nothing else is in work and then runs alone, so a large volume slows the run instead of
 * failing it with OutOfMemoryError.
 */
final class MemoryBudget {

    /**
     * What one volume needs, from its raw data: the fully sampled k-space and the undersampled copy a method gets
     * (2x), the images and the reference (well under 1x), plus a method's own working set (CS and VarNet about 0.6 GB
     * at 320 x 320 x 15 coils). Measured in docs/performance.md ("Memory"): 1.5 GB peak heap for the default 35-slice
     * phantom volume, whose k-space is 430 MB: 3 x 430 MB + 256 MB.
     */
    static long estimate(long dataBytes) {
        return 3 * dataBytes + (256L << 20);
    }

    /** A budget of 85 % of this JVM's maximum heap. */
    static MemoryBudget ofHeap() {
        return new MemoryBudget(Runtime.getRuntime().maxMemory() / 100 * 85);
    }

    private final long capacity;
    private long inUse;

    MemoryBudget(long capacity) {
        if (capacity <= 0) {
            throw new IllegalArgumentException("a memory budget must be positive, got " + capacity);
        }
        this.capacity = capacity;
    }

    long capacity() {
        return capacity;
    }

    /**
     * Waits until {@code bytes} fit beside what is in use (or nothing is in use), takes them, and returns what was
     * taken: the request, capped at the capacity. Give that back with {@link #release}.
     */
    synchronized long acquire(long bytes) throws InterruptedException {
        long take = Math.max(0, Math.min(bytes, capacity));
        while (inUse > 0 && inUse + take > capacity) {
            wait();
        }
        inUse += take;
        return take;
    }

    synchronized void release(long taken) {
        inUse -= taken;
        notifyAll();
    }

    synchronized long inUse() {
        return inUse;
    }
}
