package io.gatehouse.auth;

import io.gatehouse.common.db.ReadsTogether;

/**
 * A rule of the sign-in flow that lives in another feature: the source-address ACL, lockout after
 * failures, a second factor. Each hook may refuse by throwing {@link SignInRefusal}; the flow records
 * the refusal as a sign-in event with its cause and answers with the refusal's error.
 */
public interface SignInGuard {

    /**
     * For a known user, before any other hook: adds the reads this guard's hooks will need to
     * {@code batch} and {@link SignInAttempt#preload preloads} their results, so that all guards' reads
     * share one round trip.
     */
    default void prefetch(SignInAttempt attempt, ReadsTogether.Batch batch) {
    }

    /** Before the password is checked: refusals that do not depend on it (ACL, a locked account). */
    default void beforePassword(SignInAttempt attempt) {
    }

    /** The password was wrong, no such user exists, or a second factor that was sent was wrong. */
    default void onPasswordFailure(SignInAttempt attempt) {
    }

    /** The password was right and the user may sign in: a second factor is checked here. */
    default void afterPassword(SignInAttempt attempt) {
    }

    /** The sign-in succeeded and a token is being issued. */
    default void onSuccess(SignInAttempt attempt) {
    }

    /**
     * The method a successful sign-in's event records, such as {@code password+email}, when this guard
     * checked the second factor of {@code attempt}; null when it did not.
     */
    default String signInMethod(SignInAttempt attempt) {
        return null;
    }
}
