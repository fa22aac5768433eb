package io.gatehouse.audit;

import io.gatehouse.common.time.WireTime;
import io.gatehouse.common.web.Caller;
import io.gatehouse.common.web.ClientInfo;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Propagation;
import org.springframework.transaction.annotation.Transactional;
import org.springframework.transaction.support.TransactionSynchronization;
import org.springframework.transaction.support.TransactionSynchronizationManager;

/**
 * The append-only record of every write. A successful write is appended inside the transaction that
 * makes it, so the change and its record commit or vanish together. A refused write is appended on
 * its own, after the refusal rolled back.
 *
 * <p>Records join their account's hash chain ({@link OperationChain}) just before the transaction
 * commits, not when they are made: the chain's lock serializes an account's writers, so it is taken as
 * late as possible and held only for the inserts and the commit.
 */
@Component
public class OperationLog {

    private final OperationChain chain;
    private final Clock clock;

    OperationLog(OperationChain chain, Clock clock) {
        this.chain = chain;
        this.clock = clock;
    }

    @Transactional(propagation = Propagation.MANDATORY)
    public void success(Caller caller, String operation, String resourceType, String resourceId) {
        pending().add(record(caller.domainId(), caller, caller.client(), operation, resourceType, resourceId,
                "success", null));
    }

    @Transactional(propagation = Propagation.REQUIRES_NEW)
    public void refused(Caller caller, ClientInfo client, String domainId, String operation, String resourceType,
            String resourceId, String errorCode) {
        pending().add(record(domainId, caller, client, operation, resourceType, resourceId, "failure", errorCode));
    }

    private OperationRecord record(String domainId, Caller caller, ClientInfo client, String operation,
            String resourceType, String resourceId, String result, String errorCode) {
        ClientInfo c = client == null ? ClientInfo.SYSTEM : client;
        return new OperationRecord(WireTime.truncate(clock.instant()), domainId,
                caller == null ? null : caller.userId(), caller == null ? null : caller.userName(), c.ip(),
                c.userAgent(), operation, resourceType, resourceId, result, errorCode, c.requestId());
    }

    /** The records of the current transaction, appended to the chain by one synchronization before commit. */
    private List<OperationRecord> pending() {
        for (TransactionSynchronization s : TransactionSynchronizationManager.getSynchronizations()) {
            if (s instanceof ChainAtCommit atCommit) {
                return atCommit.records;
            }
        }
        ChainAtCommit atCommit = new ChainAtCommit();
        TransactionSynchronizationManager.registerSynchronization(atCommit);
        return atCommit.records;
    }

    private final class ChainAtCommit implements TransactionSynchronization {

        private final List<OperationRecord> records = new ArrayList<>();

        @Override
        public void beforeCommit(boolean readOnly) {
            chain.append(records);
        }

        @Override
        public int getOrder() {
            // After every other synchronization's beforeCommit: the lock is the last thing taken.
            return LOWEST_PRECEDENCE;
        }
    }
}
