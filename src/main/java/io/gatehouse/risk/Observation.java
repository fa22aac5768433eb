package io.gatehouse.risk;

import io.gatehouse.audit.Device;
import io.gatehouse.audit.Location;

/** What a sign-in looked like to risk detection: the address, the place and the device. */
record Observation(String ip, Location location, Device device) {

    /** The value a rule compares, in its dimension; null when there is nothing to compare (no address, unknown place). */
    String key(RiskRule rule) {
        return switch (rule.type()) {
            case ABNORMAL_IP -> ip;
            case ABNORMAL_LOCATION -> location.key(rule.granularity());
            case ABNORMAL_DEVICE -> device.label();
            case ACCOUNT_LOCKED -> null;
        };
    }

    /** How a person names the value: "IP address 203.0.113.7", "location Sydney, Australia", "device ...". */
    String describe(RiskRule rule) {
        return switch (rule.type()) {
            case ABNORMAL_IP -> "IP address " + ip;
            case ABNORMAL_LOCATION -> "location " + location.key(rule.granularity());
            case ABNORMAL_DEVICE -> "device " + device.label();
            case ACCOUNT_LOCKED -> "lockout";
        };
    }
}
