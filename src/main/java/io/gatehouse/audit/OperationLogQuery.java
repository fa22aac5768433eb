package io.gatehouse.audit;

import java.util.List;
import java.util.Map;
import org.springframework.web.bind.annotation.BindParam;

/**
 * The query parameters of the operation-log endpoints. All are optional; each given one narrows the
 * result. Everything arrives as text and is checked by {@link LogFilters}, so a bad value is a 400.
 */
record OperationLogQuery(String from, String to, String operation, @BindParam("resource_type") String resourceType,
        String result, @BindParam("actor_id") String actorId, @BindParam("resource_id") String resourceId,
        String limit, String marker, String format) {

    /** The account's records that match. */
    Where where(String domainId) {
        return LogFilters.window(from, to).equal("domain_id", domainId)
                .equal("operation", LogFilters.text("operation", operation))
                .equal("resource_type", LogFilters.text("resource_type", resourceType))
                .equal("result", LogFilters.result(result))
                .equal("actor_id", LogFilters.text("actor_id", actorId))
                .equal("resource_id", LogFilters.text("resource_id", resourceId));
    }

    /** The user's records: those it made, and those made on it (the user is the resource). */
    Where where(String domainId, String userId) {
        return where(domainId).anyOf(List.of("actor_id = :involved", "resource_id = :involved"),
                Map.of("involved", userId));
    }

    int pageSize() {
        return LogFilters.limit(LogFilters.integer("limit", limit));
    }

    Cursor after() {
        return Cursor.decode(marker);
    }
}
