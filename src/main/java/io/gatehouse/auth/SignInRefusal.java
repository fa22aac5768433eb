package io.gatehouse.auth;

import io.gatehouse.common.error.ApiException;

/**
 * A guard's refusal: the error the client gets, the cause the sign-in event records, and the method
 * it records ({@code password+email}, say; null means the methods the request named).
 */
public class SignInRefusal extends RuntimeException {

    private final String cause;
    private final String method;
    private final ApiException answer;
    private final boolean failedFactor;

    public SignInRefusal(String cause, ApiException answer) {
        this(cause, null, answer, false);
    }

    public SignInRefusal(String cause, String method, ApiException answer) {
        this(cause, method, answer, false);
    }

    private SignInRefusal(String cause, String method, ApiException answer, boolean failedFactor) {
        super(cause, null, false, false);
        this.cause = cause;
        this.method = method;
        this.answer = answer;
        this.failedFactor = failedFactor;
    }

    /**
     * A second factor that was sent and is wrong (not one that is missing): it counts as a failed
     * attempt, like a wrong password, so that lockout also stops the guessing of codes.
     */
    public static SignInRefusal failedSecondFactor(String cause, ApiException answer) {
        return new SignInRefusal(cause, null, answer, true);
    }

    public static SignInRefusal failedSecondFactor(String cause, String method, ApiException answer) {
        return new SignInRefusal(cause, method, answer, true);
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

    public boolean failedFactor() {
        return failedFactor;
    }
}
