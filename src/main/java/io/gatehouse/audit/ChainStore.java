package io.gatehouse.audit;

import io.gatehouse.common.time.WireTime;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.Optional;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.support.GeneratedKeyHolder;
import org.springframework.stereotype.Component;

/** The SQL of the operation log and its chains: records, the queue, links, heads, anchors and the key. */
@Component
class ChainStore {

    /** The last record of a chain: the next one takes {@code seq + 1} and carries {@code hash}. */
    record Head(long seq, String hash) {
    }

    /** A record waiting for its link; {@code record} is null when its row is gone. */
    record Pending(long logId, OperationRecord record) {
    }

    /** The columns {@link #record} reads, qualified by the alias {@code o}. */
    static final String RECORD_COLUMNS = "o.occurred_at, o.domain_id, o.actor_id, o.actor_name, o.source_ip, "
            + "o.user_agent, o.operation, o.resource_type, o.resource_id, o.result, o.error_code, o.request_id";

    /** Where verification starts; records up to {@code legacyMaxId} predate the chain. */
    record Anchor(long firstSeq, String prevHash, Long legacyMaxId) {
        static final Anchor START = new Anchor(1, ChainMac.GENESIS, null);
    }

    /** An account whose records up to {@code maxId} were written before the chain existed. */
    record Legacy(String chainKey, long maxId) {
    }

    private final JdbcClient jdbc;

