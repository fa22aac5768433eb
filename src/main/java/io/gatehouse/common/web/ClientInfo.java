package io.gatehouse.common.web;

/** Where a request came from, as recorded in the operation log and sign-in events. */
public record ClientInfo(String ip, String userAgent, String requestId) {

    public static final ClientInfo SYSTEM = new ClientInfo(null, "gatehouse", null);
}
