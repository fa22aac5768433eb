package io.gatehouse.audit;

import io.gatehouse.common.error.ApiException;
import io.gatehouse.common.error.RefusalRecorder;
import io.gatehouse.common.web.Caller;
import io.gatehouse.common.web.RequestContext;
import io.gatehouse.common.web.RequiresAction;
import jakarta.servlet.http.HttpServletRequest;
import java.util.Map;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;
import org.springframework.web.servlet.HandlerMapping;

/** Writes refused writes to the operation log, with the refusal's error code. */
@Component
class RefusedWriteRecorder implements RefusalRecorder {

    private static final Logger log = LoggerFactory.getLogger(RefusedWriteRecorder.class);
    private static final Set<String> READS = Set.of("GET", "HEAD", "OPTIONS");

    private final OperationLog operations;

    RefusedWriteRecorder(OperationLog operations) {
        this.operations = operations;
    }

    @Override
    public void recordIfWrite(HttpServletRequest request, ApiException refusal) {
        RequiresAction action = RequestContext.action(request);
        if (action == null || READS.contains(request.getMethod())) {
            return;
        }
        Caller caller = RequestContext.caller(request);
        if (caller == null) {
            // No authenticated caller, no account: such refusals are not operations of anyone, and recording
            // them would let anyone fill the log. Failed sign-ins are sign-in events instead.
            return;
        }
        try {
            operations.refused(caller, RequestContext.client(request), caller.domainId(),
                    action.value(), action.resource(), resourceId(request), refusal.code());
        } catch (RuntimeException e) {
            // The refusal itself must still reach the client.
            log.error("Could not record a refused {}", action.value(), e);
        }
    }

    /** The value of the path's first variable (in the order of the path: the map's order is not). */
    @SuppressWarnings("unchecked")
    private static String resourceId(HttpServletRequest request) {
        Object vars = request.getAttribute(HandlerMapping.URI_TEMPLATE_VARIABLES_ATTRIBUTE);
        Object pattern = request.getAttribute(HandlerMapping.BEST_MATCHING_PATTERN_ATTRIBUTE);
        if (!(vars instanceof Map<?, ?> map) || map.isEmpty()) {
            return null;
        }
        Object value = null;
        String path = pattern == null ? "" : pattern.toString();
        int open = path.indexOf('{');
        int close = path.indexOf('}', open + 1);
        if (open >= 0 && close > open) {
            value = ((Map<String, Object>) map).get(path.substring(open + 1, close));
        }
        if (value == null) {
            value = map.values().iterator().next();
        }
        String id = String.valueOf(value);
        return id.length() > 128 ? id.substring(0, 128) : id;
    }
}
