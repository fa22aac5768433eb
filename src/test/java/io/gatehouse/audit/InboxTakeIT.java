package io.gatehouse.audit;

import static org.assertj.core.api.Assertions.assertThat;

import io.gatehouse.common.Ids;
import io.gatehouse.common.time.WireTime;
import io.gatehouse.testsupport.IntegrationTest;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * The sealer takes records out of the inbox only for the chains whose heads it holds, oldest first, and
 * leaves every other chain's records where they are: on PostgreSQL in one DELETE ... RETURNING, on H2 in
 * a read and a delete. Each test rolls back, so the shared inbox keeps nothing of it.
 */
class InboxTakeIT extends IntegrationTest {

    private static final Instant AT = Instant.parse("2026-11-23T04:00:00.123456Z");

    @Autowired
    ChainStore store;

    @Autowired
    JdbcClient jdbc;

    @Autowired
    PlatformTransactionManager transactions;

    @Test
    void takeWhenTwoChainsWaitThenOnlyTheNamedChainLeavesInOrder() {
        String a = Ids.newId();
        String b = Ids.newId();
        inTransactionRolledBack(() -> {
            queue(a, "a-1");
            queue(b, "b-1");
            queue(a, "a-2");
            queue(a, "a-3");

            List<ChainStore.Pending> taken = store.take(List.of(a), ChainSealer.BATCH);

            assertThat(taken).extracting(p -> p.record().resourceId()).containsExactly("a-1", "a-2", "a-3");
            assertThat(taken).extracting(ChainStore.Pending::inboxId).isSorted();
            assertThat(taken).allSatisfy(p -> {
                assertThat(p.record().chainKey()).isEqualTo(a);
                assertThat(p.record().operation()).isEqualTo("iam:users:updateUser");
                assertThat(p.record().occurredAt()).isEqualTo(AT);
            });
            assertThat(waiting(a)).isEmpty();
            assertThat(waiting(b)).containsExactly("b-1");
        });
    }

    @Test
    void takeWhenNoChainIsHeldThenTakesNothing() {
        String a = Ids.newId();
        inTransactionRolledBack(() -> {
            queue(a, "a-1");

            assertThat(store.take(List.of(), ChainSealer.BATCH)).isEmpty();
            assertThat(store.take(List.of(Ids.newId()), ChainSealer.BATCH)).isEmpty();
            assertThat(waiting(a)).containsExactly("a-1");
        });
    }

    private void inTransactionRolledBack(Runnable body) {
        new TransactionTemplate(transactions).executeWithoutResult(status -> {
            status.setRollbackOnly();
            body.run();
        });
    }

    private void queue(String chainKey, String resourceId) {
        jdbc.sql("INSERT INTO operation_log_inbox (chain_key, occurred_at, domain_id, operation, resource_type, "
                + "resource_id, result) VALUES (:k, :at, :k, 'iam:users:updateUser', 'user', :r, 'success')")
                .param("k", chainKey).param("at", WireTime.toSql(AT))
                .param("r", resourceId).update();
    }

    private List<String> waiting(String chainKey) {
        return jdbc.sql("SELECT resource_id FROM operation_log_inbox WHERE chain_key = :k ORDER BY id")
                .param("k", chainKey).query(String.class).list();
    }
}
