package io.gatehouse.mfa;

import java.time.Instant;

/**
 * A user's virtual MFA device as stored. {@code sealedSeed} is the TOTP seed sealed by
 * {@code SecretBox}; {@code lastStep} is the last time step whose code was accepted (null before the
 * first). Only a bound device takes part in sign-in.
 */
record VirtualMfaDevice(String serialNumber, String userId, String domainId, String name, String sealedSeed,
        boolean bound, Long lastStep, Instant createTime, Instant bindTime) {

    @Override
    public String toString() {
        return "VirtualMfaDevice[serialNumber=" + serialNumber + ", userId=" + userId + ", bound=" + bound + "]";
    }
}
