package io.gatehouse.audit;

/** A sign-in event on the wire, in pages and exports alike. */
record SignInEventEntry(long id, String occurredAt, String domainId, String userId, String attemptedName,
        String sourceIp, String userAgent, String channel, String method, String result, String cause,
        String requestId) {
}
