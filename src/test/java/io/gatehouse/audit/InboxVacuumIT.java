package io.gatehouse.audit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;

import io.gatehouse.testsupport.IntegrationTest;
import io.gatehouse.testsupport.TestDatabase;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/** The inbox's dead rows are vacuumed away on PostgreSQL; on H2 the job does nothing. */
class InboxVacuumIT extends IntegrationTest {

    @Autowired
    InboxVacuum vacuum;

    @Autowired
    JdbcClient jdbc;

    @Autowired
    PlatformTransactionManager transactions;

    @Test
    void vacuumWhenTheInboxHoldsDeadRowsThenEveryPageIsAllVisibleAgain() {
        // Rows that were never visible to the sealer: inserted and deleted in one transaction, dead at its commit.
        new TransactionTemplate(transactions).executeWithoutResult(status -> {
            jdbc.sql("""
                    INSERT INTO operation_log_inbox (chain_key, occurred_at, operation, resource_type, result)
                    SELECT 'vacuum-test', CURRENT_TIMESTAMP, 'test', 'test', 'success'
                    FROM generate_series(1, 2000)""").update();
            jdbc.sql("DELETE FROM operation_log_inbox WHERE chain_key = 'vacuum-test'").update();
        });
        if (!TestDatabase.isPostgres()) {
            assertThatCode(vacuum::vacuum).doesNotThrowAnyException();
            return;
        }
        long vacuumsBefore = vacuumCount();

        vacuum.vacuum();

        assertThat(vacuumCount()).isGreaterThan(vacuumsBefore);
        // A page holding a dead row cannot be all-visible; 2,000 rows took several pages.
        Integer[] pages = jdbc.sql("SELECT relpages, relallvisible FROM pg_class c JOIN pg_namespace n "
                + "ON n.oid = c.relnamespace WHERE n.nspname = current_schema() AND c.relname = 'operation_log_inbox'")
                .query((rs, n) -> new Integer[] {rs.getInt(1), rs.getInt(2)}).single();
        assertThat(pages[0]).isGreaterThan(1);
        assertThat(pages[1]).isEqualTo(pages[0]);
    }

    private long vacuumCount() {
        // A fresh snapshot of the statistics, not the one this session cached.
        jdbc.sql("SELECT pg_stat_clear_snapshot()").query().singleValue();
        return jdbc.sql("SELECT vacuum_count FROM pg_stat_user_tables WHERE schemaname = current_schema() "
                + "AND relname = 'operation_log_inbox'").query(Long.class).single();
    }
}
