package io.gatehouse.audit;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicBoolean;
import org.springframework.beans.factory.DisposableBean;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.core.env.Environment;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;

/**
 * Deletes log records past their retention ({@code gatehouse.retention.days.<log>}, 180 days unless
 * configured; 0 keeps them forever). Every node schedules it; the lease lets one node at a time run it.
 * Each log deletes in small batches of short transactions with a pause between them, so no lock is
 * held long enough to stall sign-ins or writes. A purge can take minutes, so it runs on a thread of its
 * own: on the scheduler's one thread it would hold up the change feed, and with it revocations.
 */
@Component
class RetentionJob implements DisposableBean {

    static final String LEASE = "retention";
    static final int DEFAULT_DAYS = 180;
    private static final Logger log = LoggerFactory.getLogger(RetentionJob.class);

    private final List<RetainedLog> logs;
    private final JobLease lease;
    private final Environment settings;
    private final Clock clock;
    private final int batchSize;
    private final Duration batchPause;
    private final ExecutorService worker = Executors.newSingleThreadExecutor(r -> {
        Thread t = new Thread(r, "retention");
        t.setDaemon(true);
        return t;
    });
    private final AtomicBoolean running = new AtomicBoolean();

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

    @Scheduled(initialDelayString = "${gatehouse.retention.initial-delay:10m}",
            fixedDelayString = "${gatehouse.retention.interval:1h}")
    void schedule() {
        if (running.compareAndSet(false, true)) {
            worker.execute(() -> {
                try {
                    run();
                } catch (RuntimeException e) {
                    log.error("Retention run failed; the next run tries again", e);
                } finally {
                    running.set(false);
                }
            });
        }
    }

    /** Stops a purge in progress: the batch under way finishes, the next one does not start. */
    @Override
    public void destroy() {
        worker.shutdownNow();
    }

    /** One run, on the calling thread. Records deleted per log; empty when another node holds the lease. */
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
