package io.gatehouse.project;

import io.gatehouse.account.Project;
import io.gatehouse.account.ProjectQuery;
import io.gatehouse.common.error.ApiException;
import io.gatehouse.common.error.IamError;
import io.gatehouse.common.web.Caller;
import io.gatehouse.common.web.PublicUrl;
import io.gatehouse.common.web.RequiresAction;
import io.gatehouse.project.ProjectRepresentation.ListLinks;
import io.gatehouse.project.ProjectRepresentation.ProjectBody;
import io.gatehouse.project.ProjectRepresentation.ProjectOut;
import io.gatehouse.project.ProjectRepresentation.ProjectStatusOut;
import io.gatehouse.project.ProjectRepresentation.ProjectStatusView;
import io.gatehouse.project.ProjectRepresentation.ProjectView;
import io.gatehouse.project.ProjectRepresentation.ProjectsOut;
import io.gatehouse.project.ProjectRepresentation.StatusBody;
import jakarta.servlet.http.HttpServletRequest;
import java.util.List;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PatchMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.util.UriComponentsBuilder;

/** {@code /v3/projects} (Keystone, as Huawei extends it) and {@code /v3-ext/projects/{id}} (status). */
@RestController
class ProjectController {

    static final int PER_PAGE_MAX = 5000;

    private final ProjectService projects;
    private final PublicUrl urls;

    ProjectController(ProjectService projects, PublicUrl urls) {
        this.projects = projects;
        this.urls = urls;
    }

    /**
     * The caller's account only: another account's {@code domain_id} and {@code is_domain=true} find
     * nothing. {@code page} and {@code per_page} go together, as Huawei documents; without them every
     * project comes back.
     */
    @GetMapping("/v3/projects")
    @RequiresAction(value = "iam:projects:listProjects", resource = ProjectService.RESOURCE)
    ProjectsOut list(Caller caller, @RequestParam(name = "domain_id", required = false) String domainId,
            @RequestParam(name = "name", required = false) String name,
            @RequestParam(name = "parent_id", required = false) String parentId,
            @RequestParam(name = "enabled", required = false) String enabled,
            @RequestParam(name = "is_domain", required = false) String isDomain,
            @RequestParam(name = "page", required = false) String page,
            @RequestParam(name = "per_page", required = false) String perPage, HttpServletRequest request) {
        Boolean enabledFilter = QueryParameters.parseBoolean("enabled", enabled);
        Boolean isDomainFilter = QueryParameters.parseBoolean("is_domain", isDomain);
        Paging paging = Paging.of(page, perPage);
        String self = urls.of("/v3/projects");
        if (domainId != null && !domainId.equals(caller.domainId()) || Boolean.TRUE.equals(isDomainFilter)) {
            return new ProjectsOut(List.of(), new ListLinks(self, null, null));
        }
        List<Project> found = projects.list(new ProjectQuery(caller.domainId(), name, parentId, enabledFilter, null,
                paging.offset(), paging.fetch()));
        List<ProjectView> views = found.stream().limit(paging.size()).map(this::view).toList();
        return new ProjectsOut(views, new ListLinks(self, paging.previous(self, request.getQueryString()),
                paging.next(self, request.getQueryString(), found.size())));
    }

    @PostMapping("/v3/projects")
    @RequiresAction(value = "iam:projects:createProject", resource = ProjectService.RESOURCE)
    ResponseEntity<ProjectOut> create(Caller caller, @RequestBody ProjectBody body) {
        if (body.project() == null) {
            throw IamError.REQUIRED_PROPERTY.exception("project");
        }
        return ResponseEntity.status(HttpStatus.CREATED)
                .body(new ProjectOut(view(projects.create(caller, body.project().fields()))));
    }

    @GetMapping("/v3/projects/{project_id}")
    @RequiresAction(value = "iam:projects:getProject", resource = ProjectService.RESOURCE)
    ProjectOut show(Caller caller, @PathVariable("project_id") String projectId) {
        return new ProjectOut(view(projects.get(caller, projectId)));
    }

    @PatchMapping("/v3/projects/{project_id}")
    @RequiresAction(value = "iam:projects:updateProject", resource = ProjectService.RESOURCE)
    ProjectOut update(Caller caller, @PathVariable("project_id") String projectId, @RequestBody ProjectBody body) {
        if (body.project() == null) {
            throw IamError.REQUIRED_PROPERTY.exception("project");
        }
        return new ProjectOut(view(projects.update(caller, projectId, body.project().fields())).withExtra());
    }

    @GetMapping("/v3-ext/projects/{project_id}")
    @RequiresAction(value = "iam:projects:getProject", resource = ProjectService.RESOURCE)
    ProjectStatusOut showStatus(Caller caller, @PathVariable("project_id") String projectId) {
        return new ProjectStatusOut(ProjectStatusView.of(projects.get(caller, projectId)));
    }

    @PutMapping("/v3-ext/projects/{project_id}")
    @RequiresAction(value = "iam:projects:updateProjectStatus", resource = ProjectService.RESOURCE)
    ResponseEntity<Void> updateStatus(Caller caller, @PathVariable("project_id") String projectId,
            @RequestBody StatusBody body) {
        if (body.project() == null) {
            throw IamError.REQUIRED_PROPERTY.exception("project");
        }
        projects.setStatus(caller, projectId, body.project().status());
        return ResponseEntity.noContent().build();
    }

    private ProjectView view(Project p) {
        return ProjectView.of(p, urls.of("/v3/projects/" + p.id()));
    }

    /** Huawei's page (from 1) and per_page (1 to 5000), or everything when neither is given. */
    private record Paging(int page, int size) {

        static Paging of(String page, String perPage) {
            if (page == null && perPage == null) {
                return new Paging(1, Integer.MAX_VALUE - 1);
            }
            if (page == null || perPage == null) {
                throw new ApiException(IamError.INVALID_PARAMETER,
                        "Request parameter page is invalid: page and per_page must be given together.");
            }
            int p = QueryParameters.parseInt("page", page, 1, Integer.MAX_VALUE);
            int size = QueryParameters.parseInt("per_page", perPage, 1, PER_PAGE_MAX);
            if ((long) (p - 1) * size > Integer.MAX_VALUE - size - 1) {
                throw IamError.INVALID_PARAMETER.exception("page");
            }
            return new Paging(p, size);
        }

        int offset() {
            return (page - 1) * size;
        }

        /** One more than the page, to know whether a next page exists. */
        int fetch() {
            return size + 1;
        }

        String previous(String self, String query) {
            return page > 1 ? pageLink(self, query, page - 1) : null;
        }

        String next(String self, String query, int fetched) {
            return fetched > size ? pageLink(self, query, page + 1) : null;
        }

        /** The same query, filters included and kept as the client encoded them, on another page. */
        private String pageLink(String self, String query, int other) {
            return UriComponentsBuilder.fromUriString(self).query(query).replaceQueryParam("page")
                    .replaceQueryParam("per_page").queryParam("page", other).queryParam("per_page", size).build()
                    .toUriString();
        }
    }
}
