package io.gatehouse.common.error;

import org.springframework.http.HttpStatus;

/**
 * The Huawei IAM error codes Gatehouse answers with, each with its documented status and message.
 * Messages that take a detail use {@code %s}; see {@link #exception(Object...)}.
 */
public enum IamError {
    MANDATORY_PARAMETER_MISSING(HttpStatus.BAD_REQUEST, "1100", "Mandatory parameters are not specified."),
    INVALID_USERNAME(HttpStatus.BAD_REQUEST, "1101", "Invalid username."),
    INVALID_EMAIL(HttpStatus.BAD_REQUEST, "1102", "Invalid email address."),
    INCORRECT_PASSWORD(HttpStatus.BAD_REQUEST, "1103", "Incorrect password."),
    INVALID_MOBILE(HttpStatus.BAD_REQUEST, "1104", "Invalid mobile number."),
    AREACODE_AND_PHONE_TOGETHER(HttpStatus.BAD_REQUEST, "1106",
            "The country code and mobile number must be set at the same time."),
    OWNER_CANNOT_BE_DELETED(HttpStatus.BAD_REQUEST, "1107", "The account administrator cannot be deleted."),
    PASSWORD_SAME_AS_OLD(HttpStatus.BAD_REQUEST, "1108", "The new password must be different from the old password."),
    USERNAME_EXISTS(HttpStatus.BAD_REQUEST, "1109", "The username already exists."),
    EMAIL_EXISTS(HttpStatus.BAD_REQUEST, "1110", "The email address has already been used."),
    MOBILE_EXISTS(HttpStatus.BAD_REQUEST, "1111", "The mobile number has already been used."),
    XUSER_EXISTS(HttpStatus.BAD_REQUEST, "1113", "The values of xuser_id and xuser_type already exist."),
    INVALID_DESCRIPTION(HttpStatus.BAD_REQUEST, "1117", "Invalid user description."),
    WEAK_PASSWORD(HttpStatus.BAD_REQUEST, "1118", "The password is weak: %s"),
    INVALID_ACCESS_MODE(HttpStatus.BAD_REQUEST, "1120", "Invalid access_mode."),
    INVALID_TOTP_PASSCODE(HttpStatus.BAD_REQUEST, "IAM.1061", "Invalid TOTP passcode."),
    MFA_BOUND_TO_LOGIN_PROTECTION(HttpStatus.BAD_REQUEST, "IAM.1062",
            "Login protection has been bound to mfa, the unbinding operation cannot be performed."),
    INVALID_PARAMETER(HttpStatus.BAD_REQUEST, "IAM.0007", "Request parameter %s is invalid."),
    INVALID_SUBJECT_TOKEN(HttpStatus.BAD_REQUEST, "IAM.0009", "X-Subject-Token is invalid in the request."),
    INVALID_BODY(HttpStatus.BAD_REQUEST, "IAM.0011", "Request body is invalid."),
    REQUIRED_PROPERTY(HttpStatus.BAD_REQUEST, "IAM.0072", "'%s' is a required property."),
    INVALID_FIELD(HttpStatus.BAD_REQUEST, "IAM.0073", "Invalid input for field '%s'. The value is '%s'."),
    BODY_TOO_LARGE(HttpStatus.CONTENT_TOO_LARGE, "IAM.1101", "The request body size %s is invalid."),
    AUTHENTICATION_REQUIRED(HttpStatus.UNAUTHORIZED, "IAM.0001", "The request you have made requires authentication."),
    /** One answer for an unknown user and a wrong password, so neither can be told apart. */
    WRONG_CREDENTIALS(HttpStatus.UNAUTHORIZED, "IAM.0001", "The username or password is wrong."),
    ACCOUNT_LOCKED(HttpStatus.UNAUTHORIZED, "IAM.0061", "Account locked."),
    TOKEN_EXPIRED(HttpStatus.UNAUTHORIZED, "IAM.0066", "The token has expired."),
    INVALID_TOKEN(HttpStatus.UNAUTHORIZED, "IAM.0067", "Invalid token."),
    NOT_AUTHORIZED(HttpStatus.FORBIDDEN, "IAM.0002", "You are not authorized to perform the requested action."),
    POLICY_DENIED(HttpStatus.FORBIDDEN, "IAM.0003", "Policy doesn't allow %s to be performed."),
    CONSOLE_ONLY_USER(HttpStatus.FORBIDDEN, "IAM.0081",
            "This user only supports console access, not programmatic access."),
    USER_DISABLED(HttpStatus.FORBIDDEN, "IAM.0082", "The user %s is disabled."),
    NOT_FOUND(HttpStatus.NOT_FOUND, "IAM.0004", "Could not find %s: %s."),
    CONFLICT(HttpStatus.CONFLICT, "IAM.0005", "Conflict occurred when attempting to store %s - %s."),
    METHOD_NOT_ALLOWED(HttpStatus.METHOD_NOT_ALLOWED, "IAM.0007", "Request method %s is not allowed."),
    UNSUPPORTED_MEDIA_TYPE(HttpStatus.UNSUPPORTED_MEDIA_TYPE, "IAM.0011", "Content type %s is not supported."),
    THROTTLED(HttpStatus.TOO_MANY_REQUESTS, "IAM.0012", "The throttling threshold has been reached. Threshold: %s"),
    INTERNAL(HttpStatus.INTERNAL_SERVER_ERROR, "IAM.0006",
            "An unexpected error prevented the server from fulfilling your request."),
    /** The account's minimum password age: Huawei documents no code, so the generic invalid-parameter one. */
    PASSWORD_TOO_RECENT(HttpStatus.BAD_REQUEST, "IAM.0007",
            "Request parameter password is invalid: the password was changed less than %s minutes ago and can be "
                    + "changed again from %s."),
    /**
     * Sign-in with a password past its validity period. Huawei documents no code for it; this is its
     * "authentication failed", with a message that says what happened and how to recover.
     */
    PASSWORD_EXPIRED(HttpStatus.UNAUTHORIZED, "IAM.0001",
            "The password has expired. Change it with POST /v3/users/%s/password (original_password and password); "
                    + "that request needs no token while the password is expired."),
    /** Sign-in: the user's login protection is vmfa and the request carries no TOTP passcode. */
    VIRTUAL_MFA_REQUIRED(HttpStatus.UNAUTHORIZED, "IAM.0001",
            "A second factor is required: this user's login protection uses a virtual MFA device. Send "
                    + "methods [\"password\",\"totp\"] with auth.identity.totp.user.passcode."),
    /** Sign-in: the TOTP passcode is wrong or already used, or the user has no bound virtual MFA device. */
    VIRTUAL_MFA_REJECTED(HttpStatus.UNAUTHORIZED, "IAM.0001",
            "The virtual MFA passcode is wrong or has already been used."),
    /** Login protection by email or SMS: the first sign-in step; the body also carries {@code verification}. */
    VERIFICATION_CODE_REQUIRED(HttpStatus.UNAUTHORIZED, "IAM.0001",
            "Login protection requires a second factor: a 6-digit verification code was sent by %s to %s. Sign in "
                    + "again within %s minutes with methods [\"password\", \"verification_code\"] and "
                    + "\"verification_code\": {\"id\": \"<verification.id>\", \"code\": \"<the code>\"}."),
    VERIFICATION_CODE_NO_DESTINATION(HttpStatus.UNAUTHORIZED, "IAM.0001",
            "Login protection requires a verification code by %s, but the user has no %s. An administrator must "
                    + "add one or change the user's login protection."),
    VERIFICATION_CODE_WRONG(HttpStatus.UNAUTHORIZED, "IAM.0001", "The verification code is wrong. %s"),
    VERIFICATION_CODE_EXPIRED(HttpStatus.UNAUTHORIZED, "IAM.0001",
            "The verification code has expired. Sign in with the password alone to get a new one."),
    VERIFICATION_CODE_USED(HttpStatus.UNAUTHORIZED, "IAM.0001",
            "The verification code has already been used. Sign in with the password alone to get a new one."),
    VERIFICATION_CODE_TRIES_EXCEEDED(HttpStatus.UNAUTHORIZED, "IAM.0001",
            "The verification code was entered wrongly too many times and no longer works. Sign in with the "
                    + "password alone to get a new one."),
    VERIFICATION_CODE_UNKNOWN(HttpStatus.UNAUTHORIZED, "IAM.0001",
            "No verification code with this id was sent to this user. Sign in with the password alone to get one."),
    VERIFICATION_CODE_RESEND_LIMIT(HttpStatus.TOO_MANY_REQUESTS, "IAM.0012",
            "Too many verification codes were requested for this user: %s"),
    VERIFICATION_CODE_DELIVERY_FAILED(HttpStatus.SERVICE_UNAVAILABLE, "IAM.0006",
            "The verification code could not be sent by %s. Try again later; if this persists, tell the administrator."),
    /** Operation protection: a sensitive action without a fresh second-factor verification of the caller's token. */
    OPERATION_VERIFICATION_REQUIRED(HttpStatus.FORBIDDEN, "IAM.0002",
            "Operation protection is on for this account: %s needs a second-factor verification made with this "
                    + "token within the last 15 minutes. Verify with POST /gatehouse/v1/operation-verifications "
                    + "(a virtual MFA code, or a code sent by email or SMS), then repeat this request."),
    /** Operation protection: the caller has no bound virtual MFA device, email address or mobile number. */
    OPERATION_VERIFICATION_UNAVAILABLE(HttpStatus.FORBIDDEN, "IAM.0002",
            "No second factor is available to verify your operations: you have no bound virtual MFA device, "
                    + "email address or mobile number. Bind a virtual MFA device, or ask an administrator to add "
                    + "an email address or mobile number to your user."),
    /** Operation protection: a code sent to the verification endpoint was not accepted. */
    OPERATION_VERIFICATION_FAILED(HttpStatus.BAD_REQUEST, "IAM.0007", "The operation could not be verified: %s"),
    /** Sign-in: an adaptive response of the account's risk rules refused it (the password was right). */
    SIGN_IN_RISK_DENIED(HttpStatus.FORBIDDEN, "IAM.0002",
            "The sign-in was refused by the account's risk rule '%s': %s. Sign in from where you usually do, or "
                    + "ask an administrator.");

    private final HttpStatus status;
    private final String code;
    private final String template;

    IamError(HttpStatus status, String code, String template) {
        this.status = status;
        this.code = code;
        this.template = template;
    }

    public HttpStatus status() {
        return status;
    }

    public String code() {
        return code;
    }

    public ApiException exception(Object... details) {
        String message = details.length == 0 ? template.replace(": %s", "").replace("%s", "") : String.format(template, details);
        return new ApiException(this, message);
    }
}
