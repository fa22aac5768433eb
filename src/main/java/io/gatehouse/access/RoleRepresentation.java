package io.gatehouse.access;

import java.util.List;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** The wire shapes of roles and custom policies, as the SDK's {@code RoleResult} and its kin read them. */
final class RoleRepresentation {

    private RoleRepresentation() {
    }

    record Links(String self, String previous, String next) {
    }

    record SelfLink(String self) {
    }

    /**
     * One role. {@code flag} is {@code fine_grained} for system policies; {@code references}, the number of
     * grants, appears only when one custom policy is shown. Times are epoch milliseconds, as Huawei writes them.
     */
    record RoleView(String id, String name, String displayName, String type, String catalog, String description,
            String descriptionCn, String domainId, String flag, JsonNode policy, SelfLink links, String createdTime,
            String updatedTime, Long references) {

        static RoleView of(Role role, String self, JsonMapper json, Long references) {
            return new RoleView(role.id(), role.name(), role.displayName(), role.type(), role.catalog(),
                    role.description() == null ? "" : role.description(), role.descriptionCn(), role.domainId(),
                    role.isCustom() ? null : "fine_grained", json.readTree(role.policy()), new SelfLink(self),
                    Long.toString(role.createTime().toEpochMilli()), Long.toString(role.updateTime().toEpochMilli()),
                    references);
        }
    }

    record RoleOut(RoleView role) {
    }

    record RolesOut(List<RoleView> roles, Links links, long totalNumber) {
    }

    record DeletedOut(String message) {
    }
}
