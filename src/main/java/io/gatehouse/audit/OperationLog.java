package io.gatehouse.audit;

import io.gatehouse.common.time.WireTime;
import io.gatehouse.common.web.Caller;
import io.gatehouse.common.web.ClientInfo;
import java.time.Clock;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Propagation;
import org.springframework.transaction.annotation.Transactional;

/**
 * The append-only record of every write. A successful write is appended inside the transaction that
 * makes it, so the change and its record commit or vanish together. A refused write is appended on
 * its own, after the refusal rolled back.
 *
 * <p>The writing transaction puts the record in the inbox of its account's hash chain, one narrow row;
 * the {@link ChainSealer} moves it into {@code operation_log}, linked, moments after the commit.
 * Linking inside the writing transaction would hold the account's chain lock through every writer's
 * commit, one commit after another, which cut an account's concurrent writes by some 40 %; writing the
 * record and a queue row in the transaction, with the record's seven index entries, cost the user PUT
 * about 45 % (see docs/benchmarks.md).
 */
@Component
public class OperationLog {

    private static final Logger log = LoggerFactory.getLogger(OperationLog.class);

    private final ChainStore store;
    private final ChainSealer sealer;
    private final Clock clock;
    private final boolean enabled;

    OperationLog(ChainStore store, ChainSealer sealer, Clock clock,
            @Value("${gatehouse.audit.operation-log.enabled:true}") boolean enabled) {
        this.store = store;
        this.sealer = sealer;
        this.clock = clock;
        this.enabled = enabled;
        if (!enabled) {
            log.warn("The operation log is OFF (gatehouse.audit.operation-log.enabled=false): writes are not "
                    + "recorded. This exists only to measure the log's cost (bench/log-cost.sh); never run a "
                    + "server like this.");
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
        store.append(record(caller.domainId(), caller, caller.client(), operation, resourceType, resourceId,
                "success", null));
    }

    @Transactional(propagation = Propagation.REQUIRES_NEW)
    public void refused(Caller caller, ClientInfo client, String domainId, String operation, String resourceType,
            String resourceId, String errorCode) {
        if (!enabled) {
            return;
        }
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
