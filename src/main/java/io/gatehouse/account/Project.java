package io.gatehouse.account;

import java.time.Instant;

/**
 * A project of an account. Huawei has two levels: a region project, whose parent is the account and whose
 * name is the region id, and the account's subprojects, named {@code <region>_<name>} below it.
 * {@code status} is Huawei's {@code normal} or {@code suspended}.
 */
public record Project(String id, String domainId, String parentId, String name, String description,
        boolean enabled, boolean isDefault, String status, Instant createTime) {

    public static final String NORMAL = "normal";
    public static final String SUSPENDED = "suspended";

    /** A region project: its parent is the account itself. */
    public boolean isRegionProject() {
        return parentId.equals(domainId);
    }

    public Project withName(String newName) {
        return new Project(id, domainId, parentId, newName, description, enabled, isDefault, status, createTime);
    }

    public Project withDescription(String newDescription) {
        return new Project(id, domainId, parentId, name, newDescription, enabled, isDefault, status, createTime);
    }

    public Project withStatus(String newStatus) {
        return new Project(id, domainId, parentId, name, description, enabled, isDefault, newStatus, createTime);
    }
}
