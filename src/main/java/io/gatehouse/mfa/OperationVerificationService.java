package io.gatehouse.mfa;

import io.gatehouse.audit.SignInEvents;
import io.gatehouse.common.error.ApiException;
import io.gatehouse.common.error.IamError;
import io.gatehouse.common.web.Caller;
import io.gatehouse.security.LockoutService;
import io.gatehouse.security.OperationProtectionService;
import io.gatehouse.user.User;
import io.gatehouse.user.UserService;
import org.springframework.stereotype.Service;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * The second-factor verification that operation protection asks for before sensitive operations
 * ({@link OperationProtectionService}). The caller proves the factor it has: the current code of its
 * bound virtual MFA device; without one, a code sent by email or SMS (a first request sends it, a second
 * one brings it back with its verification id); without any, the answer is 403. The codes go through
 * the same services as at sign-in, with the same rules: a TOTP code is used once, a sent code has its
 * lifetime and its tries, and a wrong code counts towards the user's lockout like a wrong password.
 * Every attempt is recorded as an event of channel {@code operation}, with its cause.
 */
@Service
class OperationVerificationService {

    static final String TOTP = "totp";
    static final String NONE = "none";
    static final String MFA_REQUIRED = "mfa_required";
    static final String MFA_FAILED = "mfa_failed";
    static final String NO_SECOND_FACTOR = "no_second_factor";
    static final String ACCOUNT_LOCKED = "account_locked";
    private static final String NEW_CODE = "send {\"operation_verification\": {}} to get a new code";

    private final UserService users;
    private final VirtualMfaService devices;
    private final VerificationCodeService codes;
    private final LoginProtectService loginProtect;
    private final LockoutService lockouts;
    private final OperationProtectionService protection;
    private final SignInEvents events;
    private final TransactionTemplate tx;

    OperationVerificationService(UserService users, VirtualMfaService devices, VerificationCodeService codes,
            LoginProtectService loginProtect, LockoutService lockouts, OperationProtectionService protection,
            SignInEvents events, PlatformTransactionManager transactions) {
        this.users = users;
        this.devices = devices;
        this.codes = codes;
        this.loginProtect = loginProtect;
        this.lockouts = lockouts;
        this.protection = protection;
        this.events = events;
        this.tx = new TransactionTemplate(transactions);
    }

    /** What the caller sent: a TOTP {@code passcode}, or a sent code with its {@code verificationId}, or neither. */
    record Proof(String passcode, String verificationId, String code) {

        static final Proof EMPTY = new Proof(null, null, null);

        @Override
        public String toString() {
            return "Proof[verificationId=" + verificationId + "]";
        }
    }

    /** The answer: the verification is recorded, or a code is on its way. */
    sealed interface Outcome permits Verified, CodeSent {
    }

    record Verified(OperationProtectionService.Verification verification) implements Outcome {
    }

    record CodeSent(VerificationCodeService.Sent sent) implements Outcome {
    }

    Outcome verify(Caller caller, Proof proof) {
        User user = users.get(caller, caller.userId());
        boolean hasDevice = devices.hasBoundDevice(user.id());
        VerificationMethod channel = hasDevice ? null : codeChannel(user);
        if (!hasDevice && channel == null) {
            refuse(caller, user, NONE, NO_SECOND_FACTOR);
            throw IamError.OPERATION_VERIFICATION_UNAVAILABLE.exception();
        }
        String method = hasDevice ? TOTP : channel.wire();
        if (lockouts.isLocked(user.id())) {
            refuse(caller, user, method, ACCOUNT_LOCKED);
            throw locked();
        }
        return hasDevice ? byTotp(caller, user, proof) : byCode(caller, user, channel, proof);
    }

    private Outcome byTotp(Caller caller, User user, Proof proof) {
        if (proof.verificationId() != null || proof.code() != null) {
            throw new ApiException(IamError.INVALID_PARAMETER, "Request parameter operation_verification is invalid: "
                    + "you have a bound virtual MFA device, so send its current code as passcode.");
        }
        if (proof.passcode() == null) {
            refuse(caller, user, TOTP, MFA_REQUIRED);
            throw new ApiException(IamError.REQUIRED_PROPERTY, "'operation_verification.passcode' is a required "
                    + "property: you have a bound virtual MFA device, so send its current code.");
        }
        if (!devices.acceptCode(user.id(), proof.passcode())) {
            failedFactor(caller, user, TOTP, MFA_FAILED);
            throw new ApiException(IamError.INVALID_TOTP_PASSCODE,
                    "Invalid TOTP passcode: it is wrong or has already been used.");
        }
        return new Verified(verified(caller, user, TOTP));
    }

