package io.gatehouse.access;

import java.time.Instant;

/** A user group of an account. The built-in {@code admin} group is made with the account. */
public record Group(String id, String domainId, String name, String description, boolean builtinAdmin,
        Instant createTime) {
}
