package io.gatehouse.mfa;

import io.gatehouse.auth.SignInAttempt;
import io.gatehouse.common.db.ReadsTogether;
import java.util.Optional;
import java.util.function.Supplier;

/**
 * The signing-in user's login protection, read once per attempt: the virtual MFA guard and the
 * verification-code guard both need it.
 */
record LoginProtectSetting(Optional<LoginProtect> value) {

    /** Adds the read of the setting to {@code batch}, unless another guard did already. */
    static void prefetch(SignInAttempt attempt, LoginProtectService service, ReadsTogether.Batch batch) {
        if (!attempt.holds(LoginProtectSetting.class)) {
            Supplier<Optional<LoginProtect>> setting = service.settingOf(attempt.user().domainId(), attempt.user().id(),
                    batch);
            attempt.preload(LoginProtectSetting.class, () -> new LoginProtectSetting(setting.get()));
        }
    }

    static Optional<LoginProtect> of(SignInAttempt attempt, LoginProtectService service) {
        return attempt.lookup(LoginProtectSetting.class,
                () -> new LoginProtectSetting(service.settingOf(attempt.user().domainId(), attempt.user().id())))
                .value();
    }
}
