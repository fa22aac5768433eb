package io.gatehouse.account;

import java.time.Instant;

public record Project(String id, String domainId, String name, String description, boolean enabled,
        boolean isDefault, Instant createTime) {
}
