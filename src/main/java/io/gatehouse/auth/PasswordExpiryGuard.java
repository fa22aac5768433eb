package io.gatehouse.auth;

import io.gatehouse.common.error.IamError;
import io.gatehouse.common.time.WireTime;
import java.time.Clock;
import org.springframework.stereotype.Component;

/**
 * Refuses a sign-in with a password past the validity period of the account's password policy:
 * 401 {@code IAM.0001} with a message that says the password expired and how to replace it, and a
 * sign-in event with cause {@code password_expired}. The expiry was fixed when the password was set
 * (or when the policy's period changed), so this reads nothing.
 */
@Component
class PasswordExpiryGuard implements SignInGuard {

    static final String CAUSE = "password_expired";

    private final Clock clock;

    PasswordExpiryGuard(Clock clock) {
        this.clock = clock;
    }

    @Override
    public void afterPassword(SignInAttempt attempt) {
        if (attempt.user().passwordExpired(WireTime.truncate(clock.instant()))) {
            throw new SignInRefusal(CAUSE, IamError.PASSWORD_EXPIRED.exception(attempt.user().id()));
        }
    }
}
