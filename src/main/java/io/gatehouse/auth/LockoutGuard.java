package io.gatehouse.auth;

import io.gatehouse.common.db.ReadsTogether;
import io.gatehouse.common.error.IamError;
import io.gatehouse.security.LockoutService;
import org.springframework.stereotype.Component;

/**
 * Sign-in lockout ({@link LockoutService}) in the sign-in flow. A locked user gets 401 IAM.0061 and
 * nothing more, whatever the password. Failures of unknown users are not counted, so they keep
 * looking like wrong passwords.
 */
@Component
class LockoutGuard implements SignInGuard {

    /** The cause of a sign-in refused because the user is locked (the lock itself is recorded as {@code locked}). */
    static final String CAUSE_REFUSED_LOCKED = "account_locked";

    private final LockoutService lockouts;

    LockoutGuard(LockoutService lockouts) {
        this.lockouts = lockouts;
    }

    @Override
    public void prefetch(SignInAttempt attempt, ReadsTogether.Batch batch) {
        attempt.preload(LockoutService.SignInState.class, lockouts.signInState(attempt.user().id(), batch));
    }

    @Override
    public void beforePassword(SignInAttempt attempt) {
        if (attempt.knownUser() && state(attempt).locked()) {
            throw locked();
        }
    }

    @Override
    public void onPasswordFailure(SignInAttempt attempt) {
        if (!attempt.knownUser()) {
            return;
        }
        LockoutService.Failure failure = lockouts.recordFailure(attempt.user().domainId(), attempt.user().id(),
                attempt.user().name(), attempt.channel(), attempt.client());
        // A failure that came in while another locked the user: it is not counted, and the user is locked.
        if (failure == LockoutService.Failure.ALREADY_LOCKED) {
            throw locked();
        }
    }

    /**
     * Forgives the failures counted so far. Skipped when the state read before the password showed none: a
     * failure counted by a concurrent attempt in between then stays counted, which errs on the safe side.
     */
    @Override
    public void onSuccess(SignInAttempt attempt) {
        if (state(attempt).somethingToForgive()) {
            lockouts.recordSuccess(attempt.user().id());
        }
    }

    private LockoutService.SignInState state(SignInAttempt attempt) {
        return attempt.lookup(LockoutService.SignInState.class, () -> lockouts.signInState(attempt.user().id()));
    }

    private static SignInRefusal locked() {
        return new SignInRefusal(CAUSE_REFUSED_LOCKED, IamError.ACCOUNT_LOCKED.exception());
    }
}
