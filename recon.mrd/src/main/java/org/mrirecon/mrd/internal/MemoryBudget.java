package org.mrirecon.mrd.internal;

import java.util.concurrent.atomic.AtomicLong;

/**
 * Bytes of k-space the server holds: per connection (open slices and slices waiting for their reconstruction) and
 * for the server as a whole. A reservation that would pass either limit fails the connection that asked, before
 * anything is allocated. A method's own working memory during a reconstruction is not counted here.
 */
public final class MemoryBudget {

    private final long serverLimit;
    private final long connectionLimit;
    private final AtomicLong used = new AtomicLong();
    private final AtomicLong peak = new AtomicLong();

    public MemoryBudget(long serverLimit, long connectionLimit) {
        this.serverLimit = serverLimit;
        this.connectionLimit = connectionLimit;
    }

    public long used() {
        return used.get();
    }

    public long peak() {
        return peak.get();
    }

    public long serverLimit() {
        return serverLimit;
    }

    public Account account() {
        return new Account();
    }

    /** One connection's share; {@link #close()} returns whatever it still holds. */
    public final class Account implements AutoCloseable {
        private final AtomicLong held = new AtomicLong();

        public void reserve(long bytes, String what) throws StreamException {
            if (bytes < 0) {
                throw new StreamException(what + " is too large to represent");
            }
            long mine = held.addAndGet(bytes);
            if (mine > connectionLimit) {
                held.addAndGet(-bytes);
                throw new StreamException(what + " would take this connection to " + Sizes.human(mine)
                        + " of k-space, more than its limit of " + Sizes.human(connectionLimit)
                        + ": send fewer slices at once, or raise the server's per-connection limit");
            }
            long all = used.addAndGet(bytes);
            if (all > serverLimit) {
                used.addAndGet(-bytes);
                held.addAndGet(-bytes);
                throw new StreamException(what + " does not fit: the server holds " + Sizes.human(all - bytes)
                        + " of k-space for all connections, its limit is " + Sizes.human(serverLimit)
                        + "; try again when fewer scans stream at once");
            }
            peak.accumulateAndGet(all, Math::max);
        }

        public void release(long bytes) {
            held.addAndGet(-bytes);
            used.addAndGet(-bytes);
        }

        public long held() {
            return held.get();
        }

        @Override
        public void close() {
            release(held.get());
        }
    }
}
