package io.gatehouse.audit;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.core.env.Environment;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;

/**
 * Deletes log records past their retention ({@code gatehouse.retention.days.<log>}, 180 days unless
 * configured; 0 keeps them forever). Every node schedules it; the lease lets one node at a time run it.
 * Each log deletes in small batches of short transactions with a pause between them, so no lock is
 * held long enough to stall sign-ins or writes.
 */
@Component
class RetentionJob {

    static final String LEASE = "retention";
    static final int DEFAULT_DAYS = 180;
    private static final Logger log = LoggerFactory.getLogger(RetentionJob.class);

    private final List<RetainedLog> logs;
    private final JobLease lease;
    private final Environment settings;
    private final Clock clock;
    private final int batchSize;
    private final Duration batchPause;

    RetentionJob(List<RetainedLog> logs, JobLease lease, Environment settings, Clock clock,
            @Value("${gatehouse.retention.batch-size:1000}") int batchSize,
            @Value("${gatehouse.retention.batch-pause:10ms}") Duration batchPause) {
        if (batchSize < 1 || batchSize > 100_000) {
            throw new IllegalStateException("gatehouse.retention.batch-size must be 1 to 100000, not " + batchSize);
        }
        this.logs = logs;
        this.lease = lease;
        this.settings = settings;
        this.clock = clock;
        this.batchSize = batchSize;
        this.batchPause = batchPause;
        logs.forEach(l -> days(l.name()));
    }

    /** Records deleted per log; empty when another node holds the lease. */
    @Scheduled(initialDelayString = "${gatehouse.retention.initial-delay:10m}",
            fixedDelayString = "${gatehouse.retention.interval:1h}")
    Map<String, Long> run() {
        Map<String, Long> deleted = new LinkedHashMap<>();
        if (!lease.acquire(LEASE)) {
            return deleted;
        }
        try {
            for (RetainedLog retained : logs) {
                int days = days(retained.name());
                if (days > 0) {
                    deleted.put(retained.name(), purge(retained, clock.instant().minus(Duration.ofDays(days))));
                }
            }
        } finally {
            lease.release(LEASE);
        }
        return deleted;
    }

    /** Purges one log up to {@code cutoff}, under a lease this node already holds or takes now. */
    long purge(RetainedLog retained, Instant cutoff) {
        long started = System.nanoTime();
        long n = retained.purge(cutoff, new RetentionBatches(batchSize, batchPause, lease, clock));
        if (n > 0) {
            log.info("Retention deleted {} {} records older than {} in {} ms", n, retained.name(), cutoff,
                    (System.nanoTime() - started) / 1_000_000);
        }
        return n;
    }

    private int days(String name) {
        int days = settings.getProperty("gatehouse.retention.days." + name, Integer.class, DEFAULT_DAYS);
        if (days < 0) {
            throw new IllegalStateException("gatehouse.retention.days." + name + " must be 0 (keep) or more, not " + days);
        }
        return days;
    }
}
