package io.gatehouse.mfa;

import io.gatehouse.auth.SignInAttempt;
import io.gatehouse.auth.SignInGuard;
import io.gatehouse.auth.SignInRefusal;
import io.gatehouse.auth.SignInRequest.SecondFactor;
import io.gatehouse.common.db.ReadsTogether;
import io.gatehouse.common.error.IamError;
import io.gatehouse.user.User;
import org.springframework.stereotype.Component;

/**
 * The virtual MFA step of a password sign-in, once the password is known to be right. A user whose
 * login protection is enabled with vmfa must send a TOTP passcode ({@code methods
 * ["password","totp"]}); anyone else may, and a passcode that is sent is always checked. A passcode
 * is accepted once: the refusals are recorded as sign-in events with the cause {@code mfa_required}
 * or {@code mfa_failed}.
 */
@Component
class VirtualMfaSignInGuard implements SignInGuard {

    static final String MFA_REQUIRED = "mfa_required";
    static final String MFA_FAILED = "mfa_failed";

    private final LoginProtectService loginProtect;
    private final VirtualMfaService devices;

    VirtualMfaSignInGuard(LoginProtectService loginProtect, VirtualMfaService devices) {
        this.loginProtect = loginProtect;
        this.devices = devices;
    }

    @Override
    public void prefetch(SignInAttempt attempt, ReadsTogether.Batch batch) {
        LoginProtectSetting.prefetch(attempt, loginProtect, batch);
    }

    @Override
    public void afterPassword(SignInAttempt attempt) {
        User user = attempt.user();
        SecondFactor factor = attempt.request().secondFactor();
        boolean totp = factor != null && SecondFactor.TOTP.equals(factor.method());
        boolean required = LoginProtectSetting.of(attempt, loginProtect)
                .filter(p -> p.enabled() && p.method() == VerificationMethod.VMFA).isPresent();
        if (required && !totp) {
            throw new SignInRefusal(MFA_REQUIRED, IamError.VIRTUAL_MFA_REQUIRED.exception());
        }
        if (totp && !devices.acceptCode(user.id(), factor.passcode())) {
            throw SignInRefusal.failedSecondFactor(MFA_FAILED, IamError.VIRTUAL_MFA_REJECTED.exception());
        }
    }
}
