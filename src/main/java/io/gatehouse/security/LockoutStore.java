package io.gatehouse.security;

import io.gatehouse.common.db.ReadsTogether;
import io.gatehouse.common.time.WireTime;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.Map;
import java.util.Optional;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/**
 * The {@code user_lockout} rows. A failure is counted by one UPDATE that reads and writes the row
 * atomically, so concurrent failures, on one node or several, each count exactly once and at most
 * the threshold is ever counted before the lock.
 */
@Repository
class LockoutStore {

    /** The window has passed, or the row holds a lock that has expired: counting starts again at 1. */
    private static final String RESTART = "(window_start IS NULL OR window_start <= :windowFloor OR locked_until IS NOT NULL)";

    private final JdbcClient jdbc;

    LockoutStore(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    record Row(int failures, Instant windowStart, Instant lockedUntil) {
    }

    /** Creates the user's row if there is none; a concurrent creation of the same row is not an error. */
    void ensureRow(String userId, String domainId) {
        jdbc.sql("INSERT INTO user_lockout (user_id, domain_id, failures) VALUES (:userId, :domainId, 0) "
                + "ON CONFLICT DO NOTHING").param("userId", userId).param("domainId", domainId).update();
    }

    /**
     * Counts one failure unless the user is locked: it restarts or extends the window, and sets
     * {@code locked_until} when the count reaches {@code threshold}. False when the user is locked (or has
     * no row), in which case nothing is counted.
     */
    boolean countFailure(String userId, Instant now, Instant windowFloor, int threshold, Instant lockUntil) {
        return jdbc.sql("UPDATE user_lockout SET "
                + "failures = CASE WHEN " + RESTART + " THEN 1 ELSE failures + 1 END, "
                + "window_start = CASE WHEN " + RESTART + " THEN CAST(:now AS TIMESTAMP WITH TIME ZONE) "
                + "ELSE window_start END, "
                + "locked_until = CASE WHEN (CASE WHEN " + RESTART + " THEN 1 ELSE failures + 1 END) >= :threshold "
                + "THEN CAST(:lockUntil AS TIMESTAMP WITH TIME ZONE) ELSE NULL END "
                + "WHERE user_id = :userId AND (locked_until IS NULL OR locked_until <= :now)")
                .param("now", WireTime.toSql(now)).param("windowFloor", WireTime.toSql(windowFloor))
                .param("threshold", threshold).param("lockUntil", WireTime.toSql(lockUntil)).param("userId", userId)
                .update() == 1;
    }

    private static final String FIND = "SELECT failures, window_start, locked_until FROM user_lockout "
            + "WHERE user_id = :userId";

    Optional<Row> find(String userId) {
        return jdbc.sql(FIND).param("userId", userId).query(LockoutStore::map).optional();
    }

    /** {@link #find} as one read of {@code batch}. */
    ReadsTogether.Pending<Optional<Row>> find(String userId, ReadsTogether.Batch batch) {
        return batch.add(FIND, Map.of("userId", userId), rs -> rs.next() ? Optional.of(map(rs, 0)) : Optional.empty());
    }

    Optional<Row> lock(String userId) {
        return jdbc.sql("SELECT failures, window_start, locked_until FROM user_lockout WHERE user_id = :userId "
                + "FOR UPDATE").param("userId", userId).query(LockoutStore::map).optional();
    }

    /** When the user's lock ends, if it is locked at {@code now}. */
    Optional<Instant> lockedUntil(String userId, Instant now) {
        return jdbc.sql("SELECT locked_until FROM user_lockout WHERE user_id = :userId AND locked_until > :now")
                .param("userId", userId).param("now", WireTime.toSql(now))
                .query((rs, n) -> WireTime.fromSql(rs.getObject(1, OffsetDateTime.class))).optional();
    }

    /** After a successful sign-in: forgets the failures, unless a lock set meanwhile is still running. */
    void resetUnlessLocked(String userId, Instant now) {
        jdbc.sql("UPDATE user_lockout SET failures = 0, window_start = NULL, locked_until = NULL "
                + "WHERE user_id = :userId AND (failures > 0 OR locked_until IS NOT NULL) "
                + "AND (locked_until IS NULL OR locked_until <= :now)")
                .param("userId", userId).param("now", WireTime.toSql(now)).update();
    }

    void clear(String userId) {
        jdbc.sql("UPDATE user_lockout SET failures = 0, window_start = NULL, locked_until = NULL WHERE user_id = :userId")
                .param("userId", userId).update();
    }

    private static Row map(java.sql.ResultSet rs, int n) throws java.sql.SQLException {
        return new Row(rs.getInt(1), WireTime.fromSql(rs.getObject(2, OffsetDateTime.class)),
                WireTime.fromSql(rs.getObject(3, OffsetDateTime.class)));
    }
}
