package io.gatehouse.audit;

/** A sign-in event on the wire, in pages and exports alike, with where its client was and what it used. */
record SignInEventEntry(long id, String occurredAt, String domainId, String userId, String attemptedName,
        String sourceIp, String userAgent, String channel, String method, String result, String cause,
        String requestId, String location, String countryCode, String city, String deviceType, String os,
        String browser, String application) {
}
