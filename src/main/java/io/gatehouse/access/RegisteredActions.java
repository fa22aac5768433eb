package io.gatehouse.access;

import io.gatehouse.common.web.RequiresAction;
import java.util.HashSet;
import java.util.Locale;
import java.util.Set;
import java.util.function.Predicate;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.stereotype.Component;
import org.springframework.web.method.HandlerMethod;
import org.springframework.web.servlet.mvc.method.annotation.RequestMappingHandlerMapping;

/**
 * The exact actions of the services Gatehouse serves (iam and gatehouse) that a custom policy may name:
 * every action an endpoint declares, and the IAM actions Huawei documents for operations Gatehouse does
 * not serve yet. Names with wildcards, and the actions of other services, are not checked.
 */
@Component
class RegisteredActions implements Predicate<String> {

    /** Huawei's documented IAM actions, so that a policy written for Huawei is accepted here as well. */
    private static final Set<String> DOCUMENTED = Set.of(
            "iam:users:listUsers", "iam:users:getUser", "iam:users:createUser", "iam:users:updateUser",
            "iam:users:deleteUser", "iam:users:updateUserPassword", "iam:users:resetUserPassword",
            "iam:users:setUserLoginProtect", "iam:users:getUserLoginProtect", "iam:users:listUserLoginProtects",
            "iam:groups:listGroups", "iam:groups:getGroup", "iam:groups:createGroup", "iam:groups:updateGroup",
            "iam:groups:deleteGroup", "iam:groups:listGroupsForUser", "iam:permissions:addUserToGroup",
            "iam:permissions:removeUserFromGroup", "iam:permissions:checkUserInGroup",
            "iam:mfa:listVirtualMFADevices", "iam:mfa:getVirtualMFADevice", "iam:mfa:createVirtualMFADevice",
            "iam:mfa:deleteVirtualMFADevice", "iam:mfa:bindMFADevice", "iam:mfa:unbindMFADevice",
            "iam:credentials:listCredentials", "iam:credentials:getCredential", "iam:credentials:createCredential",
            "iam:credentials:updateCredential", "iam:credentials:deleteCredential",
            "iam:projects:createProject", "iam:projects:updateProject", "iam:projects:deleteProject",
            "iam:projects:listProjectsForUser", "iam:projects:listProjects", "iam:projects:getProject",
            "iam:roles:listRoles", "iam:roles:getRole", "iam:roles:createRole", "iam:roles:updateRole",
            "iam:roles:deleteRole", "iam:tokens:assume",
            "iam:permissions:grantRoleToGroup", "iam:permissions:grantRoleToGroupOnDomain",
            "iam:permissions:grantRoleToGroupOnProject", "iam:permissions:revokeRoleFromGroup",
            "iam:permissions:revokeRoleFromGroupOnDomain", "iam:permissions:revokeRoleFromGroupOnProject",
            "iam:permissions:checkRoleForGroup", "iam:permissions:checkRoleForGroupOnDomain",
            "iam:permissions:checkRoleForGroupOnProject", "iam:permissions:listRolesForGroup",
            "iam:permissions:listRolesForGroupOnDomain", "iam:permissions:listRolesForGroupOnProject",
            "iam:permissions:grantRoleToAgency", "iam:permissions:revokeRoleFromAgency",
            "iam:permissions:listRoleAssignments");

    private final ObjectProvider<RequestMappingHandlerMapping> mappings;
    private volatile Set<String> known;

    RegisteredActions(ObjectProvider<RequestMappingHandlerMapping> mappings) {
        this.mappings = mappings;
    }

    @Override
    public boolean test(String action) {
        String lower = action.toLowerCase(Locale.ROOT);
        boolean ours = lower.startsWith("iam:") || lower.startsWith("gatehouse:");
        boolean wildcard = lower.indexOf('*') >= 0 || lower.indexOf('?') >= 0;
        return !ours || wildcard || known().contains(lower);
    }

    private Set<String> known() {
        Set<String> set = known;
        if (set == null) {
            set = new HashSet<>();
            for (String action : DOCUMENTED) {
                set.add(action.toLowerCase(Locale.ROOT));
            }
            for (RequestMappingHandlerMapping mapping : mappings) {
                for (HandlerMethod method : mapping.getHandlerMethods().values()) {
                    RequiresAction declared = method.getMethodAnnotation(RequiresAction.class);
                    if (declared != null) {
                        set.add(declared.value().toLowerCase(Locale.ROOT));
                    }
                }
            }
            known = Set.copyOf(set);
        }
        return set;
    }
}
