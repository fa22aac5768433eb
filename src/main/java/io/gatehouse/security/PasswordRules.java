package io.gatehouse.security;

import io.gatehouse.common.error.ApiException;
import io.gatehouse.common.error.IamError;
import java.util.Locale;

/**
 * The rules a new password must meet that depend only on the password, its owner and the policy.
 * Each refusal is 1118 with the reason. The list of common passwords and the history are checked by
 * {@link PasswordPolicyService}.
 */
final class PasswordRules {

    private PasswordRules() {
    }

    static void check(PasswordPolicy policy, String password, PasswordOwner owner) {
        int length = password.codePointCount(0, password.length());
        if (length < policy.minimumPasswordLength()) {
            throw weak("it must contain at least " + policy.minimumPasswordLength() + " characters.");
        }
        if (length > PasswordPolicy.MAXIMUM_PASSWORD_LENGTH) {
            throw weak("it must contain at most " + PasswordPolicy.MAXIMUM_PASSWORD_LENGTH + " characters.");
        }
        if (password.chars().anyMatch(Character::isISOControl)) {
            throw weak("it must not contain control characters.");
        }
        if (CharacterKinds.count(password) < policy.passwordCharCombination()) {
            throw weak("it must contain at least " + policy.passwordCharCombination()
                    + " of: upper-case letters, lower-case letters, digits and special characters.");
        }
        int maxRun = policy.maximumConsecutiveIdenticalChars();
        if (maxRun > 0 && longestRun(password) > maxRun) {
            throw weak("it must not repeat a character more than " + maxRun + (maxRun == 1 ? " time" : " times")
                    + " in a row.");
        }
        String name = owner.name();
        if (policy.passwordNotUsernameOrInvert() && name != null && !name.isEmpty()
                && (password.equalsIgnoreCase(name)
                        || password.equalsIgnoreCase(new StringBuilder(name).reverse().toString()))) {
            throw weak("it must not be the user name or the user name reversed.");
        }
        String lower = password.toLowerCase(Locale.ROOT);
        if (owner.email() != null && !owner.email().isEmpty()
                && lower.contains(owner.email().toLowerCase(Locale.ROOT))) {
            throw weak("it must not contain the email address.");
        }
        if (owner.phone() != null && !owner.phone().isEmpty() && password.contains(owner.phone())) {
            throw weak("it must not contain the mobile number.");
        }
    }

    /** The length of the longest run of one character (code point). */
    static int longestRun(String password) {
        int longest = 0;
        int run = 0;
        int previous = -1;
        for (int i = 0; i < password.length(); ) {
            int c = password.codePointAt(i);
            run = c == previous ? run + 1 : 1;
            longest = Math.max(longest, run);
            previous = c;
            i += Character.charCount(c);
        }
        return longest;
    }

    static ApiException weak(String reason) {
        return IamError.WEAK_PASSWORD.exception(reason);
    }
}
