package io.gatehouse.audit;

import static org.assertj.core.api.Assertions.assertThat;

import io.gatehouse.testsupport.TestDatabase;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.flywaydb.core.Flyway;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.datasource.DriverManagerDataSource;

/**
 * V15 on a database that V13/V14 wrote: links move into their records' rows, records that were still
 * queued go back to the inbox in their order, and the old tables are gone. Runs on a database of its
 * own (a fresh H2, or a fresh PostgreSQL schema), since it stops Flyway half-way.
 */
class OperationLogInboxMigrationIT {

    private final String schema = "mig_" + UUID.randomUUID().toString().replace("-", "").substring(0, 12);

    @AfterEach
    void dropSchema() throws SQLException {
        if (TestDatabase.isPostgres()) {
            try (Connection c = DriverManager.getConnection(baseUrl(), TestDatabase.user(), TestDatabase.password());
                    Statement s = c.createStatement()) {
                s.execute("DROP SCHEMA IF EXISTS " + schema + " CASCADE");
            }
        }
    }

    @Test
    void migrateWhenRecordsAreLinkedAndQueuedThenLinksMoveIntoRowsAndQueuedRecordsIntoTheInbox() {
        DriverManagerDataSource db = new DriverManagerDataSource(url(), TestDatabase.user(), TestDatabase.password());
        flyway(db, "14").migrate();
        JdbcClient jdbc = JdbcClient.create(db);
        long first = insertRecord(jdbc, "iam:users:createUser", "u1");
        long second = insertRecord(jdbc, "iam:users:updateUser", "u1");
        long queued = insertRecord(jdbc, "iam:users:deleteUser", "u2");
        long alsoQueued = insertRecord(jdbc, "iam:users:createUser", "u3");
        link(jdbc, first, 1, "0".repeat(64), "a".repeat(64));
        link(jdbc, second, 2, "a".repeat(64), "b".repeat(64));
        jdbc.sql("INSERT INTO operation_log_pending (log_id, chain_key) VALUES (:id, 'acct')").param("id", queued)
                .update();
        jdbc.sql("INSERT INTO operation_log_pending (log_id, chain_key) VALUES (:id, 'acct')")
                .param("id", alsoQueued).update();

        flyway(db, "15").migrate();

        List<Map<String, Object>> rows = jdbc.sql("SELECT id, operation, chain_key, chain_seq, prev_hash, hash "
                + "FROM operation_log ORDER BY id").query().listOfRows();
        assertThat(rows).hasSize(2);
        assertThat(rows.get(0)).containsEntry("id", first).containsEntry("chain_key", "acct")
                .containsEntry("chain_seq", 1L).containsEntry("prev_hash", "0".repeat(64))
                .containsEntry("hash", "a".repeat(64));
        assertThat(rows.get(1)).containsEntry("id", second).containsEntry("chain_seq", 2L)
                .containsEntry("prev_hash", "a".repeat(64)).containsEntry("hash", "b".repeat(64));
        assertThat(jdbc.sql("SELECT operation, resource_id, chain_key, actor_name, request_id FROM operation_log_inbox "
                + "ORDER BY id").query().listOfRows())
                .containsExactly(
                        Map.of("operation", "iam:users:deleteUser", "resource_id", "u2", "chain_key", "acct",
                                "actor_name", "admin", "request_id", "req-u2"),
                        Map.of("operation", "iam:users:createUser", "resource_id", "u3", "chain_key", "acct",
                                "actor_name", "admin", "request_id", "req-u3"));
        assertThat(tables(jdbc)).doesNotContain("operation_log_link", "operation_log_pending")
                .contains("operation_log_inbox");
    }

    private Flyway flyway(DriverManagerDataSource db, String target) {
        var config = Flyway.configure().dataSource(db).locations("classpath:db/migration").target(target);
        if (TestDatabase.isPostgres()) {
            config.schemas(schema).defaultSchema(schema);
        }
        return config.load();
    }

    private static long insertRecord(JdbcClient jdbc, String operation, String resourceId) {
        jdbc.sql("""
                INSERT INTO operation_log (occurred_at, domain_id, actor_id, actor_name, operation, resource_type,
                  resource_id, result, request_id)
                VALUES (CURRENT_TIMESTAMP, 'acct', 'admin-id', 'admin', :op, 'user', :rid, 'success', :req)""")
                .param("op", operation).param("rid", resourceId).param("req", "req-" + resourceId).update();
        return jdbc.sql("SELECT MAX(id) FROM operation_log").query(Long.class).single();
    }

    private static void link(JdbcClient jdbc, long id, long seq, String prev, String hash) {
        jdbc.sql("INSERT INTO operation_log_link (log_id, chain_key, chain_seq, prev_hash, hash) "
                + "VALUES (:id, 'acct', :seq, :prev, :hash)").param("id", id).param("seq", seq).param("prev", prev)
                .param("hash", hash).update();
    }

    private List<String> tables(JdbcClient jdbc) {
        return jdbc.sql("SELECT LOWER(table_name) FROM information_schema.tables WHERE LOWER(table_schema) = :s")
                .param("s", TestDatabase.isPostgres() ? schema : "public").query(String.class).list();
    }

    private String url() {
        if (TestDatabase.isPostgres()) {
            return baseUrl() + "?currentSchema=" + schema;
        }
        return "jdbc:h2:mem:" + schema + ";MODE=PostgreSQL;DATABASE_TO_LOWER=TRUE;DEFAULT_NULL_ORDERING=HIGH;"
                + "DB_CLOSE_DELAY=-1";
    }

    private static String baseUrl() {
        String url = TestDatabase.url();
        int query = url.indexOf('?');
        return query < 0 ? url : url.substring(0, query);
    }
}
