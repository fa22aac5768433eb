package io.gatehouse.risk;

import io.gatehouse.audit.SignInEvents;
import io.gatehouse.common.time.WireTime;
import jakarta.annotation.PostConstruct;
import jakarta.annotation.PreDestroy;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Risk detection and the statistics' rollup, off the request path. Every node polls, on a thread of its
 * own; a batch of new sign-in events (by id, after the cursor in {@code risk_detector_cursor}) is processed
 * in one transaction that holds the cursor's row lock, taken with {@code FOR UPDATE SKIP LOCKED}: one node at a time works,
 * the others skip the round, and nothing is processed twice. The batch's rollup cells, its risk events and
 * the cursor commit together. Notifications go out after the commit.
 */
@Component
class RiskDetector {

    private static final Logger log = LoggerFactory.getLogger(RiskDetector.class);
    static final String CURSOR = "signin";
    /** Rollup cells are kept this long: the statistics' longest custom range, with room. */
    static final int ROLLUP_DAYS = 400;

    private final SignInEvents signIns;
    private final SignInDaily daily;
    private final RiskRuleService rules;
    private final RiskEventStore events;
    private final RiskNotifications notifications;
    private final JdbcClient jdbc;
    private final TransactionTemplate tx;
    private final Clock clock;
    private final int batchSize;
    private final Duration settle;
    private final Duration interval;
    private final ScheduledExecutorService worker = Executors.newSingleThreadScheduledExecutor(r -> {
        Thread t = new Thread(r, "risk-detector");
        t.setDaemon(true);
        return t;
    });

    RiskDetector(SignInEvents signIns, SignInDaily daily, RiskRuleService rules, RiskEventStore events,
            RiskNotifications notifications, JdbcClient jdbc, PlatformTransactionManager transactions, Clock clock,
            @Value("${gatehouse.risk.detector.batch-size:1000}") int batchSize,
            @Value("${gatehouse.risk.detector.settle:2s}") Duration settle,
            @Value("${gatehouse.risk.detector.interval:2s}") Duration interval) {
        this.signIns = signIns;
        this.daily = daily;
        this.rules = rules;
        this.events = events;
        this.notifications = notifications;
        this.jdbc = jdbc;
        this.tx = new TransactionTemplate(transactions);
        this.clock = clock;
        this.batchSize = Math.max(1, batchSize);
        this.settle = settle;
        this.interval = interval;
    }

    /**
     * Runs on a thread of its own, not on the shared scheduler: catching up on a backlog, or waiting for an
     * SMTP server, must never delay the change feed's poll, which carries revocations.
     */
    @PostConstruct
    void start() {
        worker.scheduleWithFixedDelay(this::poll, interval.toMillis(), interval.toMillis(), TimeUnit.MILLISECONDS);
        worker.scheduleWithFixedDelay(this::purgeRollup, 10, 6 * 60, TimeUnit.MINUTES);
    }

    @PreDestroy
    void stop() throws InterruptedException {
        worker.shutdownNow();
        if (!worker.awaitTermination(10, TimeUnit.SECONDS)) {
            log.warn("The risk detector did not stop within 10 s");
        }
    }

    void poll() {
        try {
            // Catch up in full batches; a short one means the settled events are all done.
            int taken;
            do {
                taken = runBatch();
            } while (taken == batchSize && !Thread.currentThread().isInterrupted());
        } catch (RuntimeException e) {
            log.error("Risk detection failed; the batch rolled back and is retried at the next poll", e);
        }
    }

    /** Processes one batch; returns how many events it took (0 when another node holds the cursor). */
    int runBatch() {
        List<DetectionBatch.Raised> toNotify = new ArrayList<>();
        Integer taken = tx.execute(status -> {
            Long cursor = jdbc.sql("SELECT last_event_id FROM risk_detector_cursor WHERE name = :name "
                    + "FOR UPDATE SKIP LOCKED").param("name", CURSOR).query(Long.class).optional().orElse(null);
            if (cursor == null) {
                return 0;
            }
            Instant now = WireTime.truncate(clock.instant());
            List<SignInEvents.Recorded> batch = signIns.since(cursor, now.minus(settle), batchSize);
            if (batch.isEmpty()) {
                return 0;
            }
            DetectionBatch detection = new DetectionBatch(rules::rulesOf, daily, now);
            batch.forEach(detection::process);
            daily.add(detection.increments());
            for (DetectionBatch.Raised r : detection.raised()) {
                long id = events.insert(r.event());
                if (r.notifyEmail() || r.notifySms()) {
                    toNotify.add(new DetectionBatch.Raised(withId(r.event(), id), r.notifyEmail(), r.notifySms()));
                }
            }
            jdbc.sql("UPDATE risk_detector_cursor SET last_event_id = :last WHERE name = :name")
                    .param("last", batch.get(batch.size() - 1).id()).param("name", CURSOR).update();
            return batch.size();
        });
        toNotify.forEach(notifications::send);
        return taken == null ? 0 : taken;
    }

    /** Old rollup cells go in small batches, each its own statement, so nothing waits on them. */
    void purgeRollup() {
        try {
            LocalDate cutoff = LocalDate.ofInstant(clock.instant(), ZoneOffset.UTC).minusDays(ROLLUP_DAYS);
            int deleted;
            do {
                deleted = daily.purge(cutoff, 1000);
            } while (deleted == 1000 && !Thread.currentThread().isInterrupted());
        } catch (RuntimeException e) {
            log.error("Deleting old sign-in rollup rows failed; retried in 6 hours", e);
        }
    }

    private static RiskEvent withId(RiskEvent e, long id) {
        return new RiskEvent(id, e.domainId(), e.userId(), e.userName(), e.type(), e.ruleId(), e.ruleName(),
                e.signInEventId(), e.occurredAt(), e.detectedAt(), e.sourceIp(), e.location(), e.device(),
                e.signInResult(), e.unusual(), e.usual(), e.description(), e.notification());
    }
}
