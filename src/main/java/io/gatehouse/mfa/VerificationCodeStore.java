package io.gatehouse.mfa;

import io.gatehouse.common.time.WireTime;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.Optional;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/**
 * The SQL of verification codes (sign-in and operation verification). Every decision that changes a row is taken by the database in
 * one conditional statement (a row lock plus a re-checked {@code WHERE}), so it holds across nodes:
 * a code is used once, a wrong try is counted once, and a user's sends are spaced and counted.
 */
@Repository
class VerificationCodeStore {

    static final String PENDING = "pending";
    static final String SENT = "sent";
    static final String FAILED = "failed";

    private final JdbcClient jdbc;

    VerificationCodeStore(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /** A code as stored; the code itself is not, only its MAC. */
    record Code(String id, String userId, String domainId, String channel, String state, int failedTries,
            Instant createdAt, Instant expiresAt, Instant usedAt) {
    }

    // ---- sending -----------------------------------------------------------------------------

    /** Makes sure the user has its sender row; run outside a transaction (a duplicate is harmless). */
    void ensureSender(String userId) {
        try {
            jdbc.sql("""
                    INSERT INTO verification_code_sender (user_id, last_sent_at)
                    SELECT :userId, NULL WHERE NOT EXISTS
                      (SELECT 1 FROM verification_code_sender WHERE user_id = :userId)""")
                    .param("userId", userId).update();
        } catch (DuplicateKeyException anotherNodeWasFirst) {
            // The row exists, which is all that was needed.
        }
    }

    /**
     * Claims the right to send the user a code now: true when the last send is at least {@code spacing}
     * old and fewer than {@code max} codes were created within {@code window}. Locks the sender row
     * until the caller's transaction ends, so a concurrent claim for the same user waits, then fails.
     */
    boolean claimSend(String userId, Instant now, Duration spacing, Duration window, int max) {
        return jdbc.sql("""
                UPDATE verification_code_sender SET last_sent_at = :now
                WHERE user_id = :userId
                  AND (last_sent_at IS NULL OR last_sent_at <= :spacingStart)
                  AND (SELECT COUNT(*) FROM verification_code c
                       WHERE c.user_id = :userId AND c.created_at > :windowStart) < :max""")
                .param("now", WireTime.toSql(now)).param("userId", userId)
                .param("spacingStart", WireTime.toSql(now.minus(spacing)))
                .param("windowStart", WireTime.toSql(now.minus(window))).param("max", max).update() == 1;
    }

    /** When the user may be sent a code again, for the refusal's message; null if it cannot be told. */
    Instant nextSendAllowed(String userId, Instant now, Duration spacing, Duration window, int max) {
        Instant bySpacing = jdbc.sql("SELECT last_sent_at FROM verification_code_sender WHERE user_id = :userId")
                .param("userId", userId).query(OffsetDateTime.class).optional().map(WireTime::fromSql)
                .map(t -> t.plus(spacing)).orElse(now);
        Instant byWindow = jdbc.sql("""
                SELECT created_at FROM verification_code WHERE user_id = :userId AND created_at > :windowStart
                ORDER BY created_at DESC""")
                .param("userId", userId).param("windowStart", WireTime.toSql(now.minus(window)))
                .query(OffsetDateTime.class).list().stream().skip(max - 1L).findFirst().map(WireTime::fromSql)
                .map(t -> t.plus(window)).orElse(now);
        return bySpacing.isAfter(byWindow) ? bySpacing : byWindow;
    }

    /** Gives back the spacing claimed at {@code claimedAt} (after a failed delivery), unless a newer send took it. */
    void releaseSend(String userId, Instant claimedAt) {
        jdbc.sql("UPDATE verification_code_sender SET last_sent_at = NULL WHERE user_id = :userId AND last_sent_at = :at")
                .param("userId", userId).param("at", WireTime.toSql(claimedAt)).update();
    }

    void insert(String id, String userId, String domainId, String channel, String purpose, String mac, Instant now,
            Instant expiresAt) {
        jdbc.sql("""
                INSERT INTO verification_code (id, user_id, domain_id, channel, purpose, code_mac, state, failed_tries,
                  created_at, expires_at)
                VALUES (:id, :userId, :domainId, :channel, :purpose, :mac, :state, 0, :now, :expiresAt)""")
                .param("id", id).param("userId", userId).param("domainId", domainId).param("channel", channel)
                .param("purpose", purpose).param("mac", mac).param("state", PENDING).param("now", WireTime.toSql(now))
                .param("expiresAt", WireTime.toSql(expiresAt)).update();
    }

    /** Ends delivery: {@code sent} makes the code usable, {@code failed} never. */
    void delivered(String id, String state) {
        jdbc.sql("UPDATE verification_code SET state = :state WHERE id = :id AND state = :pending")
                .param("state", state).param("id", id).param("pending", PENDING).update();
    }

    // ---- checking ----------------------------------------------------------------------------

    /**
     * Uses the code if it is the user's, sent for this purpose, delivered, unused, unexpired, not tried too
     * often, and right.
     */
    boolean use(String id, String userId, String domainId, String purpose, String mac, Instant now, int maxTries) {
        return jdbc.sql("""
                UPDATE verification_code SET used_at = :now
                WHERE id = :id AND user_id = :userId AND domain_id = :domainId AND purpose = :purpose AND state = :sent
                  AND used_at IS NULL AND expires_at > :now AND failed_tries < :maxTries AND code_mac = :mac""")
                .param("now", WireTime.toSql(now)).param("id", id).param("userId", userId)
                .param("domainId", domainId).param("purpose", purpose).param("sent", SENT).param("maxTries", maxTries).param("mac", mac)
                .update() == 1;
    }

    /** Counts a wrong try against a code that could still be used; false when it could not. */
    boolean countWrongTry(String id, String userId, String domainId, String purpose, String mac, Instant now,
            int maxTries) {
        return jdbc.sql("""
                UPDATE verification_code SET failed_tries = failed_tries + 1
                WHERE id = :id AND user_id = :userId AND domain_id = :domainId AND purpose = :purpose AND state = :sent
                  AND used_at IS NULL AND expires_at > :now AND failed_tries < :maxTries AND code_mac <> :mac""")
                .param("now", WireTime.toSql(now)).param("id", id).param("userId", userId)
                .param("domainId", domainId).param("purpose", purpose).param("sent", SENT).param("maxTries", maxTries).param("mac", mac)
                .update() == 1;
    }

    /**
     * The user's code with this id, sent for this purpose; another user's code, or one sent for another
     * purpose, is as absent as a missing one.
     */
    Optional<Code> find(String id, String userId, String domainId, String purpose) {
        return jdbc.sql("""
                SELECT * FROM verification_code
                WHERE id = :id AND user_id = :userId AND domain_id = :domainId AND purpose = :purpose""")
                .param("id", id).param("userId", userId).param("domainId", domainId).param("purpose", purpose)
                .query(VerificationCodeStore::map).optional();
    }

    /** Deletes codes created before {@code cutoff}; returns how many. */
    int purge(Instant cutoff) {
        return jdbc.sql("DELETE FROM verification_code WHERE created_at < :cutoff")
                .param("cutoff", WireTime.toSql(cutoff)).update();
    }

    // ---- the MAC key -------------------------------------------------------------------------

    Optional<String> sealedKey(String keyId) {
        return jdbc.sql("SELECT key_sealed FROM verification_code_key WHERE id = :id").param("id", keyId)
                .query(String.class).optional();
    }

    /** Stores the key unless another node stored one first; either way, the stored key wins. */
    void insertKeyIfAbsent(String keyId, String sealed, Instant now) {
        try {
            jdbc.sql("""
                    INSERT INTO verification_code_key (id, key_sealed, created_at)
                    SELECT :id, :sealed, :now WHERE NOT EXISTS (SELECT 1 FROM verification_code_key WHERE id = :id)""")
                    .param("id", keyId).param("sealed", sealed).param("now", WireTime.toSql(now)).update();
        } catch (DuplicateKeyException anotherNodeWasFirst) {
            // Its key is the one every node reads back.
        }
    }

    private static Code map(ResultSet rs, int n) throws SQLException {
        return new Code(rs.getString("id"), rs.getString("user_id"), rs.getString("domain_id"), rs.getString("channel"),
                rs.getString("state"), rs.getInt("failed_tries"),
                WireTime.fromSql(rs.getObject("created_at", OffsetDateTime.class)),
                WireTime.fromSql(rs.getObject("expires_at", OffsetDateTime.class)),
                WireTime.fromSql(rs.getObject("used_at", OffsetDateTime.class)));
    }
}
