package io.gatehouse.audit;

import io.gatehouse.common.time.WireTime;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * Deletes a log's records older than a cutoff, account by account and oldest first, through the log's
 * {@code (domain_id, occurred_at, id)} index: each batch reads the keys of at most {@code size} old
 * records after the previous batch's last one, then deletes those rows by primary key in one
 * autocommitted statement. Nothing scans the table; no lock outlives one small statement; and the next
 * batch starts after the last key, so it never wades through the index entries of rows it just deleted.
 */
final class AccountPurge {

    private record Key(long id, OffsetDateTime at) {
    }

    private final JdbcClient jdbc;
    private final String table;
    private final String scope;

    /**
     * @param scope a further condition on the rows this purge may touch ({@code TRUE} for all), written
     *              in code; its parameters come with each call
     */
    AccountPurge(JdbcClient jdbc, String table, String scope) {
        this.jdbc = jdbc;
        this.table = table;
        this.scope = scope;
    }

    /** Every account with records in the log, one index probe each (a loose index scan). */
    List<String> accounts() {
        return jdbc.sql("WITH RECURSIVE d(id) AS ("
                + " SELECT MIN(domain_id) FROM " + table
                + " UNION ALL"
                + " SELECT (SELECT MIN(domain_id) FROM " + table + " WHERE domain_id > d.id) FROM d WHERE d.id IS NOT NULL)"
                + " SELECT id FROM d WHERE id IS NOT NULL").query(String.class).list();
    }

    /** The old records of the account {@code domainId}, or of none when it is null. */
    long purge(String domainId, Instant cutoff, RetentionBatches batches, Map<String, ?> scopeParams) {
        String account = domainId == null ? "domain_id IS NULL" : "domain_id = :d";
        long deleted = 0;
        Key after = null;
        while (batches.proceed()) {
            Map<String, Object> params = new HashMap<>(scopeParams);
            params.put("d", domainId == null ? "" : domainId);
            params.put("cutoff", WireTime.toSql(cutoff));
            String resume = "";
            if (after != null) {
                resume = " AND occurred_at >= :afterAt AND (occurred_at > :afterAt OR id > :afterId)";
                params.put("afterAt", after.at());
                params.put("afterId", after.id());
            }
            List<Key> keys = jdbc.sql("SELECT id, occurred_at FROM " + table + " WHERE " + account
                    + " AND occurred_at < :cutoff AND " + scope + resume + " ORDER BY occurred_at, id LIMIT "
                    + batches.size()).params(params)
                    .query((rs, n) -> new Key(rs.getLong(1), rs.getObject(2, OffsetDateTime.class))).list();
            if (keys.isEmpty()) {
                break;
            }
            List<Long> ids = new ArrayList<>(keys.size());
            keys.forEach(k -> ids.add(k.id()));
            int n = jdbc.sql("DELETE FROM " + table + " WHERE id IN (:ids)").param("ids", ids).update();
            deleted += n;
            batches.deleted(n);
            if (keys.size() < batches.size()) {
                break;
            }
            after = keys.get(keys.size() - 1);
        }
        return deleted;
    }
}
