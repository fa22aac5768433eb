package io.gatehouse.audit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.groups.Tuple.tuple;

import io.gatehouse.common.web.Caller;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.dao.DataAccessResourceFailureException;
import org.springframework.transaction.TransactionDefinition;
import org.springframework.transaction.support.AbstractPlatformTransactionManager;
import org.springframework.transaction.support.DefaultTransactionStatus;
import org.springframework.transaction.support.TransactionSynchronization;
import org.springframework.transaction.support.TransactionSynchronizationManager;

/**
 * The log written after commit: a record reaches memory only when its transaction commits, a full
 * queue sends the record to the inbox inside the transaction instead, and a failed seal loses nothing.
 */
class OperationLogAfterCommitTest {

    /** A store that remembers inbox appends and sealed rows, and can fail the first seals. */
    private static final class Store extends ChainStore {
        final List<OperationRecord> inbox = new ArrayList<>();
        final List<Sealed> sealed = new ArrayList<>();
        int failures;
        int inboxFailures;
        long head;

        Store() {
            super(null, null, null, null);
        }

        @Override
        void append(OperationRecord r) {
            inbox.add(r);
        }

        @Override
        List<String> pendingChains(int limit) {
            if (inboxFailures > 0) {
                inboxFailures--;
                throw new DataAccessResourceFailureException("the database is away");
            }
            return List.of();
        }

        @Override
        Head lockHead(String chainKey) {
            return new Head(head, "h" + head);
        }

        @Override
        void insertSealed(List<Sealed> rows) {
            if (failures > 0) {
                failures--;
                throw new DataAccessResourceFailureException("the database is away");
            }
            sealed.addAll(rows);
        }

        @Override
        void moveHead(String chainKey, Head h) {
            head = h.seq();
        }
    }

    /** Transactions that only run their synchronizations. */
    private static final class Transactions extends AbstractPlatformTransactionManager {
        @Override
        protected Object doGetTransaction() {
            return new Object();
        }

        @Override
        protected void doBegin(Object transaction, TransactionDefinition definition) {
        }

        @Override
        protected void doCommit(DefaultTransactionStatus status) {
        }

        @Override
        protected void doRollback(DefaultTransactionStatus status) {
        }
    }

    private static final class Mac extends ChainMac {
        Mac() {
            super(null, null, null, new Transactions());
        }

        @Override
        String mac(long seq, String prevHash, OperationRecord r) {
            return "h" + seq;
        }
    }

    private final Store store = new Store();

    @AfterEach
    void endTransaction() {
        if (TransactionSynchronizationManager.isSynchronizationActive()) {
            TransactionSynchronizationManager.clearSynchronization();
        }
    }

    @Test
    void successWhenTheTransactionCommitsThenTheRecordWaitsInMemoryNotInTheInbox() {
        CommittedRecords memory = new CommittedRecords(10);
        OperationLog log = afterCommit(memory);

        TransactionSynchronizationManager.initSynchronization();
        update(log, "u1");
        assertThat(memory.isEmpty()).as("nothing before the commit").isTrue();
        complete(TransactionSynchronization.STATUS_COMMITTED);

        assertThat(store.inbox).isEmpty();
        assertThat(memory.take(10)).extracting(OperationRecord::resourceId).containsExactly("u1");
    }

    @Test
    void successWhenTheTransactionRollsBackThenNothingIsRecordedAndTheSlotIsFree() {
        CommittedRecords memory = new CommittedRecords(1);
        OperationLog log = afterCommit(memory);

        TransactionSynchronizationManager.initSynchronization();
        update(log, "u1");
        complete(TransactionSynchronization.STATUS_ROLLED_BACK);

        assertThat(memory.isEmpty()).isTrue();
        assertThat(store.inbox).isEmpty();
        assertThat(memory.reserve()).as("the one slot is free again").isTrue();
    }

