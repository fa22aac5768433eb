package io.gatehouse.common.cluster;

import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.SmartInitializingSingleton;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionSynchronization;
import org.springframework.transaction.support.TransactionSynchronizationManager;

/**
 * Carries cache-invalidating changes between Gatehouse nodes through the database itself: a change is
 * a row in {@code change_event}, written in the same transaction as what it announces. This node
 * applies it right after commit; the others see it on their next poll (every 250 ms by default).
 * Identity values may commit out of order, and PostgreSQL stamps a row with its transaction's start,
 * so each poll also re-reads the last minute and skips the ids it has already applied.
 */
@Component
public class ChangeFeed implements SmartInitializingSingleton {

    private static final Logger log = LoggerFactory.getLogger(ChangeFeed.class);
    private static final int REMEMBERED_IDS = 100_000;

    private final JdbcClient jdbc;
    private final ObjectProvider<ChangeListener> listeners;
    private final Set<Long> applied = new LinkedHashSet<>();
    private long highWater;
    /** Listeners load their state when they are built; before all are built there is no one to tell. */
    private volatile boolean ready;

    public ChangeFeed(JdbcClient jdbc, ObjectProvider<ChangeListener> listeners) {
        this.jdbc = jdbc;
        this.listeners = listeners;
        this.highWater = jdbc.sql("SELECT COALESCE(MAX(id), 0) FROM change_event").query(Long.class).single();
    }

    /** Records a change inside the caller's transaction and applies it locally once that commits. */
    public void publish(ChangeKind kind, String subject) {
        jdbc.sql("INSERT INTO change_event (kind, subject) VALUES (:kind, :subject)")
                .param("kind", kind.name()).param("subject", subject).update();
        if (TransactionSynchronizationManager.isSynchronizationActive()) {
            TransactionSynchronizationManager.registerSynchronization(new TransactionSynchronization() {
                @Override
                public void afterCommit() {
                    dispatch(kind, subject);
                }
            });
        } else {
            dispatch(kind, subject);
        }
    }

    @Scheduled(fixedDelayString = "${gatehouse.cluster.poll-interval:250ms}")
    public synchronized void poll() {
        List<Row> rows = jdbc.sql("""
                SELECT id, kind, subject FROM change_event
                WHERE id > :highWater OR occurred_at > CURRENT_TIMESTAMP - INTERVAL '60' SECOND
                ORDER BY id""").param("highWater", highWater).query(Row.class).list();
        for (Row row : rows) {
            if (applied.add(row.id())) {
                highWater = Math.max(highWater, row.id());
                try {
                    dispatch(ChangeKind.valueOf(row.kind()), row.subject());
                } catch (IllegalArgumentException unknownKind) {
                    log.warn("Ignoring change event {} of unknown kind {}", row.id(), row.kind());
                }
            }
        }
        while (applied.size() > REMEMBERED_IDS) {
            applied.remove(applied.iterator().next());
        }
    }

    /** Old events have been seen by every live node; a node that starts later loads state afresh. */
    @Scheduled(fixedDelayString = "${gatehouse.cluster.cleanup-interval:1h}")
    public void deleteOldEvents() {
        int deleted;
        do {
            deleted = jdbc.sql("""
                    DELETE FROM change_event WHERE id IN (
                      SELECT id FROM change_event WHERE occurred_at < CURRENT_TIMESTAMP - INTERVAL '1' DAY
                      ORDER BY id LIMIT 1000)""").update();
        } while (deleted == 1000);
    }

    @Override
    public void afterSingletonsInstantiated() {
        ready = true;
    }

    private void dispatch(ChangeKind kind, String subject) {
        if (!ready) {
            return;
        }
        listeners.orderedStream().forEach(listener -> {
            try {
                listener.onChange(kind, subject);
            } catch (RuntimeException e) {
                // One listener's failure must not keep the change from the others.
                log.error("Change listener {} failed on {} {}", listener.getClass().getSimpleName(), kind, subject, e);
            }
        });
    }

    private record Row(long id, String kind, String subject) {
    }
}
