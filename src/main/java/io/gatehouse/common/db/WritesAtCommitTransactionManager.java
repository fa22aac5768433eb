package io.gatehouse.common.db;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.util.List;
import java.util.stream.Collectors;
import javax.sql.DataSource;
import org.springframework.jdbc.core.SqlTypeValue;
import org.springframework.jdbc.core.StatementCreatorUtils;
import org.springframework.jdbc.datasource.JdbcTransactionObjectSupport;
import org.springframework.jdbc.support.JdbcTransactionManager;
import org.springframework.transaction.support.DefaultTransactionStatus;

/**
 * Spring's JDBC transaction manager, which also sends the transaction's {@link WritesAtCommit} when it
 * commits. On PostgreSQL they go in one prepared statement with the COMMIT itself ({@code INSERT ...;
 * COMMIT}): the driver sends both and one Sync, so the writes cost no round trip of their own, and a
 * failing write stops the COMMIT, which then rolls back as any failed commit does. Afterwards the driver
 * knows the transaction has ended, and its own commit sends nothing. Other databases (the embedded H2)
 * get the writes and then the commit.
 */
public class WritesAtCommitTransactionManager extends JdbcTransactionManager {

    private final DatabaseProduct database;

    public WritesAtCommitTransactionManager(DataSource dataSource, DatabaseProduct database) {
        super(dataSource);
        this.database = database;
    }

    @Override
    protected void doCommit(DefaultTransactionStatus status) {
        List<WritesAtCommit.Write> writes = WritesAtCommit.pending();
        if (writes.isEmpty()) {
            super.doCommit(status);
            return;
        }
        Connection con = ((JdbcTransactionObjectSupport) status.getTransaction()).getConnectionHolder()
                .getConnection();
        try {
            String sql = writes.stream().map(WritesAtCommit.Write::sql).collect(Collectors.joining("; "));
            try (PreparedStatement statement = con.prepareStatement(database.isPostgres() ? sql + "; COMMIT" : sql)) {
                int index = 1;
                for (WritesAtCommit.Write write : writes) {
                    for (Object value : write.parameters()) {
                        StatementCreatorUtils.setParameterValue(statement, index++, SqlTypeValue.TYPE_UNKNOWN, value);
                    }
                }
                statement.execute();
            }
            con.commit();
        } catch (SQLException ex) {
            throw translateException("JDBC commit", ex);
        }
    }
}
