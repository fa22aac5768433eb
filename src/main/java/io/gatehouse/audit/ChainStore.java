package io.gatehouse.audit;

import io.gatehouse.common.db.DatabaseProduct;
import io.gatehouse.common.db.WritesAtCommit;
import io.gatehouse.common.time.WireTime;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.Arrays;
import java.util.Collection;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/** The SQL of the operation log and its chains: the inbox, sealed records, heads, anchors and the key. */
@Component
class ChainStore {

    /** The last record of a chain: the next one takes {@code seq + 1} and carries {@code hash}. */
    record Head(long seq, String hash) {
    }

    /** A record in the inbox, waiting for its place in its chain. */
    record Pending(long inboxId, OperationRecord record) {
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
    private final JdbcTemplate plain;
    private final WritesAtCommit atCommit;
    private final DatabaseProduct database;

    ChainStore(JdbcClient jdbc, JdbcTemplate plain, WritesAtCommit atCommit, DatabaseProduct database) {
        this.jdbc = jdbc;
        this.plain = plain;
        this.atCommit = atCommit;
        this.database = database;
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

    private static final String INBOX_INSERT = """
            INSERT INTO operation_log_inbox (chain_key, occurred_at, domain_id, actor_id, actor_name, source_ip,
              user_agent, operation, resource_type, resource_id, result, error_code, request_id)
            VALUES """;
    private static final String INBOX_ROW = "(?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)";

    /**
     * Puts a record in its chain's inbox as the caller's transaction commits ({@link WritesAtCommit}): on
     * PostgreSQL it travels with the COMMIT. The sealer moves it into {@code operation_log}.
     */
    void append(OperationRecord r) {
        atCommit.row(INBOX_INSERT, INBOX_ROW, inboxParameters(r));
    }

    private static List<Object> inboxParameters(OperationRecord r) {
        return Arrays.asList(r.chainKey(), WireTime.toSql(r.occurredAt()), r.domainId(), r.actorId(), r.actorName(),
                r.sourceIp(), r.userAgent(), r.operation(), r.resourceType(), r.resourceId(), r.result(),
                r.errorCode(), r.requestId());
    }

    /** The chains of the oldest {@code limit} records of the inbox. */
    List<String> pendingChains(int limit) {
        return jdbc.sql("SELECT DISTINCT q.chain_key FROM (SELECT chain_key FROM operation_log_inbox ORDER BY id "
                + "FETCH FIRST " + limit + " ROWS ONLY) q").query(String.class).list();
    }

    /** Whether the inbox holds any record: a look at its first key, without locks. */
    boolean hasPending() {
        return jdbc.sql("SELECT id FROM operation_log_inbox ORDER BY id FETCH FIRST 1 ROWS ONLY").query(Long.class)
                .optional().isPresent();
    }

    /**
     * Takes the records of chains {@code chains} among the oldest {@code limit} of the inbox out of it, in the
     * order they were written; call it holding those chains' head locks, so that no other sealer takes them.
     * On PostgreSQL one {@code DELETE ... RETURNING} reads and removes them: one pass over the inbox's oldest
     * keys, and no statement whose text grows with the batch, which the server would plan anew for every
     * size. H2 has no {@code RETURNING}: there it is a read and a delete.
     */
    List<Pending> take(Collection<String> chains, int limit) {
        if (chains.isEmpty()) {
            return List.of();
        }
        if (database.isPostgres()) {
            return jdbc.sql("DELETE FROM operation_log_inbox o WHERE o.id = ANY (ARRAY(SELECT q.id FROM "
                    + "(SELECT id, chain_key FROM operation_log_inbox ORDER BY id FETCH FIRST " + limit + " ROWS ONLY) q "
                    + "WHERE q.chain_key IN (:chains))) RETURNING o.id, " + RECORD_COLUMNS)
                    .param("chains", chains)
                    .query((rs, n) -> new Pending(rs.getLong(1), record(rs, 2))).list().stream()
                    .sorted(Comparator.comparingLong(Pending::inboxId)).toList();
        }
        List<Pending> taken = jdbc.sql("SELECT o.id, " + RECORD_COLUMNS + " FROM operation_log_inbox o "
                + "ORDER BY o.id FETCH FIRST " + limit + " ROWS ONLY")
                .query((rs, n) -> new Pending(rs.getLong(1), record(rs, 2))).list().stream()
                .filter(p -> chains.contains(p.record().chainKey())).toList();
        if (!taken.isEmpty()) {
            jdbc.sql("DELETE FROM operation_log_inbox WHERE id IN (:ids)")
                    .param("ids", taken.stream().map(Pending::inboxId).toList()).update();
        }
        return taken;
    }

    /** A record with its place in its chain, ready to be written to {@code operation_log}. */
    record Sealed(OperationRecord record, long seq, String prevHash, String hash) {
    }

    /** Writes the sealed records into {@code operation_log}, in one JDBC batch. */
    void insertSealed(List<Sealed> rows) {
        plain.batchUpdate("""
                INSERT INTO operation_log (occurred_at, domain_id, actor_id, actor_name, source_ip, user_agent,
                  operation, resource_type, resource_id, result, error_code, request_id, chain_key, chain_seq,
                  prev_hash, hash)
                VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)""", rows.stream().map(s -> {
            OperationRecord r = s.record();
            return new Object[] {WireTime.toSql(r.occurredAt()), r.domainId(), r.actorId(), r.actorName(),
                    r.sourceIp(), r.userAgent(), r.operation(), r.resourceType(), r.resourceId(), r.result(),
                    r.errorCode(), r.requestId(), r.chainKey(), s.seq(), s.prevHash(), s.hash()};
        }).toList());
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
