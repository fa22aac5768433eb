package io.gatehouse.access;

import io.gatehouse.access.GrantRepresentation.RolesOut;
import io.gatehouse.access.GrantService.Scope;
import io.gatehouse.access.GrantService.Subject;
import io.gatehouse.common.web.Caller;
import io.gatehouse.common.web.PublicUrl;
import io.gatehouse.common.web.RequiresAction;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestMethod;
import org.springframework.web.bind.annotation.RestController;

/**
 * A user's own roles on the account, on a project, and on all projects ({@code OS-INHERIT}): Keystone's
 * paths for direct grants to users, with the same rules as the group grants ({@link GroupGrantController}).
 * Roles the user holds through its groups are not listed here; role-assignments with {@code include_group}
 * shows them.
 */
@RestController
class UserGrantController {

    private static final String DOMAIN = "/v3/domains/{domain_id}/users/{user_id}/roles";
    private static final String PROJECT = "/v3/projects/{project_id}/users/{user_id}/roles";
    private static final String INHERITED = "/v3/OS-INHERIT/domains/{domain_id}/users/{user_id}/roles";

    private final GrantService grants;
    private final PublicUrl urls;

    UserGrantController(GrantService grants, PublicUrl urls) {
        this.grants = grants;
        this.urls = urls;
    }

    // ---- on the account ----------------------------------------------------------------------

    @PutMapping(DOMAIN + "/{role_id}")
    @RequiresAction(value = "iam:permissions:grantRoleToUserOnDomain", resource = GrantService.RESOURCE)
    ResponseEntity<Void> grantOnDomain(Caller caller, @PathVariable("domain_id") String domainId,
            @PathVariable("user_id") String userId, @PathVariable("role_id") String roleId) {
        grants.grant(caller, Subject.USER, userId, Scope.DOMAIN, domainId, roleId,
                "iam:permissions:grantRoleToUserOnDomain");
        return ResponseEntity.noContent().build();
    }

    @RequestMapping(path = DOMAIN + "/{role_id}", method = RequestMethod.HEAD)
    @RequiresAction(value = "iam:permissions:checkRoleForUserOnDomain", resource = GrantService.RESOURCE)
    ResponseEntity<Void> checkOnDomain(Caller caller, @PathVariable("domain_id") String domainId,
            @PathVariable("user_id") String userId, @PathVariable("role_id") String roleId) {
        return check(caller, userId, Scope.DOMAIN, domainId, roleId);
    }

    @DeleteMapping(DOMAIN + "/{role_id}")
    @RequiresAction(value = "iam:permissions:revokeRoleFromUserOnDomain", resource = GrantService.RESOURCE)
    ResponseEntity<Void> revokeOnDomain(Caller caller, @PathVariable("domain_id") String domainId,
            @PathVariable("user_id") String userId, @PathVariable("role_id") String roleId) {
        grants.revoke(caller, Subject.USER, userId, Scope.DOMAIN, domainId, roleId,
                "iam:permissions:revokeRoleFromUserOnDomain");
        return ResponseEntity.noContent().build();
    }

    @GetMapping(DOMAIN)
    @RequiresAction(value = "iam:permissions:listRolesForUserOnDomain", resource = GrantService.RESOURCE)
    RolesOut listOnDomain(Caller caller, @PathVariable("domain_id") String domainId,
            @PathVariable("user_id") String userId) {
        return list(caller, userId, Scope.DOMAIN, domainId,
                "/v3/domains/" + domainId + "/users/" + userId + "/roles");
    }

    // ---- on a project ------------------------------------------------------------------------

    @PutMapping(PROJECT + "/{role_id}")
    @RequiresAction(value = "iam:permissions:grantRoleToUserOnProject", resource = GrantService.RESOURCE)
    ResponseEntity<Void> grantOnProject(Caller caller, @PathVariable("project_id") String projectId,
            @PathVariable("user_id") String userId, @PathVariable("role_id") String roleId) {
        grants.grant(caller, Subject.USER, userId, Scope.PROJECT, projectId, roleId,
                "iam:permissions:grantRoleToUserOnProject");
        return ResponseEntity.noContent().build();
    }

