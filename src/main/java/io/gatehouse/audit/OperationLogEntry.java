package io.gatehouse.audit;

/** An operation-log record on the wire, in pages and exports alike. */
record OperationLogEntry(long id, String occurredAt, String domainId, String actorId, String actorName,
        String sourceIp, String userAgent, String operation, String resourceType, String resourceId, String result,
        String errorCode, String requestId) {

    /** The same record without the actor's address and client, for a user reading what others did to it. */
    OperationLogEntry withoutActorClient() {
        return new OperationLogEntry(id, occurredAt, domainId, actorId, actorName, null, null, operation,
                resourceType, resourceId, result, errorCode, requestId);
    }
}
