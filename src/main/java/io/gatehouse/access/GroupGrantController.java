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
 * A group's roles on the account (Huawei's "global service project"), on a project, and on all projects
 * ({@code OS-INHERIT}). Grant and revoke answer 204; check answers 204 when the grant exists, else 404.
 */
@RestController
class GroupGrantController {

    private static final String DOMAIN = "/v3/domains/{domain_id}/groups/{group_id}/roles";
    private static final String PROJECT = "/v3/projects/{project_id}/groups/{group_id}/roles";
    private static final String INHERITED = "/v3/OS-INHERIT/domains/{domain_id}/groups/{group_id}/roles";

    private final GrantService grants;
    private final PublicUrl urls;

    GroupGrantController(GrantService grants, PublicUrl urls) {
        this.grants = grants;
        this.urls = urls;
    }

    // ---- on the account ----------------------------------------------------------------------

    @PutMapping(DOMAIN + "/{role_id}")
    @RequiresAction(value = "iam:permissions:grantRoleToGroupOnDomain", resource = GrantService.RESOURCE)
    ResponseEntity<Void> grantOnDomain(Caller caller, @PathVariable("domain_id") String domainId,
            @PathVariable("group_id") String groupId, @PathVariable("role_id") String roleId) {
        grants.grant(caller, Subject.GROUP, groupId, Scope.DOMAIN, domainId, roleId,
                "iam:permissions:grantRoleToGroupOnDomain");
        return ResponseEntity.noContent().build();
    }

    @RequestMapping(path = DOMAIN + "/{role_id}", method = RequestMethod.HEAD)
    @RequiresAction(value = "iam:permissions:checkRoleForGroupOnDomain", resource = GrantService.RESOURCE)
    ResponseEntity<Void> checkOnDomain(Caller caller, @PathVariable("domain_id") String domainId,
            @PathVariable("group_id") String groupId, @PathVariable("role_id") String roleId) {
        return check(caller, groupId, Scope.DOMAIN, domainId, roleId);
    }

    @DeleteMapping(DOMAIN + "/{role_id}")
    @RequiresAction(value = "iam:permissions:revokeRoleFromGroupOnDomain", resource = GrantService.RESOURCE)
    ResponseEntity<Void> revokeOnDomain(Caller caller, @PathVariable("domain_id") String domainId,
            @PathVariable("group_id") String groupId, @PathVariable("role_id") String roleId) {
        grants.revoke(caller, Subject.GROUP, groupId, Scope.DOMAIN, domainId, roleId,
                "iam:permissions:revokeRoleFromGroupOnDomain");
        return ResponseEntity.noContent().build();
    }

    @GetMapping(DOMAIN)
    @RequiresAction(value = "iam:permissions:listRolesForGroupOnDomain", resource = GrantService.RESOURCE)
    RolesOut listOnDomain(Caller caller, @PathVariable("domain_id") String domainId,
            @PathVariable("group_id") String groupId) {
        return list(caller, groupId, Scope.DOMAIN, domainId,
                "/v3/domains/" + domainId + "/groups/" + groupId + "/roles");
    }

    // ---- on a project ------------------------------------------------------------------------

    @PutMapping(PROJECT + "/{role_id}")
    @RequiresAction(value = "iam:permissions:grantRoleToGroupOnProject", resource = GrantService.RESOURCE)
    ResponseEntity<Void> grantOnProject(Caller caller, @PathVariable("project_id") String projectId,
            @PathVariable("group_id") String groupId, @PathVariable("role_id") String roleId) {
        grants.grant(caller, Subject.GROUP, groupId, Scope.PROJECT, projectId, roleId,
                "iam:permissions:grantRoleToGroupOnProject");
        return ResponseEntity.noContent().build();
    }

    @RequestMapping(path = PROJECT + "/{role_id}", method = RequestMethod.HEAD)
    @RequiresAction(value = "iam:permissions:checkRoleForGroupOnProject", resource = GrantService.RESOURCE)
    ResponseEntity<Void> checkOnProject(Caller caller, @PathVariable("project_id") String projectId,
            @PathVariable("group_id") String groupId, @PathVariable("role_id") String roleId) {
        return check(caller, groupId, Scope.PROJECT, projectId, roleId);
    }

