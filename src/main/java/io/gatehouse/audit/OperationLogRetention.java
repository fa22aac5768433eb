package io.gatehouse.audit;

import io.gatehouse.common.time.WireTime;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.Map;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Operation-log records older than their retention go, chain by chain and from the start of each
 * chain, so what is kept is always an unbroken tail: a batch deletes the oldest records up to the first
 * one that is still kept, and in the same short transaction moves the chain's anchor to the record
 * after them, with the MAC of the last deleted one, where verification then starts. A record that is
 * old but follows a newer one in its chain (its transaction committed late) waits for that one.
 * Records written before the chain existed are deleted like sign-in events, account by account.
 */
@Component
class OperationLogRetention implements RetainedLog {

    private static final int ACCOUNTS_PER_READ = 500;

    private record Link(long logId, long seq, Instant occurredAt, String hash) {
    }

    /** What one batch did: {@code done} once it reached a record that is kept, or the chain's end. */
    private record Batch(int deleted, boolean done) {
    }

    private final JdbcClient jdbc;
    private final ChainStore chains;
    private final ChainSealer sealer;
    private final TransactionTemplate tx;
    private final AccountPurge legacy;

    OperationLogRetention(JdbcClient jdbc, ChainStore chains, ChainSealer sealer,
            PlatformTransactionManager transactions) {
        this.jdbc = jdbc;
        this.chains = chains;
        this.sealer = sealer;
        this.tx = new TransactionTemplate(transactions);
        this.legacy = new AccountPurge(jdbc, "operation_log", "id <= :legacyMax");
    }

    @Override
    public String name() {
        return "operation-log";
    }

    @Override
    public long purge(Instant cutoff, RetentionBatches batches) {
        // Only linked records are deleted; queued ones would wait for the next run.
        sealer.sealAll();
        long deleted = 0;
        String after = null;
        List<String> keys;
        do {
            keys = jdbc.sql("SELECT chain_key FROM operation_log_chain WHERE " + (after == null ? "TRUE" : "chain_key > :after")
                    + " ORDER BY chain_key LIMIT " + ACCOUNTS_PER_READ).params(after == null ? Map.of() : Map.of("after", after))
                    .query(String.class).list();
            for (String key : keys) {
                deleted += purgeChain(key, cutoff, batches);
            }
            after = keys.isEmpty() ? null : keys.get(keys.size() - 1);
        } while (keys.size() == ACCOUNTS_PER_READ);
        for (ChainStore.Legacy l : chains.legacyAnchors()) {
            deleted += legacy.purge(l.chainKey().isEmpty() ? null : l.chainKey(), cutoff, batches,
                    Map.of("legacyMax", l.maxId()));
        }
        return deleted;
    }

    private long purgeChain(String chainKey, Instant cutoff, RetentionBatches batches) {
        long deleted = 0;
        while (batches.proceed()) {
            Batch batch = tx.execute(status -> purgeBatch(chainKey, cutoff, batches.size()));
            deleted += batch.deleted();
            batches.deleted(batch.deleted());
            if (batch.done()) {
                break;
            }
        }
        return deleted;
    }

    private Batch purgeBatch(String chainKey, Instant cutoff, int size) {
        ChainStore.Anchor anchor = chains.lockAnchor(chainKey);
        List<Link> links = jdbc.sql("SELECT id, chain_seq, occurred_at, hash FROM operation_log "
                + "WHERE chain_key = :k AND chain_seq >= :first ORDER BY chain_seq FETCH FIRST " + size + " ROWS ONLY")
                .param("k", chainKey).param("first", anchor.firstSeq())
                .query((rs, i) -> new Link(rs.getLong(1), rs.getLong(2),
                        WireTime.fromSql(rs.getObject(3, OffsetDateTime.class)), rs.getString(4)))
                .list();
        int old = 0;
        // A gap in the chain stops the purge there: verification must go on naming it.
        while (old < links.size() && links.get(old).seq() == anchor.firstSeq() + old
                && links.get(old).occurredAt().isBefore(cutoff)) {
            old++;
        }
        if (old == 0) {
            return new Batch(0, true);
        }
        List<Long> ids = links.subList(0, old).stream().map(Link::logId).toList();
        Link last = links.get(old - 1);
        int n = jdbc.sql("DELETE FROM operation_log WHERE id IN (:ids)").param("ids", ids).update();
        chains.moveAnchor(chainKey, last.seq() + 1, last.hash());
        return new Batch(n, old < size);
    }
}
