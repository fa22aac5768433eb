package io.gatehouse.common.error;

import org.springframework.http.HttpStatus;

/** A refusal with a Huawei error code; mapped to the response in one place, {@link ApiExceptionHandler}. */
public class ApiException extends RuntimeException {

    private final IamError error;

    public ApiException(IamError error, String message) {
        super(message, null, false, false);
        this.error = error;
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
}
