package io.gatehouse.common.error;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import org.springframework.http.HttpStatus;

/**
 * A refusal with a Huawei error code; mapped to the response in one place, {@link ApiExceptionHandler}.
 * A refusal may carry extra top-level members for the error body (such as the {@code verification}
 * of a sign-in that needs a second factor); most carry none.
 */
public class ApiException extends RuntimeException {

    private final IamError error;
    private final Map<String, Object> extra;

    public ApiException(IamError error, String message) {
        this(error, message, Map.of());
    }

    /** {@code extra} members are added to the error body; they never replace its standard members. */
    public ApiException(IamError error, String message, Map<String, Object> extra) {
        super(message, null, false, false);
        this.error = error;
        this.extra = Collections.unmodifiableMap(new LinkedHashMap<>(extra));
    }

    public IamError error() {
        return error;
    }

    public HttpStatus status() {
        return error.status();
    }

    public String code() {
        return error.code();
    }

    /** Extra members of the error body; empty for most refusals. */
    public Map<String, Object> extra() {
        return extra;
    }
}
