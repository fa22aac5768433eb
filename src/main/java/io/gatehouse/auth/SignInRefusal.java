package io.gatehouse.auth;

import io.gatehouse.common.error.ApiException;

/**
 * A guard's refusal: the error the client gets, and the cause (and, for a second factor, the method,
 * such as {@code password+sms}) that the sign-in event records.
 */
public class SignInRefusal extends RuntimeException {

    private final String cause;
    private final String method;
    private final ApiException answer;

    public SignInRefusal(String cause, ApiException answer) {
        this(cause, null, answer);
    }

    /** {@code method} is what the sign-in event records; null means plain {@code password}. */
    public SignInRefusal(String cause, String method, ApiException answer) {
        super(cause, null, false, false);
        this.cause = cause;
        this.method = method;
        this.answer = answer;
    }

    public String cause() {
        return cause;
    }

    public String method() {
        return method;
    }

    public ApiException answer() {
        return answer;
    }
}
