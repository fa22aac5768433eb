package io.gatehouse.risk;

import io.gatehouse.common.error.IamError;
import java.time.Duration;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;

/**
 * Lets at most {@code permits} heavy reads of a node run at once, the others waiting in arrival order.
 * On a saturated host every database round trip waits for a core; with eight aggregates in PostgreSQL at
 * once, each one's wait is a lottery, and the slowest percent of the answers took 100-250 ms while the
 * median took 4 ms. Queued in order, a read waits for the ones ahead of it and no longer. A read that
 * cannot start within {@code maxWait} is refused with 429.
 */
final class ReadGate {

    private final Semaphore permits;
    private final Duration maxWait;

    ReadGate(int permits, Duration maxWait) {
        if (permits < 1) {
            throw new IllegalArgumentException("a read gate needs at least one permit, not " + permits);
        }
        this.permits = new Semaphore(permits, true);
        this.maxWait = maxWait;
    }

    <T> T read(Supplier<T> work) {
        boolean entered;
        try {
            entered = permits.tryAcquire(maxWait.toNanos(), TimeUnit.NANOSECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw IamError.THROTTLED.exception("the request was interrupted while it waited");
        }
        if (!entered) {
            throw IamError.THROTTLED.exception("statistics reads waiting longer than " + maxWait.toMillis() + " ms");
        }
        try {
            return work.get();
        } finally {
            permits.release();
        }
    }
}
