package io.gatehouse.auth;

import io.gatehouse.common.error.ApiException;

/** A guard's refusal: the error the client gets, and the cause the sign-in event records. */
public class SignInRefusal extends RuntimeException {

    private final String cause;
    private final ApiException answer;
    private final boolean failedFactor;

    public SignInRefusal(String cause, ApiException answer) {
        this(cause, answer, false);
    }

    private SignInRefusal(String cause, ApiException answer, boolean failedFactor) {
        super(cause, null, false, false);
        this.cause = cause;
        this.answer = answer;
        this.failedFactor = failedFactor;
    }

    /**
     * A second factor that was sent and is wrong (not one that is missing): it counts as a failed
     * attempt, like a wrong password, so that lockout also stops guessing of codes.
     */
    public static SignInRefusal failedSecondFactor(String cause, ApiException answer) {
        return new SignInRefusal(cause, answer, true);
    }

    public boolean failedFactor() {
        return failedFactor;
    }

    public String cause() {
        return cause;
    }

    public ApiException answer() {
        return answer;
    }
}
