package io.gatehouse.user;

import java.time.Instant;

/** Every token of the user issued at or before {@code notBefore} is revoked. */
public record UserRevocation(String userId, Instant notBefore) {
}
