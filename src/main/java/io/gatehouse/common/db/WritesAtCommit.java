package io.gatehouse.common.db;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionSynchronization;
import org.springframework.transaction.support.TransactionSynchronizationManager;

/**
 * Statements a transaction sends at its commit, after everything else it did. {@link
 * WritesAtCommitTransactionManager} sends them; on PostgreSQL together with the COMMIT, in one round trip,
 * so that the writes a transaction makes only to keep a record (a sign-in's event and last-login time, a
 * write's operation-log record) cost no round trip of their own. They commit or roll back with the
 * transaction, as if they had been sent when they were added. Nothing in the transaction can read them
 * before the commit, so only writes that nothing reads back belong here. Outside a transaction a write
 * is sent at once, on its own.
 */
@Component
public class WritesAtCommit {

    private static final Object RESOURCE = new Object();

    private final JdbcTemplate jdbc;

    WritesAtCommit(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    /** One statement, with {@code ?} parameters. */
    public void statement(String sql, List<Object> parameters) {
        if (!inTransaction()) {
            jdbc.update(sql, parameters.toArray());
            return;
        }
        writes().put(new Object(), new Write(sql, parameters));
    }

    /**
     * One row of the INSERT that begins with {@code insertInto} (up to and including {@code VALUES}); {@code
     * row} is the row's placeholders, {@code (?, ?, ?)}. The rows a transaction adds to one table go as one
     * multi-row INSERT.
     */
    public void row(String insertInto, String row, List<Object> values) {
        if (!inTransaction()) {
            jdbc.update(insertInto + " " + row, values.toArray());
            return;
        }
        writes().computeIfAbsent(insertInto, k -> new Write(insertInto, new ArrayList<>())).addRow(row, values);
    }

    private static boolean inTransaction() {
        return TransactionSynchronizationManager.isSynchronizationActive()
                && TransactionSynchronizationManager.isActualTransactionActive();
    }

    /** The writes of the current transaction, in the order they were first added; empty when none. */
    static List<Write> pending() {
        @SuppressWarnings("unchecked")
        Map<Object, Write> writes = (Map<Object, Write>) TransactionSynchronizationManager.getResource(RESOURCE);
        return writes == null ? List.of() : List.copyOf(writes.values());
    }

    /** One statement and its parameters; an INSERT's rows are added as they come. */
    static final class Write {
        private final StringBuilder sql;
        private final List<Object> parameters;
        private int rows;

        private Write(String sql, List<Object> parameters) {
            this.sql = new StringBuilder(sql);
            this.parameters = parameters;
        }

        private void addRow(String row, List<Object> values) {
            sql.append(rows++ == 0 ? " " : ", ").append(row);
            parameters.addAll(values);
        }

        String sql() {
            return sql.toString();
        }

        List<Object> parameters() {
            return Collections.unmodifiableList(parameters);
        }
    }

    private static Map<Object, Write> writes() {
        @SuppressWarnings("unchecked")
        Map<Object, Write> writes = (Map<Object, Write>) TransactionSynchronizationManager.getResource(RESOURCE);
        if (writes != null) {
            return writes;
        }
        Map<Object, Write> created = new LinkedHashMap<>();
        TransactionSynchronizationManager.bindResource(RESOURCE, created);
        TransactionSynchronizationManager.registerSynchronization(new TransactionSynchronization() {
            // A transaction started inside this one (REQUIRES_NEW) has writes of its own.
            @Override
            public void suspend() {
                TransactionSynchronizationManager.unbindResource(RESOURCE);
            }

            @Override
            public void resume() {
                TransactionSynchronizationManager.bindResource(RESOURCE, created);
            }

            @Override
            public void afterCompletion(int status) {
                TransactionSynchronizationManager.unbindResourceIfPossible(RESOURCE);
            }
        });
        return created;
    }
}
