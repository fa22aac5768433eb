package io.gatehouse.mfa;

import io.gatehouse.auth.SignInAttempt;
import io.gatehouse.auth.SignInGuard;
import io.gatehouse.auth.SignInRequest.SecondFactor;
import io.gatehouse.common.db.ReadsTogether;
import io.gatehouse.user.User;
import org.springframework.stereotype.Component;

/**
 * Enforces login protection by email and SMS on {@code POST /v3/auth/tokens}, after the password was
 * found right (docs/second-factor.md):
 * <ul>
 * <li>A request that carries a {@code verification_code} has it checked, whatever the user's setting:
 * a right code lets the sign-in go on, anything else refuses it.</li>
 * <li>Otherwise, a user whose login protection is enabled with {@code email} or {@code sms} is sent a
 * new code, and the request is refused with 401 and the verification id to send it back with.</li>
 * <li>Users without such protection are not affected. Virtual MFA ({@code vmfa}) is another guard's.</li>
 * </ul>
 */
@Component
class VerificationCodeGuard implements SignInGuard {

    private final LoginProtectService protection;
    private final VerificationCodeService codes;

    VerificationCodeGuard(LoginProtectService protection, VerificationCodeService codes) {
        this.protection = protection;
        this.codes = codes;
    }

    @Override
    public void prefetch(SignInAttempt attempt, ReadsTogether.Batch batch) {
        LoginProtectSetting.prefetch(attempt, protection, batch);
    }

    @Override
    public void afterPassword(SignInAttempt attempt) {
        User user = attempt.user();
        VerificationMethod channel = codeChannel(attempt);
        SecondFactor factor = attempt.request().secondFactor();
        if (isVerificationCode(factor)) {
            codes.verify(user, factor.verificationId(), factor.passcode(), channel).ifPresent(refusal -> {
                throw refusal;
            });
            return;
        }
        if (channel != null) {
            throw codes.challenge(user, channel, attempt.client());
        }
    }

    @Override
    public String signInMethod(SignInAttempt attempt) {
        SecondFactor factor = attempt.request().secondFactor();
        return isVerificationCode(factor) ? codes.methodOf(attempt.user(), factor.verificationId()) : null;
    }

    /** {@code email} or {@code sms} when the user's login protection is on with one of them; null otherwise. */
    private VerificationMethod codeChannel(SignInAttempt attempt) {
        return LoginProtectSetting.of(attempt, protection)
                .filter(LoginProtect::enabled)
                .map(LoginProtect::method)
                .filter(m -> m == VerificationMethod.EMAIL || m == VerificationMethod.SMS)
                .orElse(null);
    }

    private static boolean isVerificationCode(SecondFactor factor) {
        return factor != null && SecondFactor.VERIFICATION_CODE.equals(factor.method());
    }
}
