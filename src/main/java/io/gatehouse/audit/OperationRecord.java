package io.gatehouse.audit;

import java.time.Instant;

/**
 * One operation-log record as it is written and as the chain's MAC covers it. {@code occurredAt} is
 * already truncated to microseconds, the precision the database keeps, so what is read back hashes
 * the same.
 */
record OperationRecord(Instant occurredAt, String domainId, String actorId, String actorName, String sourceIp,
        String userAgent, String operation, String resourceType, String resourceId, String result, String errorCode,
        String requestId) {

    /** The chain the record belongs to: its account, or {@code ""} for a record without one. */
    String chainKey() {
        return chainKey(domainId);
    }

    static String chainKey(String domainId) {
        return domainId == null ? "" : domainId;
    }
}
