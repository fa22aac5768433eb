package io.gatehouse.security;

import io.gatehouse.common.error.ApiException;
import io.gatehouse.common.error.IamError;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * An account's password policy, with Huawei's field names, ranges and defaults. Where Huawei's
 * documents disagree, the newer ranges hold: a minimum length of 8 to 32, and up to 24 recent
 * passwords. An account that never changed its policy has {@link #DEFAULT}.
 *
 * @param passwordCharCombination how many of the four kinds (upper case, lower case, digits, others) a password needs
 * @param minimumPasswordLength in characters
 * @param maximumConsecutiveIdenticalChars the longest run of one character; 0 means no limit
 * @param numberOfRecentPasswordsDisallowed how many of the latest passwords, the current one included, may not be
 *        used again. The current password is always refused, so 0 and 1 mean the same.
 * @param passwordNotUsernameOrInvert whether the password may not be the user name or the user name reversed
 * @param passwordValidityPeriod in days; 0 means passwords do not expire
 * @param minimumPasswordAge in minutes: how long a user must keep a password before changing it again
 */
public record PasswordPolicy(int passwordCharCombination, int minimumPasswordLength,
        int maximumConsecutiveIdenticalChars, int numberOfRecentPasswordsDisallowed,
        boolean passwordNotUsernameOrInvert, int passwordValidityPeriod, int minimumPasswordAge) {

    /** No policy lowers this; it is also the read-only {@code maximum_password_length}. */
    public static final int MAXIMUM_PASSWORD_LENGTH = 128;

    static final Range CHAR_COMBINATION = new Range("password_char_combination", 2, 4);
    static final Range MINIMUM_LENGTH = new Range("minimum_password_length", 8, 32);
    static final Range MAXIMUM_CONSECUTIVE = new Range("maximum_consecutive_identical_chars", 0, 32);
    static final Range RECENT_PASSWORDS = new Range("number_of_recent_passwords_disallowed", 0, 24);
    static final Range VALIDITY_PERIOD = new Range("password_validity_period", 0, 180);
    static final Range MINIMUM_AGE = new Range("minimum_password_age", 0, 1440);

    /** Gatehouse's rules before policies existed (8+ characters of 2 kinds, not the current password), plus Huawei's username rule. */
    public static final PasswordPolicy DEFAULT = new PasswordPolicy(2, 8, 0, 1, true, 0, 0);

    /** When a password set at {@code setAt} expires; null when passwords do not expire. */
    public Instant expiresAt(Instant setAt) {
        return passwordValidityPeriod == 0 || setAt == null ? null : setAt.plus(Duration.ofDays(passwordValidityPeriod));
    }

    /** The rules in force, in words: Huawei's read-only {@code password_requirements}. */
    public String requirements() {
        List<String> rules = new ArrayList<>();
        rules.add(minimumPasswordLength + " to " + MAXIMUM_PASSWORD_LENGTH + " characters");
        rules.add("at least " + passwordCharCombination
                + " of these kinds: upper-case letters, lower-case letters, digits, special characters");
        if (maximumConsecutiveIdenticalChars > 0) {
            rules.add("no character repeated more than " + maximumConsecutiveIdenticalChars + " times in a row");
        }
        if (passwordNotUsernameOrInvert) {
            rules.add("not the user name or the user name reversed");
        }
        rules.add("not containing the user's email address or mobile number");
        rules.add("not a commonly used password");
        rules.add(numberOfRecentPasswordsDisallowed > 1
                ? "not one of the last " + numberOfRecentPasswordsDisallowed + " passwords"
                : "different from the current password");
        String text = "A password must have " + String.join("; ", rules) + ".";
        if (minimumPasswordAge > 0) {
            text += " Users can change their own password once every " + minimumPasswordAge + " minutes.";
        }
        if (passwordValidityPeriod > 0) {
            text += " A password expires " + passwordValidityPeriod + " days after it is set.";
        }
        return text;
    }

    /**
     * The length and character-kind rules as one regular expression (Keystone's {@code password_regex}),
     * with ASCII classes for the kinds. The other rules cannot be written as a regular expression; the
     * description names them all.
     */
    public String regex() {
        StringBuilder regex = new StringBuilder("^");
        // A password has at least n kinds exactly when it is not made only of the kinds of any n-1 of them.
        for (int subset = 1; subset < 16; subset++) {
            if (Integer.bitCount(subset) == passwordCharCombination - 1) {
                regex.append("(?!").append(KindClass.of(subset)).append("*$)");
            }
        }
        return regex.append(".{").append(minimumPasswordLength).append(',').append(MAXIMUM_PASSWORD_LENGTH)
                .append("}$").toString();
    }

    /** The policy with the fields a request sent changed; a field not sent (null) keeps its value. */
    public PasswordPolicy with(Change change) {
        PasswordPolicy next = new PasswordPolicy(
                CHAR_COMBINATION.orKeep(change.passwordCharCombination(), passwordCharCombination),
                MINIMUM_LENGTH.orKeep(change.minimumPasswordLength(), minimumPasswordLength),
                MAXIMUM_CONSECUTIVE.orKeep(change.maximumConsecutiveIdenticalChars(), maximumConsecutiveIdenticalChars),
                RECENT_PASSWORDS.orKeep(change.numberOfRecentPasswordsDisallowed(), numberOfRecentPasswordsDisallowed),
                change.passwordNotUsernameOrInvert() == null ? passwordNotUsernameOrInvert
                        : change.passwordNotUsernameOrInvert(),
                VALIDITY_PERIOD.orKeep(change.passwordValidityPeriod(), passwordValidityPeriod),
                MINIMUM_AGE.orKeep(change.minimumPasswordAge(), minimumPasswordAge));
        if (next.passwordValidityPeriod > 0 && next.minimumPasswordAge >= next.passwordValidityPeriod * 1440) {
            throw new ApiException(IamError.INVALID_FIELD, "Invalid input for field 'password_policy."
                    + MINIMUM_AGE.name() + "': it must be shorter than the password validity period.");
        }
        return next;
    }

    /**
     * A requested change. Numbers arrive as JSON numbers of any kind, so that a fraction or a huge
     * value is refused here with the field's range rather than silently truncated.
     */
    public record Change(Number passwordCharCombination, Number minimumPasswordLength,
            Number maximumConsecutiveIdenticalChars, Number numberOfRecentPasswordsDisallowed,
            Boolean passwordNotUsernameOrInvert, Number passwordValidityPeriod, Number minimumPasswordAge) {
    }

    record Range(String name, int min, int max) {

        int orKeep(Number value, int current) {
            if (value == null) {
                return current;
            }
            BigInteger whole = integral(value);
            if (whole == null || whole.compareTo(BigInteger.valueOf(min)) < 0
                    || whole.compareTo(BigInteger.valueOf(max)) > 0) {
                throw new ApiException(IamError.INVALID_FIELD, "Invalid input for field 'password_policy." + name
                        + "': it must be an integer from " + min + " to " + max + ".");
            }
            return whole.intValueExact();
        }

        private static BigInteger integral(Number value) {
            if (value instanceof Integer || value instanceof Long || value instanceof Short || value instanceof Byte) {
                return BigInteger.valueOf(value.longValue());
            }
            if (value instanceof BigInteger big) {
                return big;
            }
            if (value instanceof BigDecimal decimal && decimal.scale() <= 0) {
                return decimal.toBigInteger();
            }
            // 8.0 and 8.5 alike: the fields are integers.
            return null;
        }
    }

    /** The four kinds as ASCII character classes, and unions of them. */
    private static final class KindClass {
        private static final String UPPER = "A-Z";
        private static final String LOWER = "a-z";
        private static final String DIGIT = "0-9";

        /** Bits: 1 upper, 2 lower, 4 digits, 8 others. */
        static String of(int kinds) {
            boolean others = (kinds & 8) != 0;
            StringBuilder ranges = new StringBuilder();
            // With "others" in the set, name what is left out; without it, name what is in.
            if (((kinds & 1) != 0) != others) {
                ranges.append(UPPER);
            }
            if (((kinds & 2) != 0) != others) {
                ranges.append(LOWER);
            }
            if (((kinds & 4) != 0) != others) {
                ranges.append(DIGIT);
            }
            return (others ? "[^" : "[") + ranges + "]";
        }
    }
}
