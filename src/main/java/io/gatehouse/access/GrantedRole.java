package io.gatehouse.access;

import java.time.Instant;

/** A role (system role or custom policy) as the grant listings show it; {@code policy} is its JSON document. */
record GrantedRole(String id, String domainId, String name, String displayName, String type, String catalog,
        String description, String policy, Instant createTime) {
}
