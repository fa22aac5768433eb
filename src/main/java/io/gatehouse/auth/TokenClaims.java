package io.gatehouse.auth;

import io.gatehouse.access.RoleRef;
import java.time.Instant;
import java.util.List;

/**
 * What a token says. Everything a validation answer shows is inside the signed token, so validating
 * needs no database. {@code projectId} is null for a domain-scoped token.
 */
public record TokenClaims(String tokenId, String userId, String userName, String domainId, String domainName,
        String projectId, String projectName, List<String> methods, List<RoleRef> roles, Instant issuedAt,
        Instant expiresAt, Instant passwordExpiresAt) {
}