    ChainStore(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    Optional<String> sealedKey(String keyId) {
        return jdbc.sql("SELECT sealed_key FROM audit_key WHERE id = :id").param("id", keyId).query(String.class)
                .optional();
    }

    void insertKeyIfAbsent(String keyId, String sealed, Instant now) {
        jdbc.sql("INSERT INTO audit_key (id, sealed_key, created_at) VALUES (:id, :sealed, :now) ON CONFLICT DO NOTHING")
                .param("id", keyId).param("sealed", sealed).param("now", WireTime.toSql(now)).update();
    }

    /**
     * Locks the chain's head until the transaction ends, creating it at the first record. A concurrent
     * creator makes this insert wait and then do nothing; the lock then queues behind it.
     */
    Head lockHead(String chainKey) {
        Optional<Head> head = selectHeadForUpdate(chainKey);
        if (head.isPresent()) {
            return head.get();
        }
        jdbc.sql("INSERT INTO operation_log_chain (chain_key, last_seq, last_hash) VALUES (:k, 0, :genesis) "
                + "ON CONFLICT DO NOTHING").param("k", chainKey).param("genesis", ChainMac.GENESIS).update();
        return selectHeadForUpdate(chainKey).orElseThrow();
    }

    private Optional<Head> selectHeadForUpdate(String chainKey) {
        return jdbc.sql("SELECT last_seq, last_hash FROM operation_log_chain WHERE chain_key = :k FOR UPDATE")
                .param("k", chainKey).query((rs, n) -> new Head(rs.getLong(1), rs.getString(2))).optional();
    }

    Optional<Head> head(String chainKey) {
        return jdbc.sql("SELECT last_seq, last_hash FROM operation_log_chain WHERE chain_key = :k")
                .param("k", chainKey).query((rs, n) -> new Head(rs.getLong(1), rs.getString(2))).optional();
    }

    void moveHead(String chainKey, Head head) {
        jdbc.sql("UPDATE operation_log_chain SET last_seq = :seq, last_hash = :hash WHERE chain_key = :k")
                .param("seq", head.seq()).param("hash", head.hash()).param("k", chainKey).update();
    }

    /** Inserts the record and queues it for its chain, in the caller's transaction. */
    void append(OperationRecord r) {
        GeneratedKeyHolder key = new GeneratedKeyHolder();
        jdbc.sql("""
                INSERT INTO operation_log (occurred_at, domain_id, actor_id, actor_name, source_ip, user_agent,
                  operation, resource_type, resource_id, result, error_code, request_id)
                VALUES (:at, :domainId, :actorId, :actorName, :ip, :ua, :operation, :resourceType, :resourceId,
                  :result, :errorCode, :requestId)""")
                .param("at", WireTime.toSql(r.occurredAt())).param("domainId", r.domainId())
                .param("actorId", r.actorId()).param("actorName", r.actorName()).param("ip", r.sourceIp())
                .param("ua", r.userAgent()).param("operation", r.operation()).param("resourceType", r.resourceType())
                .param("resourceId", r.resourceId()).param("result", r.result()).param("errorCode", r.errorCode())
                .param("requestId", r.requestId()).update(key, "id");
        jdbc.sql("INSERT INTO operation_log_pending (log_id, chain_key) VALUES (:id, :k)")
                .param("id", key.getKeyAs(Long.class)).param("k", r.chainKey()).update();
    }

    /** The chains with records waiting to be linked. */
    List<String> pendingChains() {
        return jdbc.sql("SELECT DISTINCT chain_key FROM operation_log_pending").query(String.class).list();
    }

    /** Up to {@code limit} waiting records of a chain, oldest id first; call it holding the head's lock. */
    List<Pending> pending(String chainKey, int limit) {
        return jdbc.sql("SELECT p.log_id, " + RECORD_COLUMNS + " FROM operation_log_pending p "
                + "LEFT JOIN operation_log o ON o.id = p.log_id WHERE p.chain_key = :k ORDER BY p.log_id LIMIT " + limit)
                .param("k", chainKey)
                .query((rs, n) -> new Pending(rs.getLong(1), rs.getObject(2) == null ? null : record(rs, 2))).list();
    }

    void link(long logId, String chainKey, long seq, String prevHash, String hash) {
        jdbc.sql("INSERT INTO operation_log_link (log_id, chain_key, chain_seq, prev_hash, hash) "
                + "VALUES (:id, :k, :seq, :prev, :hash)").param("id", logId).param("k", chainKey).param("seq", seq)
                .param("prev", prevHash).param("hash", hash).update();
    }

    void unqueue(List<Long> logIds) {
        jdbc.sql("DELETE FROM operation_log_pending WHERE log_id IN (:ids)").param("ids", logIds).update();
    }

    /** The fields of a record, from {@link #RECORD_COLUMNS} starting at column {@code first}. */
    static OperationRecord record(ResultSet rs, int first) throws SQLException {
        return new OperationRecord(WireTime.fromSql(rs.getObject(first, OffsetDateTime.class)), rs.getString(first + 1),
                rs.getString(first + 2), rs.getString(first + 3), rs.getString(first + 4), rs.getString(first + 5),
                rs.getString(first + 6), rs.getString(first + 7), rs.getString(first + 8), rs.getString(first + 9),
                rs.getString(first + 10), rs.getString(first + 11));
    }

    Anchor anchor(String chainKey) {
        return jdbc.sql("SELECT first_seq, prev_hash, legacy_max_id FROM operation_log_anchor WHERE chain_key = :k")
                .param("k", chainKey)
                .query((rs, n) -> new Anchor(rs.getLong(1), rs.getString(2), (Long) rs.getObject(3, Long.class)))
                .optional().orElse(Anchor.START);
    }

    /** Locks the anchor for a purge batch, creating it at the first purge of the chain. */
    Anchor lockAnchor(String chainKey) {
        jdbc.sql("INSERT INTO operation_log_anchor (chain_key, first_seq, prev_hash) VALUES (:k, 1, :genesis) "
                + "ON CONFLICT DO NOTHING").param("k", chainKey).param("genesis", ChainMac.GENESIS).update();
        return jdbc.sql("SELECT first_seq, prev_hash, legacy_max_id FROM operation_log_anchor WHERE chain_key = :k "
                + "FOR UPDATE").param("k", chainKey)
                .query((rs, n) -> new Anchor(rs.getLong(1), rs.getString(2), (Long) rs.getObject(3, Long.class)))
                .single();
    }

    List<Legacy> legacyAnchors() {
        return jdbc.sql("SELECT chain_key, legacy_max_id FROM operation_log_anchor WHERE legacy_max_id IS NOT NULL")
                .query((rs, n) -> new Legacy(rs.getString(1), rs.getLong(2))).list();
    }

    void moveAnchor(String chainKey, long firstSeq, String prevHash) {
        jdbc.sql("UPDATE operation_log_anchor SET first_seq = :seq, prev_hash = :prev WHERE chain_key = :k")
                .param("seq", firstSeq).param("prev", prevHash).param("k", chainKey).update();
    }
}
