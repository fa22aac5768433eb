package io.gatehouse.audit;

import io.gatehouse.common.db.DatabaseProduct;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.dao.DataAccessException;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;

/**
 * Vacuums the operation-log inbox on PostgreSQL every few seconds. The inbox is a queue: every write adds
 * a row and the sealer deletes it within 100 ms, so between two vacuums the table is almost all dead rows.
 * The sealer reads the inbox from its first key, and each read walks the dead rows' index entries and
 * heap pages; their number, and the cost of every read, grows until a vacuum. Autovacuum comes at most
 * once a minute per database (and not at all where it is off), which at a few thousand writes a second
 * is a hundred thousand dead rows. A vacuum of the few pages written since the last one takes
 * milliseconds, conflicts with no read or write, and a node whose neighbour is vacuuming skips its turn.
 * The table is not truncated, because that would take a lock the writers wait for: its free pages are
 * reused. H2 has no vacuum and needs none.
 */
@Component
class InboxVacuum {

    static final String VACUUM = "VACUUM (SKIP_LOCKED, TRUNCATE FALSE, INDEX_CLEANUP ON) operation_log_inbox";
    private static final Logger log = LoggerFactory.getLogger(InboxVacuum.class);

    private final JdbcTemplate jdbc;
    private final DatabaseProduct database;
    private boolean warned;

    InboxVacuum(JdbcTemplate jdbc, DatabaseProduct database) {
        this.jdbc = jdbc;
        this.database = database;
    }

    @Scheduled(initialDelayString = "${gatehouse.audit.inbox-vacuum-interval:5s}",
            fixedDelayString = "${gatehouse.audit.inbox-vacuum-interval:5s}")
    void vacuum() {
        if (!database.isPostgres()) {
            return;
        }
        try {
            // Outside a transaction: the pool's connections auto-commit, which VACUUM requires.
            jdbc.execute(VACUUM);
            warned = false;
        } catch (DataAccessException e) {
            if (!warned) {
                log.warn("Could not vacuum operation_log_inbox; the sealer's reads slow down until autovacuum "
                        + "runs. Retrying every interval, and warning again after a success", e);
                warned = true;
            }
        }
    }
}