    @DeleteMapping(PROJECT + "/{role_id}")
    @RequiresAction(value = "iam:permissions:revokeRoleFromGroupOnProject", resource = GrantService.RESOURCE)
    ResponseEntity<Void> revokeOnProject(Caller caller, @PathVariable("project_id") String projectId,
            @PathVariable("group_id") String groupId, @PathVariable("role_id") String roleId) {
        grants.revoke(caller, Subject.GROUP, groupId, Scope.PROJECT, projectId, roleId,
                "iam:permissions:revokeRoleFromGroupOnProject");
        return ResponseEntity.noContent().build();
    }

    @GetMapping(PROJECT)
    @RequiresAction(value = "iam:permissions:listRolesForGroupOnProject", resource = GrantService.RESOURCE)
    RolesOut listOnProject(Caller caller, @PathVariable("project_id") String projectId,
            @PathVariable("group_id") String groupId) {
        return list(caller, groupId, Scope.PROJECT, projectId,
                "/v3/projects/" + projectId + "/groups/" + groupId + "/roles");
    }

    // ---- on all projects ---------------------------------------------------------------------

    @PutMapping(INHERITED + "/{role_id}/inherited_to_projects")
    @RequiresAction(value = "iam:permissions:grantRoleToGroup", resource = GrantService.RESOURCE)
    ResponseEntity<Void> grantOnAllProjects(Caller caller, @PathVariable("domain_id") String domainId,
            @PathVariable("group_id") String groupId, @PathVariable("role_id") String roleId) {
        grants.grant(caller, Subject.GROUP, groupId, Scope.INHERITED, domainId, roleId,
                "iam:permissions:grantRoleToGroup");
        return ResponseEntity.noContent().build();
    }

    @RequestMapping(path = INHERITED + "/{role_id}/inherited_to_projects", method = RequestMethod.HEAD)
    @RequiresAction(value = "iam:permissions:checkRoleForGroup", resource = GrantService.RESOURCE)
    ResponseEntity<Void> checkOnAllProjects(Caller caller, @PathVariable("domain_id") String domainId,
            @PathVariable("group_id") String groupId, @PathVariable("role_id") String roleId) {
        return check(caller, groupId, Scope.INHERITED, domainId, roleId);
    }

    @DeleteMapping(INHERITED + "/{role_id}/inherited_to_projects")
    @RequiresAction(value = "iam:permissions:revokeRoleFromGroup", resource = GrantService.RESOURCE)
    ResponseEntity<Void> revokeOnAllProjects(Caller caller, @PathVariable("domain_id") String domainId,
            @PathVariable("group_id") String groupId, @PathVariable("role_id") String roleId) {
        grants.revoke(caller, Subject.GROUP, groupId, Scope.INHERITED, domainId, roleId,
                "iam:permissions:revokeRoleFromGroup");
        return ResponseEntity.noContent().build();
    }

    @GetMapping(INHERITED + "/inherited_to_projects")
    @RequiresAction(value = "iam:permissions:listRolesForGroup", resource = GrantService.RESOURCE)
    RolesOut listOnAllProjects(Caller caller, @PathVariable("domain_id") String domainId,
            @PathVariable("group_id") String groupId) {
        return list(caller, groupId, Scope.INHERITED, domainId,
                "/v3/OS-INHERIT/domains/" + domainId + "/groups/" + groupId + "/roles/inherited_to_projects");
    }

    // ---- helpers -----------------------------------------------------------------------------

    private ResponseEntity<Void> check(Caller caller, String groupId, Scope scope, String scopeId, String roleId) {
        grants.check(caller, Subject.GROUP, groupId, scope, scopeId, roleId);
        return ResponseEntity.noContent().build();
    }

    private RolesOut list(Caller caller, String groupId, Scope scope, String scopeId, String path) {
        return RolesOut.of(grants.roles(caller, Subject.GROUP, groupId, scope, scopeId), urls, path);
    }
}
