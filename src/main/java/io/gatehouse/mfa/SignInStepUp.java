package io.gatehouse.mfa;

import io.gatehouse.auth.SignInAttempt;
import io.gatehouse.auth.SignInRefusal;
import io.gatehouse.common.error.ApiException;
import io.gatehouse.common.error.IamError;
import io.gatehouse.user.User;
import org.springframework.stereotype.Component;

/**
 * A second factor that another feature's rule asks for at sign-in (an adaptive risk response), beyond
 * what login protection asks. A sign-in that carries a second factor passes: the virtual MFA and
 * verification-code guards check whatever factor a request carries. Otherwise the user is asked for the
 * factor it has, as operation protection does: its bound virtual MFA device's code; without one, a code
 * sent by email or SMS (the same two steps as login protection); without any, the sign-in is refused.
 */
@Component
public class SignInStepUp {

    /** The cause a sign-in event records when the step-up asks for a TOTP code. */
    public static final String CAUSE_REQUIRED = "mfa_required";
    /** The cause when the user has no second factor at all. */
    public static final String CAUSE_NONE = "no_second_factor";

    private final VirtualMfaService devices;
    private final VerificationCodeService codes;
    private final LoginProtectService loginProtect;

    SignInStepUp(VirtualMfaService devices, VerificationCodeService codes, LoginProtectService loginProtect) {
        this.devices = devices;
        this.codes = codes;
        this.loginProtect = loginProtect;
    }

    /** Passes when the attempt carries a second factor; otherwise throws the refusal that asks for one. */
    public void require(SignInAttempt attempt, String reason) {
        if (attempt.request().secondFactor() != null) {
            return;
        }
        User user = attempt.user();
        if (devices.hasBoundDevice(user.id())) {
            throw new SignInRefusal(CAUSE_REQUIRED, new ApiException(IamError.VIRTUAL_MFA_REQUIRED,
                    "A second factor is required: " + reason + ". Send methods [\"password\",\"totp\"] with "
                            + "auth.identity.totp.user.passcode, the code of your virtual MFA device."));
        }
        VerificationMethod channel = VerificationCodeService.channelFor(user, LoginProtectSetting.of(attempt, loginProtect));
        if (channel == null) {
            throw new SignInRefusal(CAUSE_NONE, new ApiException(IamError.NOT_AUTHORIZED,
                    "The sign-in was refused: " + reason + ", and you have no second factor (a virtual MFA device, "
                            + "an email address or a mobile number) to confirm it. Ask an administrator."));
        }
        throw codes.challenge(user, channel, attempt.client());
    }
}