    @RequestMapping(path = PROJECT + "/{role_id}", method = RequestMethod.HEAD)
    @RequiresAction(value = "iam:permissions:checkRoleForUserOnProject", resource = GrantService.RESOURCE)
    ResponseEntity<Void> checkOnProject(Caller caller, @PathVariable("project_id") String projectId,
            @PathVariable("user_id") String userId, @PathVariable("role_id") String roleId) {
        return check(caller, userId, Scope.PROJECT, projectId, roleId);
    }

    @DeleteMapping(PROJECT + "/{role_id}")
    @RequiresAction(value = "iam:permissions:revokeRoleFromUserOnProject", resource = GrantService.RESOURCE)
    ResponseEntity<Void> revokeOnProject(Caller caller, @PathVariable("project_id") String projectId,
            @PathVariable("user_id") String userId, @PathVariable("role_id") String roleId) {
        grants.revoke(caller, Subject.USER, userId, Scope.PROJECT, projectId, roleId,
                "iam:permissions:revokeRoleFromUserOnProject");
        return ResponseEntity.noContent().build();
    }

    @GetMapping(PROJECT)
    @RequiresAction(value = "iam:permissions:listRolesForUserOnProject", resource = GrantService.RESOURCE)
    RolesOut listOnProject(Caller caller, @PathVariable("project_id") String projectId,
            @PathVariable("user_id") String userId) {
        return list(caller, userId, Scope.PROJECT, projectId,
                "/v3/projects/" + projectId + "/users/" + userId + "/roles");
    }

    // ---- on all projects ---------------------------------------------------------------------

    @PutMapping(INHERITED + "/{role_id}/inherited_to_projects")
    @RequiresAction(value = "iam:permissions:grantRoleToUser", resource = GrantService.RESOURCE)
    ResponseEntity<Void> grantOnAllProjects(Caller caller, @PathVariable("domain_id") String domainId,
            @PathVariable("user_id") String userId, @PathVariable("role_id") String roleId) {
        grants.grant(caller, Subject.USER, userId, Scope.INHERITED, domainId, roleId,
                "iam:permissions:grantRoleToUser");
        return ResponseEntity.noContent().build();
    }

    @RequestMapping(path = INHERITED + "/{role_id}/inherited_to_projects", method = RequestMethod.HEAD)
    @RequiresAction(value = "iam:permissions:checkRoleForUser", resource = GrantService.RESOURCE)
    ResponseEntity<Void> checkOnAllProjects(Caller caller, @PathVariable("domain_id") String domainId,
            @PathVariable("user_id") String userId, @PathVariable("role_id") String roleId) {
        return check(caller, userId, Scope.INHERITED, domainId, roleId);
    }

    @DeleteMapping(INHERITED + "/{role_id}/inherited_to_projects")
    @RequiresAction(value = "iam:permissions:revokeRoleFromUser", resource = GrantService.RESOURCE)
    ResponseEntity<Void> revokeOnAllProjects(Caller caller, @PathVariable("domain_id") String domainId,
            @PathVariable("user_id") String userId, @PathVariable("role_id") String roleId) {
        grants.revoke(caller, Subject.USER, userId, Scope.INHERITED, domainId, roleId,
                "iam:permissions:revokeRoleFromUser");
        return ResponseEntity.noContent().build();
    }

    @GetMapping(INHERITED + "/inherited_to_projects")
    @RequiresAction(value = "iam:permissions:listRolesForUser", resource = GrantService.RESOURCE)
    RolesOut listOnAllProjects(Caller caller, @PathVariable("domain_id") String domainId,
            @PathVariable("user_id") String userId) {
        return list(caller, userId, Scope.INHERITED, domainId,
                "/v3/OS-INHERIT/domains/" + domainId + "/users/" + userId + "/roles/inherited_to_projects");
    }

    // ---- helpers -----------------------------------------------------------------------------

    private ResponseEntity<Void> check(Caller caller, String userId, Scope scope, String scopeId, String roleId) {
        grants.check(caller, Subject.USER, userId, scope, scopeId, roleId);
        return ResponseEntity.noContent().build();
    }

    private RolesOut list(Caller caller, String userId, Scope scope, String scopeId, String path) {
        return RolesOut.of(grants.roles(caller, Subject.USER, userId, scope, scopeId), urls, path);
    }
}
