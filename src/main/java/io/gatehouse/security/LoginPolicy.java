package io.gatehouse.security;

import io.gatehouse.common.error.ApiException;
import io.gatehouse.common.error.IamError;
import java.time.Duration;

/**
 * An account's login policy, as Huawei's {@code login_policy} carries it. Times are minutes, except
 * {@code accountValidityPeriod}, which is days (0 = off).
 */
public record LoginPolicy(int sessionTimeout, int periodWithLoginFailures, int loginFailedTimes,
        int lockoutDuration, int accountValidityPeriod, boolean showRecentLoginInfo, String customInfoForLogin) {

    /** The policy of an account that never set one: Huawei's defaults. */
    public static final LoginPolicy DEFAULTS = new LoginPolicy(60, 15, 5, 15, 0, false, "");

    static final int CUSTOM_INFO_MAX = 64;

    public Duration failureWindow() {
        return Duration.ofMinutes(periodWithLoginFailures);
    }

    public Duration lockout() {
        return Duration.ofMinutes(lockoutDuration);
    }

    /** A partial update: null members keep their current value. */
    public record Change(Integer sessionTimeout, Integer periodWithLoginFailures, Integer loginFailedTimes,
            Integer lockoutDuration, Integer accountValidityPeriod, Boolean showRecentLoginInfo,
            String customInfoForLogin) {
    }

    /** This policy with the change applied; 400 IAM.0073 for a value out of its range. */
    LoginPolicy with(Change c) {
        return new LoginPolicy(
                range(c.sessionTimeout(), sessionTimeout, "session_timeout", 15, 1440),
                range(c.periodWithLoginFailures(), periodWithLoginFailures, "period_with_login_failures", 15, 60),
                range(c.loginFailedTimes(), loginFailedTimes, "login_failed_times", 3, 10),
                range(c.lockoutDuration(), lockoutDuration, "lockout_duration", 15, 30),
                range(c.accountValidityPeriod(), accountValidityPeriod, "account_validity_period", 0, 240),
                c.showRecentLoginInfo() == null ? showRecentLoginInfo : c.showRecentLoginInfo(),
                c.customInfoForLogin() == null ? customInfoForLogin : customInfo(c.customInfoForLogin()));
    }

    private static int range(Integer value, int current, String field, int min, int max) {
        if (value == null) {
            return current;
        }
        if (value < min || value > max) {
            // The rejected value is not echoed, as nowhere else.
            throw invalid(field, "it must be an integer from " + min + " to " + max);
        }
        return value;
    }

    /** Plain text of at most 64 characters, shown to users after sign-in: no markup, no control characters. */
    private static String customInfo(String value) {
        if (value.codePointCount(0, value.length()) > CUSTOM_INFO_MAX) {
            throw invalid("custom_info_for_login", "it must be at most " + CUSTOM_INFO_MAX + " characters");
        }
        boolean unsafe = value.codePoints().anyMatch(c -> c == '<' || c == '>' || c == '&' || Character.isISOControl(c)
                || c == 0x2028 || c == 0x2029);
        if (unsafe) {
            throw invalid("custom_info_for_login", "it must be plain text, without <, >, & or control characters");
        }
        return value;
    }

    private static ApiException invalid(String field, String rule) {
        return new ApiException(IamError.INVALID_FIELD, "Invalid input for field 'login_policy." + field + "': " + rule + ".");
    }
}
