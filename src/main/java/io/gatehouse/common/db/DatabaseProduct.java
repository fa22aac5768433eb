package io.gatehouse.common.db;

import java.sql.DatabaseMetaData;
import javax.sql.DataSource;
import org.springframework.jdbc.support.JdbcUtils;
import org.springframework.jdbc.support.MetaDataAccessException;
import org.springframework.stereotype.Component;

/**
 * Which database the server runs on, read once at start. The SQL is the same on both; what differs is
 * how it travels (several statements in one round trip on PostgreSQL) and PostgreSQL's own maintenance.
 */
@Component
public class DatabaseProduct {

    private final boolean postgres;

    public DatabaseProduct(DataSource dataSource) throws MetaDataAccessException {
        this.postgres = "PostgreSQL".equals(
                JdbcUtils.extractDatabaseMetaData(dataSource, DatabaseMetaData::getDatabaseProductName));
    }

    public boolean isPostgres() {
        return postgres;
    }
}
