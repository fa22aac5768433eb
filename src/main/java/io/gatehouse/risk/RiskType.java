package io.gatehouse.risk;

import io.gatehouse.common.error.IamError;
import java.util.Arrays;

/** OneAccess's four kinds of risk. */
enum RiskType {
    ABNORMAL_IP("abnormal_ip"),
    ABNORMAL_LOCATION("abnormal_location"),
    ABNORMAL_DEVICE("abnormal_device"),
    ACCOUNT_LOCKED("account_locked");

    private final String wire;

    RiskType(String wire) {
        this.wire = wire;
    }

    String wire() {
        return wire;
    }

    /** The three that judge a sign-in against what is usual; a lock is not judged, it always counts. */
    boolean judgesSignIns() {
        return this != ACCOUNT_LOCKED;
    }

    /** A query parameter's value: an unknown one is a bad parameter. */
    static RiskType fromParameter(String value) {
        return Arrays.stream(values()).filter(t -> t.wire.equals(value)).findFirst()
                .orElseThrow(() -> IamError.INVALID_PARAMETER.exception("risk_type"));
    }

    static RiskType fromWire(String value, String field) {
        return Arrays.stream(values()).filter(t -> t.wire.equals(value)).findFirst()
                .orElseThrow(() -> IamError.INVALID_FIELD.exception(field, value));
    }
}
