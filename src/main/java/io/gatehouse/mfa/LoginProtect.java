package io.gatehouse.mfa;

import java.time.Instant;

/** A user's login protection: whether sign-in needs a second factor, and which one. */
public record LoginProtect(String userId, String domainId, boolean enabled, VerificationMethod method,
        Instant updateTime) {
}
