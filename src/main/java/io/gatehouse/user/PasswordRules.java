package io.gatehouse.user;

import io.gatehouse.common.error.ApiException;
import io.gatehouse.common.error.IamError;

/**
 * The default password policy: 8 to 128 characters of at least two kinds, and not containing the
 * user's email or mobile number. The account-configurable policy of the security settings extends it.
 */
final class PasswordRules {

    static final int MIN_LENGTH = 8;
    static final int MAX_LENGTH = 128;
    static final int MIN_KINDS = 2;

    private PasswordRules() {
    }

    static void check(String password, String email, String phone) {
        int length = password.codePointCount(0, password.length());
        if (length < MIN_LENGTH) {
            throw weak("it must contain at least " + MIN_LENGTH + " characters.");
        }
        if (length > MAX_LENGTH) {
            throw weak("it must contain at most " + MAX_LENGTH + " characters.");
        }
        if (CharacterKinds.count(password) < MIN_KINDS) {
            throw weak("it must contain at least " + MIN_KINDS
                    + " of: upper-case letters, lower-case letters, digits and special characters.");
        }
        if (password.chars().anyMatch(Character::isISOControl)) {
            throw weak("it must not contain control characters.");
        }
        String lower = password.toLowerCase(java.util.Locale.ROOT);
        if (email != null && lower.contains(email.toLowerCase(java.util.Locale.ROOT))) {
            throw weak("it must not contain the email address.");
        }
        if (phone != null && !phone.isEmpty() && password.contains(phone)) {
            throw weak("it must not contain the mobile number.");
        }
    }

    private static ApiException weak(String reason) {
        return IamError.WEAK_PASSWORD.exception(reason);
    }
}
