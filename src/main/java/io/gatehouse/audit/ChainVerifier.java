package io.gatehouse.audit;

import io.gatehouse.common.time.WireTime;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.OffsetDateTime;
import java.util.Map;
import org.springframework.jdbc.core.RowCallbackHandler;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.TransactionDefinition;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Walks an account's chain from its anchor to its head and names the first broken link. It reads one
 * snapshot (repeatable read), so a purge or writers running meanwhile never look like a break, and it
 * streams the records, so a chain of millions needs no more memory than one fetch.
 */
@Component
class ChainVerifier {

    /** What is wrong at the first broken link. */
    enum Problem {
        /** The record's fields no longer match its MAC: it was edited. */
        ALTERED,
        /** The record does not carry the MAC of the record before it: a link was edited or replaced. */
        LINK_BROKEN,
        /** Records are missing right before this one. */
        MISSING,
        /** The head counts more records than there are: the newest ones were removed. */
        MISSING_AT_END,
        /** A record of the account has no place in the chain and is newer than the chain: it was inserted. */
        UNCHAINED
    }

    /** The first broken link: the record (when there is one) and what is wrong, in lower case on the wire. */
    record Broken(Long id, Long sequence, String occurredAt, String problem) {
        Broken(Long id, Long sequence, String occurredAt, Problem problem) {
            this(id, sequence, occurredAt, problem.name().toLowerCase(java.util.Locale.ROOT));
        }
    }

    record Result(boolean valid, long recordsChecked, Long firstSequence, Long lastSequence, long legacyRecords,
            Broken firstBroken) {
    }


    private final ChainStore store;
    private final ChainSealer sealer;
    private final ChainMac mac;
    private final LogReader reader;
    private final JdbcClient jdbc;
    private final TransactionTemplate snapshot;

    ChainVerifier(ChainStore store, ChainSealer sealer, ChainMac mac, LogReader reader, JdbcClient jdbc,
            PlatformTransactionManager transactions) {
        this.store = store;
        this.sealer = sealer;
        this.mac = mac;
        this.reader = reader;
        this.jdbc = jdbc;
        this.snapshot = new TransactionTemplate(transactions);
        this.snapshot.setReadOnly(true);
        this.snapshot.setIsolationLevel(TransactionDefinition.ISOLATION_REPEATABLE_READ);
    }

    /** Links what is queued first, so that every record committed before the call is checked. */
    Result verify(String domainId) {
        String chainKey = OperationRecord.chainKey(domainId);
        sealer.sealAll();
        return snapshot.execute(status -> walk(chainKey));
    }

    private Result walk(String chainKey) {
        ChainStore.Head head = store.head(chainKey).orElse(new ChainStore.Head(0, ChainMac.GENESIS));
        ChainStore.Anchor anchor = store.anchor(chainKey);
        String account = chainKey.isEmpty() ? "domain_id IS NULL" : "domain_id = :k";
        Walk walk = new Walk(anchor.firstSeq(), anchor.prevHash());
        reader.stream("SELECT o.id, o.chain_seq, o.prev_hash, o.hash, " + ChainStore.RECORD_COLUMNS
                + " FROM operation_log o WHERE o.chain_key = :k AND o.chain_seq >= :first AND o.chain_seq <= :last"
                + " ORDER BY o.chain_seq",
                Map.of("k", chainKey, "first", anchor.firstSeq(), "last", head.seq()), walk);
        Broken broken = walk.broken;
        if (broken == null && walk.expectedSeq <= head.seq()) {
            broken = new Broken(null, walk.expectedSeq, null, Problem.MISSING_AT_END);
        }
        long legacyMax = anchor.legacyMaxId() == null ? 0 : anchor.legacyMaxId();
        if (broken == null) {
            // A record of the account outside the walked part of its chain was not written by the sealer:
            // no place, another chain's key, or a place the anchor or the head does not cover.
            broken = jdbc.sql("SELECT o.id, o.occurred_at FROM operation_log o WHERE " + account
                    + " AND o.id > :legacyMax AND (o.chain_seq IS NULL OR o.chain_key IS NULL OR o.chain_key <> :k"
                    + " OR o.chain_seq < :first OR o.chain_seq > :last)"
                    + " ORDER BY o.id FETCH FIRST 1 ROWS ONLY")
                    .param("first", anchor.firstSeq()).param("last", head.seq())
                    .param("k", chainKey).param("legacyMax", legacyMax)
                    .query((rs, n) -> new Broken(rs.getLong(1), null, time(rs, 2), Problem.UNCHAINED)).optional()
                    .orElse(null);
        }
        long legacy = legacyMax == 0 ? 0 : jdbc.sql("SELECT COUNT(*) FROM operation_log WHERE " + account
                + " AND id <= :legacyMax").param("k", chainKey).param("legacyMax", legacyMax)
                .query(Long.class).single();
        return new Result(broken == null, walk.checked, walk.checked == 0 ? null : anchor.firstSeq(),
                walk.checked == 0 ? null : walk.expectedSeq - 1, legacy, broken);
    }

    private static String time(ResultSet rs, int column) throws SQLException {
        return WireTime.token(WireTime.fromSql(rs.getObject(column, OffsetDateTime.class)));
    }

    /** The state of the walk: the next record's expected place and previous MAC, and the first break. */
    private final class Walk implements RowCallbackHandler {

        private long expectedSeq;
        private String expectedPrev;
        private long checked;
        private Broken broken;

        Walk(long firstSeq, String prevHash) {
            this.expectedSeq = firstSeq;
            this.expectedPrev = prevHash;
        }

        @Override
        public void processRow(ResultSet rs) throws SQLException {
            if (broken != null) {
                return;
            }
            long id = rs.getLong(1);
            long seq = rs.getLong(2);
            String prev = rs.getString(3);
            String hash = rs.getString(4);
            OperationRecord r = ChainStore.record(rs, 5);
            Problem problem = null;
            if (seq != expectedSeq) {
                problem = Problem.MISSING;
            } else if (!mac.mac(seq, prev, r).equals(hash)) {
                problem = Problem.ALTERED;
            } else if (!prev.equals(expectedPrev)) {
                problem = Problem.LINK_BROKEN;
            }
            if (problem != null) {
                broken = new Broken(id, seq, WireTime.token(r.occurredAt()), problem);
                return;
            }
            checked++;
            expectedSeq = seq + 1;
            expectedPrev = hash;
        }
    }
}
