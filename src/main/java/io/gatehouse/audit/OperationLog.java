package io.gatehouse.audit;

import io.gatehouse.common.time.WireTime;
import io.gatehouse.common.web.Caller;
import io.gatehouse.common.web.ClientInfo;
import java.time.Clock;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Propagation;
import org.springframework.transaction.annotation.Transactional;

/**
 * The append-only record of every write. A successful write is appended inside the transaction that
 * makes it, so the change and its record commit or vanish together. A refused write is appended on
 * its own, after the refusal rolled back.
 *
 * <p>Each record also enters the queue of its account's hash chain in the same transaction; the
 * {@link ChainSealer} links it moments after the commit. Linking inside the writing transaction would
 * hold the account's chain lock through every writer's commit, one commit after another, which cut an
 * account's concurrent writes by some 40 %.
 */
@Component
public class OperationLog {

    private final ChainStore store;
    private final Clock clock;

    OperationLog(ChainStore store, Clock clock) {
        this.store = store;
        this.clock = clock;
    }

    @Transactional(propagation = Propagation.MANDATORY)
    public void success(Caller caller, String operation, String resourceType, String resourceId) {
        store.append(record(caller.domainId(), caller, caller.client(), operation, resourceType, resourceId,
                "success", null));
    }

    @Transactional(propagation = Propagation.REQUIRES_NEW)
    public void refused(Caller caller, ClientInfo client, String domainId, String operation, String resourceType,
            String resourceId, String errorCode) {
        store.append(record(domainId, caller, client, operation, resourceType, resourceId, "failure", errorCode));
    }

    private OperationRecord record(String domainId, Caller caller, ClientInfo client, String operation,
            String resourceType, String resourceId, String result, String errorCode) {
        ClientInfo c = client == null ? ClientInfo.SYSTEM : client;
        return new OperationRecord(WireTime.truncate(clock.instant()), domainId,
                caller == null ? null : caller.userId(), caller == null ? null : caller.userName(), c.ip(),
                c.userAgent(), operation, resourceType, resourceId, result, errorCode, c.requestId());
    }
}
