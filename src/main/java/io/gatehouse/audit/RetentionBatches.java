package io.gatehouse.audit;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;

/**
 * The pace of one purge: the batch size, a pause between batches (so sign-ins and writes that touch
 * the same indexes are never starved), and the lease, renewed as the purge goes on; once the lease is
 * lost, another node has taken over and this one stops.
 */
final class RetentionBatches {

    private final int size;
    private final Duration pause;
    private final JobLease lease;
    private final Clock clock;
    private Instant renewedAt;
    private boolean worked;

    RetentionBatches(int size, Duration pause, JobLease lease, Clock clock) {
        this.size = size;
        this.pause = pause;
        this.lease = lease;
        this.clock = clock;
        this.renewedAt = clock.instant();
    }

    int size() {
        return size;
    }

    /** Whether to run the next batch: after a pause if the last one deleted anything, and while the lease holds. */
    boolean proceed() {
        if (worked && !pause.isZero()) {
            try {
                Thread.sleep(pause.toMillis());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return false;
            }
        }
        worked = false;
        if (Duration.between(renewedAt, clock.instant()).compareTo(JobLease.TTL.dividedBy(4)) > 0) {
            if (!lease.renew(RetentionJob.LEASE)) {
                return false;
            }
            renewedAt = clock.instant();
        }
        return true;
    }

    /** Reports what a batch deleted; only batches that deleted are followed by the pause. */
    void deleted(int rows) {
        worked = rows > 0;
    }
}
