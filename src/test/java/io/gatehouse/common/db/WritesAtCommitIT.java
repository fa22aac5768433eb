package io.gatehouse.common.db;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.gatehouse.common.Ids;
import io.gatehouse.testsupport.IntegrationTest;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.dao.DataIntegrityViolationException;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.TransactionDefinition;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Writes sent at commit ({@link WritesAtCommit}) belong to their transaction: they commit with it, a
 * failing one takes the whole transaction down, a rollback sends none of them, a transaction started
 * inside another (REQUIRES_NEW) carries only its own, and outside a transaction a write is sent at once.
 * On PostgreSQL they travel with the COMMIT.
 */
class WritesAtCommitIT extends IntegrationTest {

    @Autowired
    JdbcClient jdbc;

    @Autowired
    PlatformTransactionManager transactions;

    @Autowired
    WritesAtCommit atCommit;

    TransactionTemplate tx;

    @BeforeEach
    void probeTable() {
        jdbc.sql("CREATE TABLE IF NOT EXISTS writes_at_commit_probe (id VARCHAR(40) PRIMARY KEY)").update();
        tx = new TransactionTemplate(transactions);
    }

    @Test
    void commitWhenWritesArePendingThenTheyCommitWithTheTransactionsOwnStatements() {
        String direct = Ids.newId();
        String sentAtCommit = Ids.newId();
        String firstRow = Ids.newId();
        String secondRow = Ids.newId();
        tx.executeWithoutResult(status -> {
            insertNow(direct);
            insertAtCommit(sentAtCommit);
            insertRowAtCommit(firstRow);
            insertRowAtCommit(secondRow);
            assertThat(exists(sentAtCommit)).as("not sent before the commit").isFalse();
        });
        assertThat(exists(direct)).isTrue();
        assertThat(exists(sentAtCommit)).isTrue();
        assertThat(exists(firstRow)).isTrue();
        assertThat(exists(secondRow)).isTrue();
    }

    @Test
    void commitWhenAWriteAtCommitFailsThenNothingOfTheTransactionIsKept() {
        String taken = Ids.newId();
        tx.executeWithoutResult(status -> insertNow(taken));
        String direct = Ids.newId();

        assertThatThrownBy(() -> tx.executeWithoutResult(status -> {
            insertNow(direct);
            insertAtCommit(taken);
        })).isInstanceOf(DataIntegrityViolationException.class);

        assertThat(exists(direct)).as("the transaction's own insert rolled back with the failed write").isFalse();
        String next = Ids.newId();
        tx.executeWithoutResult(status -> insertNow(next));
        assertThat(exists(next)).as("the connection serves the next transaction").isTrue();
    }

    @Test
    void rollbackWhenWritesArePendingThenNoneIsSentAndTheNextTransactionStartsWithout() {
        String dropped = Ids.newId();
        tx.executeWithoutResult(status -> {
            insertAtCommit(dropped);
            status.setRollbackOnly();
        });
        String next = Ids.newId();
        tx.executeWithoutResult(status -> insertAtCommit(next));

        assertThat(exists(dropped)).isFalse();
        assertThat(exists(next)).isTrue();
    }

    @Test
    void requiresNewWhenBothTransactionsHaveWritesThenEachCarriesOnlyItsOwn() {
        String outer = Ids.newId();
        String inner = Ids.newId();
        TransactionTemplate requiresNew = new TransactionTemplate(transactions);
        requiresNew.setPropagationBehavior(TransactionDefinition.PROPAGATION_REQUIRES_NEW);

        tx.executeWithoutResult(status -> {
            insertAtCommit(outer);
            requiresNew.executeWithoutResult(innerStatus -> insertAtCommit(inner));
            assertThat(exists(inner)).as("the inner transaction committed its write").isTrue();
            status.setRollbackOnly();
        });

        assertThat(exists(inner)).isTrue();
        assertThat(exists(outer)).as("the outer write went with the outer rollback").isFalse();
    }

    @Test
    void writeWhenNoTransactionIsOpenThenItIsSentAtOnce() {
        String statement = Ids.newId();
        String row = Ids.newId();

        insertAtCommit(statement);
        insertRowAtCommit(row);

        assertThat(exists(statement)).isTrue();
        assertThat(exists(row)).isTrue();
    }

    private void insertNow(String id) {
        jdbc.sql("INSERT INTO writes_at_commit_probe (id) VALUES (:id)").param("id", id).update();
    }

    private void insertAtCommit(String id) {
        atCommit.statement("INSERT INTO writes_at_commit_probe (id) VALUES (?)", List.of(id));
    }

    private void insertRowAtCommit(String id) {
        atCommit.row("INSERT INTO writes_at_commit_probe (id) VALUES", "(?)", List.of(id));
    }

    private boolean exists(String id) {
        return jdbc.sql("SELECT COUNT(*) FROM writes_at_commit_probe WHERE id = :id").param("id", id)
                .query(Long.class).single() > 0;
    }
}
