package io.gatehouse.access;

import io.gatehouse.access.GrantRepresentation.AssignmentView;
import io.gatehouse.access.GrantRepresentation.RoleAssignmentsOut;
import io.gatehouse.access.RoleAssignmentService.Filters;
import io.gatehouse.access.RoleAssignmentService.Page;
import io.gatehouse.common.web.Caller;
import io.gatehouse.common.web.RequiresAction;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/** {@code GET /v3.0/OS-PERMISSION/role-assignments}: the account's grant records (ShowDomainRoleAssignments). */
@RestController
class RoleAssignmentController {

    private final RoleAssignmentService assignments;

    RoleAssignmentController(RoleAssignmentService assignments) {
        this.assignments = assignments;
    }

    @GetMapping("/v3.0/OS-PERMISSION/role-assignments")
    @RequiresAction(value = "iam:permissions:listRoleAssignments", resource = GrantService.RESOURCE)
    RoleAssignmentsOut list(Caller caller, @RequestParam("domain_id") String domainId,
            @RequestParam(name = "role_id", required = false) String roleId,
            @RequestParam(name = "subject", required = false) String subject,
            @RequestParam(name = "subject.user_id", required = false) String subjectUserId,
            @RequestParam(name = "subject.group_id", required = false) String subjectGroupId,
            @RequestParam(name = "subject.agency_id", required = false) String subjectAgencyId,
            @RequestParam(name = "scope", required = false) String scope,
            @RequestParam(name = "scope.project_id", required = false) String scopeProjectId,
            @RequestParam(name = "scope.domain_id", required = false) String scopeDomainId,
            @RequestParam(name = "scope.enterprise_projects_id", required = false) String scopeEnterpriseProjectsId,
            @RequestParam(name = "is_inherited", required = false) String isInherited,
            @RequestParam(name = "include_group", required = false) String includeGroup,
            @RequestParam(name = "page", required = false) Integer page,
            @RequestParam(name = "per_page", required = false) Integer perPage) {
        Page found = assignments.list(caller, new Filters(domainId, roleId, subject, subjectUserId, subjectGroupId,
                subjectAgencyId, scope, scopeProjectId, scopeDomainId, scopeEnterpriseProjectsId, isInherited,
                includeGroup, page, perPage));
        return new RoleAssignmentsOut(found.assignments().stream().map(AssignmentView::of).toList(), found.total());
    }
}
