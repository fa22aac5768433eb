package io.gatehouse.mfa;

import io.gatehouse.auth.SignInAttempt;
import java.util.Optional;

/**
 * The signing-in user's login protection, read once per attempt: the virtual MFA guard and the
 * verification-code guard both need it.
 */
record LoginProtectSetting(Optional<LoginProtect> value) {

    static Optional<LoginProtect> of(SignInAttempt attempt, LoginProtectService service) {
        return attempt.lookup(LoginProtectSetting.class,
                () -> new LoginProtectSetting(service.settingOf(attempt.user().domainId(), attempt.user().id())))
                .value();
    }
}