    @Test
    void successWhenTheQueueIsFullThenTheRecordGoesToTheInboxInTheTransaction() {
        CommittedRecords memory = new CommittedRecords(1);
        OperationLog log = afterCommit(memory);

        TransactionSynchronizationManager.initSynchronization();
        update(log, "u1");
        update(log, "u2");

        assertThat(store.inbox).extracting(OperationRecord::resourceId).containsExactly("u2");
        complete(TransactionSynchronization.STATUS_COMMITTED);
        assertThat(memory.take(10)).extracting(OperationRecord::resourceId).containsExactly("u1");
    }

    @Test
    void sealWhenTheDatabaseFailsThenTheRecordsStayAndAreSealedInOrderNextTime() {
        CommittedRecords memory = new CommittedRecords(3);
        ChainSealer sealer = new ChainSealer(store, memory, new Mac(), new Transactions());
        for (String id : List.of("u1", "u2", "u3")) {
            assertThat(memory.reserve()).isTrue();
            memory.committed(record(id));
        }
        store.failures = 1;

        sealer.sealAll();
        assertThat(store.sealed).isEmpty();
        assertThat(memory.isEmpty()).isFalse();
        assertThat(memory.reserve()).as("the records still hold their slots").isFalse();

        sealer.sealAll();
        assertThat(store.sealed).extracting(s -> s.record().resourceId(), ChainStore.Sealed::seq)
                .containsExactly(tuple("u1", 1L), tuple("u2", 2L), tuple("u3", 3L));
        assertThat(memory.isEmpty()).isTrue();
        assertThat(memory.reserve()).as("sealed records free their slots").isTrue();
    }

    @Test
    void sealWhenTheInboxCannotBeReadThenTheRecordsInMemoryStayForTheNextRun() {
        CommittedRecords memory = new CommittedRecords(3);
        ChainSealer sealer = new ChainSealer(store, memory, new Mac(), new Transactions());
        memory.reserve();
        memory.committed(record("u1"));
        store.inboxFailures = 1;

        sealer.sealAll();
        assertThat(memory.isEmpty()).isFalse();
        sealer.sealAll();

        assertThat(store.sealed).extracting(s -> s.record().resourceId()).containsExactly("u1");
    }

    @Test
    void sealBeforeShutdownWhenRecordsWaitThenTheyAreSealed() {
        CommittedRecords memory = new CommittedRecords(3);
        ChainSealer sealer = new ChainSealer(store, memory, new Mac(), new Transactions());
        memory.reserve();
        memory.committed(record("u1"));

        sealer.sealBeforeShutdown();

        assertThat(store.sealed).extracting(s -> s.record().resourceId()).containsExactly("u1");
    }

    @Test
    void writeModeWhenUnknownThenRefusedWithTheChoices() {
        assertThat(OperationLog.WriteMode.of("after-commit")).isEqualTo(OperationLog.WriteMode.AFTER_COMMIT);
        assertThat(OperationLog.WriteMode.of("in-transaction")).isEqualTo(OperationLog.WriteMode.IN_TRANSACTION);
        assertThatThrownBy(() -> OperationLog.WriteMode.of("later"))
                .hasMessageContaining("in-transaction or after-commit");
    }

    /** A user update recorded inside the transaction the test opened. */
    private static void update(OperationLog log, String userId) {
        log.success(Caller.system("acct"), "iam:users:updateUser", "user", userId);
    }

    private OperationLog afterCommit(CommittedRecords memory) {
        return new OperationLog(store, null, memory, Clock.systemUTC(), true, "after-commit");
    }

    private static void complete(int status) {
        List<TransactionSynchronization> synchronizations = TransactionSynchronizationManager.getSynchronizations();
        TransactionSynchronizationManager.clearSynchronization();
        synchronizations.forEach(s -> s.afterCompletion(status));
    }

    private static OperationRecord record(String resourceId) {
        return new OperationRecord(Instant.parse("2026-11-22T00:00:00Z"), "acct", null, null, null, null,
                "iam:users:updateUser", "user", resourceId, "success", null, null);
    }
}
