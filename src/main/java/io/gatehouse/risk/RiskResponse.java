package io.gatehouse.risk;

import io.gatehouse.common.error.IamError;
import java.util.Arrays;

/** What a rule makes the sign-in flow do with a sign-in it finds unusual, weakest first. */
enum RiskResponse {
    /** Let it in; the risk event is raised after the fact. */
    ALLOW("allow"),
    /** Ask for a second factor first (mfa.SignInStepUp). */
    SECOND_FACTOR("second_factor"),
    /** Refuse it. */
    DENY("deny");

    private final String wire;

    RiskResponse(String wire) {
        this.wire = wire;
    }

    String wire() {
        return wire;
    }

    static RiskResponse fromWire(String value, String field) {
        return Arrays.stream(values()).filter(t -> t.wire.equals(value)).findFirst()
                .orElseThrow(() -> IamError.INVALID_FIELD.exception(field, value));
    }
}
