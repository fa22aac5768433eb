package io.gatehouse.audit;

import io.gatehouse.common.time.WireTime;
import java.time.Instant;
import java.util.Map;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * Deletes a log's old records by ranges of its primary key, oldest ids first: each batch is one
 * autocommitted DELETE of at most {@code size} rows located through the primary key, so it never scans
 * the table and never holds its row locks for longer than that one statement. Ids grow with time, so
 * once a whole range holds nothing old the rest of the table holds nothing old either; a record that
 * is out of order by a little waits for the next run.
 */
final class IdRangePurge {

    private final JdbcClient jdbc;
    private final String table;
    private final String scope;

    /**
     * @param scope a further condition on the rows this purge may touch ({@code TRUE} for all), written
     *              in code, with the parameters given to {@link #purge}
     */
    IdRangePurge(JdbcClient jdbc, String table, String scope) {
        this.jdbc = jdbc;
        this.table = table;
        this.scope = scope;
    }

    long purge(Instant cutoff, RetentionBatches batches, Map<String, ?> scopeParams) {
        long deleted = 0;
        Long from = jdbc.sql("SELECT MIN(id) FROM " + table + " WHERE " + scope).params(scopeParams)
                .query(Long.class).optional().orElse(null);
        while (from != null && batches.proceed()) {
            Long to = jdbc.sql("SELECT MAX(id) FROM (SELECT id FROM " + table + " WHERE id >= :from AND " + scope
                    + " ORDER BY id LIMIT " + batches.size() + ") ids")
                    .params(scopeParams).param("from", from).query(Long.class).optional().orElse(null);
            if (to == null) {
                break;
            }
            int n = jdbc.sql("DELETE FROM " + table + " WHERE id >= :from AND id <= :to AND occurred_at < :cutoff AND "
                    + scope).params(scopeParams).param("from", from).param("to", to)
                    .param("cutoff", WireTime.toSql(cutoff)).update();
            deleted += n;
            if (n == 0) {
                break;
            }
            from = to + 1;
        }
        return deleted;
    }
}
