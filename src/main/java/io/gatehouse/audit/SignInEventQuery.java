package io.gatehouse.audit;

import org.springframework.web.bind.annotation.BindParam;

/**
 * The query parameters of the sign-in-event endpoints. All are optional; each given one narrows the
 * result. {@code method} is the authentication type ({@code password}, {@code password+totp}, ...).
 */
record SignInEventQuery(String from, String to, String result, String cause, String method, String channel,
        @BindParam("user_id") String userId, @BindParam("attempted_name") String attemptedName,
        @BindParam("source_ip") String sourceIp, String limit, String marker, String format) {

    Where where(String domainId) {
        return LogFilters.window(from, to).equal("domain_id", domainId)
                .equal("result", LogFilters.result(result))
                .equal("cause", LogFilters.text("cause", cause))
                .equal("method", LogFilters.text("method", method))
                .equal("channel", LogFilters.text("channel", channel))
                .equal("user_id", LogFilters.text("user_id", userId))
                .equal("attempted_name", LogFilters.text("attempted_name", attemptedName))
                .equal("source_ip", LogFilters.text("source_ip", sourceIp));
    }

    /** The user's own events; a {@code user_id} parameter naming someone else then matches nothing. */
    Where where(String domainId, String ownerId) {
        return where(domainId).equal("user_id", ownerId);
    }

    int pageSize() {
        return LogFilters.limit(LogFilters.integer("limit", limit));
    }

    Cursor after() {
        return Cursor.decode(marker);
    }
}
