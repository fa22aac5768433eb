package io.gatehouse.common.db;

import static org.assertj.core.api.Assertions.assertThat;

import io.gatehouse.testsupport.IntegrationTest;
import io.gatehouse.testsupport.TestDatabase;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;

/** Migration V18 runs on both databases, and on PostgreSQL leaves room on the pages of the tables it names. */
class RoomForHeapOnlyUpdatesIT extends IntegrationTest {

    @Autowired
    JdbcClient jdbc;

    @Test
    void migrateWhenAppliedThenRecordedAndOnPostgresTheTablesKeepAFifthOfEachPageFree() {
        assertThat(jdbc.sql("SELECT \"success\" FROM flyway_schema_history WHERE \"version\" = '18'")
                .query(Boolean.class).single()).isTrue();
        if (TestDatabase.isPostgres()) {
            List<String> options = jdbc.sql("""
                    SELECT c.relname || ':' || array_to_string(c.reloptions, ',') FROM pg_class c
                    JOIN pg_namespace n ON n.oid = c.relnamespace
                    WHERE n.nspname = current_schema() AND c.relname IN ('iam_user', 'signin_daily', 'signin_weekly')
                    ORDER BY c.relname""").query(String.class).list();
            assertThat(options).containsExactly("iam_user:fillfactor=80", "signin_daily:fillfactor=80",
                    "signin_weekly:fillfactor=80");
        }
    }
}