    private Outcome byCode(Caller caller, User user, VerificationMethod channel, Proof proof) {
        if (proof.passcode() != null) {
            throw new ApiException(IamError.INVALID_PARAMETER, "Request parameter operation_verification.passcode is "
                    + "invalid: you have no bound virtual MFA device; send {\"operation_verification\": {}} to get "
                    + "a code by " + (channel == VerificationMethod.EMAIL ? "email" : "SMS") + ".");
        }
        if (proof.verificationId() == null && proof.code() == null) {
            return send(caller, user, channel);
        }
        if (proof.verificationId() == null) {
            throw IamError.REQUIRED_PROPERTY.exception("operation_verification.verification_id");
        }
        if (proof.code() == null) {
            throw IamError.REQUIRED_PROPERTY.exception("operation_verification.code");
        }
        VerificationCodeMessage.Purpose purpose = VerificationCodeMessage.Purpose.OPERATION;
        VerificationCodeService.Check check = codes.check(user, proof.verificationId(), proof.code(), purpose);
        if (check.accepted()) {
            String used = codes.channelOf(user, proof.verificationId(), purpose);
            return new Verified(verified(caller, user, used == null ? channel.wire() : used));
        }
        String method = check.channel() == null ? channel.wire() : check.channel();
        if (check.failedFactor()) {
            failedFactor(caller, user, method, check.cause());
        } else {
            refuse(caller, user, method, check.cause());
        }
        throw IamError.OPERATION_VERIFICATION_FAILED.exception(switch (check.cause()) {
            case "code_unknown" -> "no verification code with this id was sent to you for an operation; " + NEW_CODE
                    + ".";
            case "code_wrong" -> check.triesLeft() == 0
                    ? "the verification code is wrong, and that was the last try: " + NEW_CODE + "."
                    : "the verification code is wrong. " + VerificationCodeService.triesLeft(check.triesLeft());
            case "code_used" -> "the verification code has already been used; " + NEW_CODE + ".";
            case "code_tries_exceeded" -> "the verification code was entered wrongly too many times and no longer "
                    + "works; " + NEW_CODE + ".";
            default -> "the verification code has expired; " + NEW_CODE + ".";
        });
    }

    private Outcome send(Caller caller, User user, VerificationMethod channel) {
        VerificationCodeService.Sending sending = codes.send(user, channel, caller.client(),
                VerificationCodeMessage.Purpose.OPERATION);
        refuse(caller, user, channel.wire(), sending.cause());
        if (sending.sent() != null) {
            return new CodeSent(sending.sent());
        }
        if ("code_no_destination".equals(sending.cause())) {
            // The address or number went away since it was looked at.
            throw IamError.OPERATION_VERIFICATION_UNAVAILABLE.exception();
        }
        throw sending.refusal();
    }

    /** The verification, its operation-log entry and its event, in one transaction. */
    private OperationProtectionService.Verification verified(Caller caller, User user, String method) {
        return tx.execute(status -> {
            OperationProtectionService.Verification v = protection.record(caller, method);
            events.record(new SignInEvents.Attempt(user.domainId(), user.id(), user.name(),
                    SignInEvents.CHANNEL_OPERATION, method, true, null, caller.client()));
            return v;
        });
    }

    /** A wrong code: counted towards lockout like a wrong password, then recorded. */
    private void failedFactor(Caller caller, User user, String method, String cause) {
        LockoutService.Failure failure = lockouts.recordFailure(user.domainId(), user.id(), user.name(),
                SignInEvents.CHANNEL_OPERATION, caller.client());
        if (failure == LockoutService.Failure.ALREADY_LOCKED) {
            refuse(caller, user, method, ACCOUNT_LOCKED);
            throw locked();
        }
        refuse(caller, user, method, cause);
    }

    /** An attempt that did not verify (or only sent a code), as an event of its own: it outlives the refusal. */
    private void refuse(Caller caller, User user, String method, String cause) {
        events.record(new SignInEvents.Attempt(user.domainId(), user.id(), user.name(), SignInEvents.CHANNEL_OPERATION,
                method, false, cause, caller.client()));
    }

    /** The channel of the user's codes ({@link VerificationCodeService#channelFor}); null for none. */
    private VerificationMethod codeChannel(User user) {
        return VerificationCodeService.channelFor(user, loginProtect.settingOf(user.domainId(), user.id()));
    }

    private static ApiException locked() {
        return new ApiException(IamError.ACCOUNT_LOCKED, "Account locked: too many wrong passwords or codes. "
                + "Operations cannot be verified until the lock ends or an administrator unlocks the user.");
    }
}
