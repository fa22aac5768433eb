package io.gatehouse.audit;

import io.gatehouse.common.time.WireTime;
import io.gatehouse.common.web.Caller;
import io.gatehouse.common.web.ClientInfo;
import java.time.Clock;
import java.util.Locale;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Propagation;
import org.springframework.transaction.annotation.Transactional;
import org.springframework.transaction.support.TransactionSynchronization;
import org.springframework.transaction.support.TransactionSynchronizationManager;

/**
 * The append-only record of every write. By default a successful write is appended inside the
 * transaction that makes it, so the change and its record commit or vanish together. A refused write
 * is appended on its own, after the refusal rolled back.
 *
 * <p>The writing transaction puts the record in the inbox of its account's hash chain, one narrow row;
 * the {@link ChainSealer} moves it into {@code operation_log}, linked, moments after the commit.
 * Linking inside the writing transaction would hold the account's chain lock through every writer's
 * commit, one commit after another, which cut an account's concurrent writes by some 40 %; writing the
 * record and a queue row in the transaction, with the record's seven index entries, cost the user PUT
 * about 45 % (see docs/benchmarks.md).
 *
 * <p>The inbox row is sent with the writing transaction's COMMIT ({@code common.db.WritesAtCommit}), so it
 * costs no round trip of its own; it cost a cheap write like the user PUT some 20 % when it was a statement
 * of its own. An operator who wants the last of that cost back may choose {@link WriteMode#AFTER_COMMIT}: the
 * record then waits in this node's memory from the commit until the sealer's next run (100 ms), and a
 * crash of the node in between loses it. The default keeps the guarantee that no committed write goes
 * unrecorded.
 */
@Component
public class OperationLog {

    private static final Logger log = LoggerFactory.getLogger(OperationLog.class);

    /** When a write's record leaves the writing transaction's hands. */
    public enum WriteMode {
        /** Into the inbox, inside the writing transaction: the write and its record commit together. */
        IN_TRANSACTION,
        /** Into this node's memory after the commit, sealed within the seal interval; a crash loses it. */
        AFTER_COMMIT;

        static WriteMode of(String name) {
            try {
                return valueOf(name.trim().replace('-', '_').toUpperCase(Locale.ROOT));
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException("gatehouse.audit.operation-log.write must be in-transaction or "
                        + "after-commit, not '" + name + "'");
            }
        }
    }

    private final ChainStore store;
    private final ChainSealer sealer;
    private final CommittedRecords committed;
    private final Clock clock;
    private final boolean enabled;
    private final WriteMode mode;

    OperationLog(ChainStore store, ChainSealer sealer, CommittedRecords committed, Clock clock,
            @Value("${gatehouse.audit.operation-log.enabled:true}") boolean enabled,
            @Value("${gatehouse.audit.operation-log.write:in-transaction}") String mode) {
        this.store = store;
        this.sealer = sealer;
        this.committed = committed;
        this.clock = clock;
        this.enabled = enabled;
        this.mode = WriteMode.of(mode);
        if (!enabled) {
            log.warn("The operation log is OFF (gatehouse.audit.operation-log.enabled=false): writes are not "
                    + "recorded. This exists only to measure the log's cost (bench/log-cost.sh); never run a "
                    + "server like this.");
        } else if (this.mode == WriteMode.AFTER_COMMIT) {
            log.info("Operation-log records are written after commit (gatehouse.audit.operation-log.write="
                    + "after-commit): a crash of this node loses the records of its last moments' writes.");
        }
    }

    /**
     * Moves every record written so far into {@code operation_log}, for a reader of that table that must
     * see every committed write (the log's own HTTP API does this itself).
     */
    public void sealQueued() {
        sealer.sealAll();
    }

    @Transactional(propagation = Propagation.MANDATORY)
    public void success(Caller caller, String operation, String resourceType, String resourceId) {
        if (!enabled) {
            return;
        }
        write(record(caller.domainId(), caller, caller.client(), operation, resourceType, resourceId, "success",
                null));
    }

    @Transactional(propagation = Propagation.REQUIRES_NEW)
    public void refused(Caller caller, ClientInfo client, String domainId, String operation, String resourceType,
            String resourceId, String errorCode) {
        if (!enabled) {
            return;
        }
        write(record(domainId, caller, client, operation, resourceType, resourceId, "failure", errorCode));
    }

    /** Called inside the transaction the record belongs to. */
    private void write(OperationRecord record) {
        if (mode == WriteMode.AFTER_COMMIT && TransactionSynchronizationManager.isSynchronizationActive()
                && committed.reserve()) {
            TransactionSynchronizationManager.registerSynchronization(new TransactionSynchronization() {
                @Override
                public void afterCompletion(int status) {
                    if (status == STATUS_COMMITTED) {
                        committed.committed(record);
                    } else {
                        committed.rolledBack();
                    }
                }
            });
            return;
        }
        store.append(record);
    }

    private OperationRecord record(String domainId, Caller caller, ClientInfo client, String operation,
            String resourceType, String resourceId, String result, String errorCode) {
        ClientInfo c = client == null ? ClientInfo.SYSTEM : client;
        return new OperationRecord(WireTime.truncate(clock.instant()), domainId,
                caller == null ? null : caller.userId(), caller == null ? null : caller.userName(), c.ip(),
                c.userAgent(), operation, resourceType, resourceId, result, errorCode, c.requestId());
    }
}
