package io.gatehouse.project;

import io.gatehouse.account.AccountService;
import io.gatehouse.common.web.Caller;
import io.gatehouse.common.web.PublicUrl;
import io.gatehouse.common.web.RequiresAction;
import io.gatehouse.common.web.RequiresAction.Allow;
import io.gatehouse.project.ProjectRepresentation.DomainView;
import io.gatehouse.project.ProjectRepresentation.DomainsOut;
import io.gatehouse.project.ProjectRepresentation.ListLinks;
import io.gatehouse.project.ProjectRepresentation.ProjectView;
import io.gatehouse.project.ProjectRepresentation.ProjectsOut;
import io.gatehouse.project.ProjectRepresentation.ScopedProjectsOut;
import io.gatehouse.project.ProjectRepresentation.SelfLink;
import java.util.List;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RestController;

/**
 * What a user may scope a token to: the projects where it (or a group of it) holds a role, and its
 * account. {@code /v3/auth/*} answer for the caller's own token and need no grant.
 */
@RestController
class AccessibleScopesController {

    private final ProjectService projects;
    private final AccountService accounts;
    private final PublicUrl urls;

    AccessibleScopesController(ProjectService projects, AccountService accounts, PublicUrl urls) {
        this.projects = projects;
        this.accounts = accounts;
        this.urls = urls;
    }

    /** Every project the user has a role on, enabled or not, as Keystone lists them. */
    @GetMapping("/v3/users/{user_id}/projects")
    @RequiresAction(value = "iam:projects:listProjectsForUser", resource = ProjectService.RESOURCE,
            allow = Allow.SELF_OR_GRANTED)
    ProjectsOut listForUser(Caller caller, @PathVariable("user_id") String userId) {
        List<ProjectView> views = projects.accessibleBy(caller, userId, null).stream()
                .map(p -> ProjectView.of(p, urls.of("/v3/projects/" + p.id()))).toList();
        return new ProjectsOut(views, new ListLinks(urls.of("/v3/users/" + userId + "/projects"), null, null));
    }

    /** The enabled projects the caller's token could be scoped to. */
    @GetMapping("/v3/auth/projects")
    @RequiresAction(value = "iam:projects:listProjectsForUser", resource = ProjectService.RESOURCE,
            allow = Allow.AUTHENTICATED)
    ScopedProjectsOut listForToken(Caller caller) {
        List<ProjectView> views = projects.accessibleBy(caller, caller.userId(), Boolean.TRUE).stream()
                .map(p -> ProjectView.of(p, urls.of("/v3/projects/" + p.id()))).toList();
        return new ScopedProjectsOut(views, new SelfLink(urls.of("/v3/auth/projects")));
    }

    /** The caller's own account, the one domain a Gatehouse user can scope a token to. */
    @GetMapping("/v3/auth/domains")
    @RequiresAction(value = "iam:domains:listAuthDomains", resource = "domain", allow = Allow.AUTHENTICATED)
    DomainsOut listDomainsForToken(Caller caller) {
        List<DomainView> domains = accounts.find(caller.domainId()).stream()
                .map(a -> DomainView.of(a, urls.of("/v3/domains/" + a.id()))).toList();
        return new DomainsOut(domains, new SelfLink(urls.of("/v3/auth/domains")));
    }
}
