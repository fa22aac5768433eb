package io.gatehouse.audit;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import javax.sql.DataSource;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.RowCallbackHandler;
import org.springframework.jdbc.core.RowMapper;
import org.springframework.jdbc.core.namedparam.NamedParameterJdbcTemplate;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Reads the logs for the query API, one implementation for every log: keyset pages newest first, and
 * streams of any length that never hold more than one fetch in memory.
 */
@Component
class LogReader {

    /** Rows per round trip of a stream. */
    static final int FETCH_SIZE = 500;

    private final JdbcClient jdbc;
    private final JdbcClient fetching;
    private final TransactionTemplate readOnly;

    LogReader(JdbcClient jdbc, DataSource dataSource, PlatformTransactionManager transactions) {
        this.jdbc = jdbc;
        JdbcTemplate template = new JdbcTemplate(dataSource);
        template.setFetchSize(FETCH_SIZE);
        this.fetching = JdbcClient.create(new NamedParameterJdbcTemplate(template));
        this.readOnly = new TransactionTemplate(transactions);
        this.readOnly.setReadOnly(true);
    }

    /** Up to {@code limit} rows below {@code after} (or from the newest), and the marker of what follows. */
    <T extends Record> Page<T> page(LogSource<T> source, Where where, Cursor after, int limit) {
        keysetBelow(where, after);
        String newest = " ORDER BY occurred_at DESC, id DESC LIMIT " + (limit + 1);
        String sql;
        if (where.alternatives().isEmpty()) {
            sql = "SELECT " + source.columns() + " FROM " + source.table() + " WHERE " + where.sql() + newest;
        } else {
            // One keyset-limited branch per alternative, each along its own index, merged: an OR would read
            // every matching row and sort them, which costs as much as the user has records.
            sql = "SELECT " + source.columns() + " FROM (" + where.alternatives().stream()
                    .map(alt -> "(SELECT " + source.columns() + " FROM " + source.table() + " WHERE " + where.sql()
                            + " AND " + alt + newest + ")")
                    .collect(java.util.stream.Collectors.joining(" UNION ")) + ") matches" + newest;
        }
        List<T> rows = jdbc.sql(sql).params(where.params()).query(source.rows()).list();
        if (rows.size() <= limit) {
            return new Page<>(rows, null);
        }
        List<T> items = new ArrayList<>(rows.subList(0, limit));
        T last = items.get(limit - 1);
        return new Page<>(items, new Cursor(source.occurredAt(last), source.id(last)).encode());
    }

    /** Every row that matches, newest first, handed to {@code sink} as it arrives from the database. */
    <T extends Record> void each(LogSource<T> source, Where where, Consumer<T> sink) {
        RowMapper<T> mapper = source.rows();
        String alternatives = where.alternatives().isEmpty() ? ""
                : " AND (" + String.join(" OR ", where.alternatives()) + ")";
        stream("SELECT " + source.columns() + " FROM " + source.table() + " WHERE " + where.sql() + alternatives
                + " ORDER BY occurred_at DESC, id DESC", where.params(), new RowCallbackHandler() {
                    private int n;

                    @Override
                    public void processRow(java.sql.ResultSet rs) throws java.sql.SQLException {
                        sink.accept(mapper.mapRow(rs, n++));
                    }
                });
    }

    /**
     * Runs a query whose rows are fetched {@link #FETCH_SIZE} at a time. PostgreSQL honours a fetch size
     * only outside autocommit, hence the read-only transaction around it.
     */
    void stream(String sql, Map<String, ?> params, RowCallbackHandler handler) {
        readOnly.executeWithoutResult(status -> fetching.sql(sql).params(params).query(handler));
    }

    private static void keysetBelow(Where where, Cursor after) {
        if (after != null) {
            // The first condition bounds the index range; the second breaks ties by id.
            where.clause("occurred_at <= :keysetAt AND (occurred_at < :keysetAt OR id < :keysetId)",
                    Map.of("keysetAt", io.gatehouse.common.time.WireTime.toSql(after.occurredAt()),
                            "keysetId", after.id()));
        }
    }
}
