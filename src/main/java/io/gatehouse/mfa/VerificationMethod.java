package io.gatehouse.mfa;

import io.gatehouse.common.error.ApiException;
import io.gatehouse.common.error.IamError;

public enum VerificationMethod {
    SMS("sms"), EMAIL("email"), VMFA("vmfa");

    private final String wire;

    VerificationMethod(String wire) {
        this.wire = wire;
    }

    public String wire() {
        return wire;
    }

    static VerificationMethod fromWire(String value) {
        for (VerificationMethod m : values()) {
            if (m.wire.equals(value)) {
                return m;
            }
        }
        throw new ApiException(IamError.INVALID_PARAMETER,
                "Request parameter verification_method is invalid: it must be sms, email or vmfa.");
    }
}
