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
    // Custom policies (/v3.0/OS-ROLE/roles): the IAM.1000-IAM.1060 range, each detail in the message.
    ROLE_NOT_OBJECT(HttpStatus.BAD_REQUEST, "IAM.1000", "The role must be a JSONObject."),
    DISPLAY_NAME_BLANK(HttpStatus.BAD_REQUEST, "IAM.1001",
            "The display_name must be a string and cannot be left blank or contain spaces."),
    DISPLAY_NAME_TOO_LONG(HttpStatus.BAD_REQUEST, "IAM.1002", "The length %s of the display name exceeds 64 characters."),
    DISPLAY_NAME_INVALID(HttpStatus.BAD_REQUEST, "IAM.1003", "The display_name contains invalid characters."),
    ROLE_TYPE_BLANK(HttpStatus.BAD_REQUEST, "IAM.1004", "The type must be a string and cannot be left blank or contain spaces."),
    ROLE_TYPE_INVALID(HttpStatus.BAD_REQUEST, "IAM.1005", "Invalid type %s."),
    CUSTOM_POLICY_CATALOG(HttpStatus.BAD_REQUEST, "IAM.1006", "The custom policy does not need a catalog."),
    CUSTOM_POLICY_FLAG(HttpStatus.BAD_REQUEST, "IAM.1007", "The custom policy does not need a flag."),
    CUSTOM_POLICY_NAME(HttpStatus.BAD_REQUEST, "IAM.1008", "The custom policy does not need a name."),
    CUSTOM_POLICY_TYPE(HttpStatus.BAD_REQUEST, "IAM.1009", "The type of a custom policy must be 'AX' or 'XA'."),
    ROLE_DESCRIPTION_INVALID(HttpStatus.BAD_REQUEST, "IAM.1018", "Invalid description."),
    ROLE_DESCRIPTION_CN_INVALID(HttpStatus.BAD_REQUEST, "IAM.1019", "Invalid description_cn."),
    POLICY_NOT_OBJECT(HttpStatus.BAD_REQUEST, "IAM.1020", "The policy must be a JSONObject."),
    POLICY_TOO_LARGE(HttpStatus.BAD_REQUEST, "IAM.1021", "The size %s of the policy exceeds 6,144 characters."),
    POLICY_VERSION(HttpStatus.BAD_REQUEST, "IAM.1024", "The version of a fine-grained policy must be '1.1'."),
    POLICY_DEPENDS(HttpStatus.BAD_REQUEST, "IAM.1025", "Fine-grained policies do not need depends."),
    STATEMENT_NOT_ARRAY(HttpStatus.BAD_REQUEST, "IAM.1027", "The Statement/Rules must be a JSONArray."),
    STATEMENT_COUNT(HttpStatus.BAD_REQUEST, "IAM.1028",
            "The number of statements %s must be greater than 0 and less than or equal to 8."),
    EFFECT_INVALID(HttpStatus.BAD_REQUEST, "IAM.1029", "The value of Effect must be 'allow' or 'deny'."),
    ACTION_NOT_ARRAY(HttpStatus.BAD_REQUEST, "IAM.1030", "The Action or NotAction must be a JSONArray."),
    ACTION_AND_NOT_ACTION(HttpStatus.BAD_REQUEST, "IAM.1031",
            "The Action and NotAction cannot be set at the same time in a statement."),
    ACTION_COUNT(HttpStatus.BAD_REQUEST, "IAM.1033", "The number of actions %s exceeds 100."),
    ACTION_TOO_LONG(HttpStatus.BAD_REQUEST, "IAM.1034", "The length %s of an action URN exceeds 128 characters."),
    ACTION_INVALID_CHARACTERS(HttpStatus.BAD_REQUEST, "IAM.1035", "Action URN '%s' contains invalid characters."),
    ACTION_NOT_REGISTERED(HttpStatus.BAD_REQUEST, "IAM.1036", "Action '%s' has not been registered."),
    RESOURCE_COUNT(HttpStatus.BAD_REQUEST, "IAM.1037",
            "The number of resource URIs %s must be greater than 0 and less than or equal to 20."),
    RESOURCE_BLANK(HttpStatus.BAD_REQUEST, "IAM.1041", "The resource URI cannot be left blank or contain spaces."),
    RESOURCE_TOO_LONG(HttpStatus.BAD_REQUEST, "IAM.1042", "The length %s of a resource URI exceeds 1,500 characters."),
    RESOURCE_INVALID(HttpStatus.BAD_REQUEST, "IAM.1047", "Resource URI '%s' contains invalid characters."),
    RESOURCE_NOT_ARRAY(HttpStatus.BAD_REQUEST, "IAM.1049", "The Resource must be a JSON object or JSON array."),
    CONDITION_COUNT(HttpStatus.BAD_REQUEST, "IAM.1050",
            "The number of conditions %s must be greater than 0 and less than or equal to 10."),
    CONDITION_OPERATOR_EMPTY(HttpStatus.BAD_REQUEST, "IAM.1051", "The values of Operator '%s' cannot be null."),
    CONDITION_ATTRIBUTE_INVALID(HttpStatus.BAD_REQUEST, "IAM.1052", "Invalid attribute '%s'."),
    CONDITION_ATTRIBUTE_NOT_ARRAY(HttpStatus.BAD_REQUEST, "IAM.1053", "Attribute '%s' must be a JSONArray."),
    CONDITION_VALUE_COUNT(HttpStatus.BAD_REQUEST, "IAM.1054",
            "The number %s of attributes '%s' for operator '%s' must be greater than 0 and less than or equal to 10."),
    CONDITION_OPERATOR_MISMATCH(HttpStatus.BAD_REQUEST, "IAM.1055", "Attribute '%s' does not match operator '%s'."),
    CONDITION_VALUE_LENGTH(HttpStatus.BAD_REQUEST, "IAM.1056",
            "The length %s of attribute '%s' for operator '%s' must be greater than 0 and less than or equal to 1024 "
                    + "characters."),
    CONDITION_VALUE_INVALID(HttpStatus.BAD_REQUEST, "IAM.1057",
            "Value %s of attribute %s for operator %s contains invalid characters."),
    POLICY_KEY_INVALID(HttpStatus.BAD_REQUEST, "IAM.1059", "Invalid key '%s'."),
    POLICY_VALUE_NOT_STRING(HttpStatus.BAD_REQUEST, "IAM.1060", "The value of key '%s' must be a string."),
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
    /** AK/SK signature: the request names an access key that does not exist (APIG's answer for it). */
    ACCESS_KEY_UNKNOWN(HttpStatus.UNAUTHORIZED, "APIGW.0301",
            "Incorrect IAM authentication information: Get secretKey failed, ak:%s, err:ak not exist"),
    /** AK/SK signature: the signature does not verify (wrong secret, altered request). */
    SIGNATURE_MISMATCH(HttpStatus.UNAUTHORIZED, "APIGW.0301",
            "Incorrect IAM authentication information: verify aksk signature fail"),
    /** AK/SK signature: the Authorization header, X-Sdk-Date or X-Security-Token cannot be accepted. */
    SIGNATURE_REFUSED(HttpStatus.UNAUTHORIZED, "APIGW.0301", "Incorrect IAM authentication information: %s"),
    ACCESS_KEY_INACTIVE(HttpStatus.BAD_REQUEST, "IAM.1107", "The access key %s is inactive."),
    SECURITY_TOKEN_EXPIRED(HttpStatus.BAD_REQUEST, "IAM.1108", "The securitytoken has expired."),
    ACCESS_KEY_USER_DISABLED(HttpStatus.FORBIDDEN, "IAM.0080", "The user %s with access key %s is disabled."),
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
