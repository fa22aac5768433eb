package io.gatehouse.risk;

import io.gatehouse.audit.Location;
import java.time.Instant;

/**
 * A behaviour rule of an account: a sign-in from an IP address, location or device (by {@code type}) that
 * the user has not used for at least {@code frequencyThreshold} successful sign-ins within the last
 * {@code periodDays} days is unusual. The rule then raises a risk event, notifies the user by email and/or
 * SMS, and applies its {@code response} in the sign-in flow. A rule of type {@code account_locked}
 * notifies on lockouts.
 */
record RiskRule(String id, String domainId, String name, RiskType type, Location.Granularity granularity,
        int frequencyThreshold, int periodDays, boolean notifyEmail, boolean notifySms, RiskResponse response,
        boolean enabled, Instant createdAt, Instant updatedAt) {

    /** An enabled rule that the sign-in flow must apply before letting a sign-in in. */
    boolean adaptive() {
        return enabled && type.judgesSignIns() && response != RiskResponse.ALLOW;
    }

    boolean notifies() {
        return notifyEmail || notifySms;
    }

    /** The rollup dimension that counts this rule's kind of thing (signin_daily). */
    String dimension() {
        return switch (type) {
            case ABNORMAL_IP -> SignInDaily.IP;
            case ABNORMAL_LOCATION -> granularity == Location.Granularity.COUNTRY ? SignInDaily.COUNTRY
                    : SignInDaily.CITY;
            case ABNORMAL_DEVICE -> SignInDaily.DEVICE;
            case ACCOUNT_LOCKED -> null;
        };
    }
}
