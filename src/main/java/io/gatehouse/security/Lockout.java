package io.gatehouse.security;

import java.time.Instant;

/**
 * A user's lockout state as it stands now: the failed sign-ins counted in the current window, when
 * that window started, and until when the user is locked (null when not locked).
 */
public record Lockout(String userId, int failures, Instant windowStart, Instant lockedUntil) {

    public boolean locked() {
        return lockedUntil != null;
    }
}
