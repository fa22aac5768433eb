package io.gatehouse.audit;

import io.gatehouse.common.time.WireTime;
import io.gatehouse.common.web.Caller;
import io.gatehouse.common.web.ClientInfo;
import java.time.Clock;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Propagation;
import org.springframework.transaction.annotation.Transactional;

/**
 * The append-only record of every write. A successful write is appended inside the transaction that
 * makes it, so the change and its record commit or vanish together. A refused write is appended on
 * its own, after the refusal rolled back.
 */
@Component
public class OperationLog {

    private final JdbcClient jdbc;
    private final Clock clock;

    OperationLog(JdbcClient jdbc, Clock clock) {
        this.jdbc = jdbc;
        this.clock = clock;
    }

    @Transactional(propagation = Propagation.MANDATORY)
    public void success(Caller caller, String operation, String resourceType, String resourceId) {
        append(caller, operation, resourceType, resourceId, "success", null);
    }

    @Transactional(propagation = Propagation.REQUIRES_NEW)
    public void refused(Caller caller, ClientInfo client, String domainId, String operation, String resourceType,
            String resourceId, String errorCode) {
        insert(domainId, caller, client, operation, resourceType, resourceId, "failure", errorCode);
    }

    private void append(Caller caller, String operation, String resourceType, String resourceId, String result,
            String errorCode) {
        insert(caller.domainId(), caller, caller.client(), operation, resourceType, resourceId, result, errorCode);
    }

    private void insert(String domainId, Caller caller, ClientInfo client, String operation, String resourceType,
            String resourceId, String result, String errorCode) {
        ClientInfo c = client == null ? ClientInfo.SYSTEM : client;
        jdbc.sql("""
                INSERT INTO operation_log (occurred_at, domain_id, actor_id, actor_name, source_ip, user_agent,
                  operation, resource_type, resource_id, result, error_code, request_id)
                VALUES (:at, :domainId, :actorId, :actorName, :ip, :ua, :operation, :resourceType, :resourceId,
                  :result, :errorCode, :requestId)""")
                .param("at", WireTime.toSql(WireTime.truncate(clock.instant()))).param("domainId", domainId)
                .param("actorId", caller == null ? null : caller.userId())
                .param("actorName", caller == null ? null : caller.userName())
                .param("ip", c.ip()).param("ua", c.userAgent()).param("operation", operation)
                .param("resourceType", resourceType).param("resourceId", resourceId).param("result", result)
                .param("errorCode", errorCode).param("requestId", c.requestId()).update();
    }
}
