package io.gatehouse.access;

import com.fasterxml.jackson.annotation.JsonRawValue;
import io.gatehouse.access.GroupRepresentation.Links;
import io.gatehouse.access.GroupRepresentation.ListLinks;
import io.gatehouse.common.web.PublicUrl;
import java.util.List;

/** The wire shapes of grant listings and of {@code /v3.0/OS-PERMISSION/role-assignments}. */
final class GrantRepresentation {

    private GrantRepresentation() {
    }

    record RolesOut(List<RoleView> roles, ListLinks links) {

        static RolesOut of(List<GrantedRole> roles, PublicUrl urls, String path) {
            return new RolesOut(roles.stream().map(r -> RoleView.of(r, urls.of("/v3/roles/" + r.id()))).toList(),
                    ListLinks.of(urls.of(path)));
        }
    }

    /** A granted role as Huawei lists it; {@code policy} is its stored JSON document, written as it is. */
    record RoleView(String id, String name, String displayName, String type, String catalog, String description,
            String domainId, Links links, @JsonRawValue String policy) {

        static RoleView of(GrantedRole r, String self) {
            return new RoleView(r.id(), r.name(), r.displayName(), r.type(), r.catalog(),
                    r.description() == null ? "" : r.description(), r.domainId(), new Links(self), r.policy());
        }
    }

    record RoleAssignmentsOut(List<AssignmentView> roleAssignments, long totalNum) {
    }

    record IdRef(String id) {
    }

    record ScopeView(IdRef domain, IdRef project) {
    }

    /**
     * One record: its subject ({@code user} or {@code group}), its role and its scope. A grant on all
     * projects shows the account as its scope with {@code is_inherited} true.
     */
    record AssignmentView(IdRef user, IdRef group, IdRef role, ScopeView scope, boolean isInherited) {

        static AssignmentView of(Grant g) {
            IdRef subject = new IdRef(g.subjectId());
            boolean user = RoleAssignmentStore.USER.equals(g.subjectType());
            boolean project = RoleAssignmentStore.PROJECT.equals(g.scopeType());
            IdRef scopeId = new IdRef(g.scopeId());
            return new AssignmentView(user ? subject : null, user ? null : subject, new IdRef(g.roleId()),
                    new ScopeView(project ? null : scopeId, project ? scopeId : null),
                    RoleAssignmentStore.INHERITED.equals(g.scopeType()));
        }
    }
}
