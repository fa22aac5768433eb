package io.gatehouse.auth;

import io.gatehouse.common.error.ApiException;

/** A guard's refusal: the error the client gets, and the cause the sign-in event records. */
public class SignInRefusal extends RuntimeException {

    private final String cause;
    private final ApiException answer;

    public SignInRefusal(String cause, ApiException answer) {
        super(cause, null, false, false);
        this.cause = cause;
        this.answer = answer;
    }

    public String cause() {
        return cause;
    }

    public ApiException answer() {
        return answer;
    }
}
