package io.gatehouse.project;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonInclude;
import io.gatehouse.account.Account;
import io.gatehouse.account.Project;
import java.util.List;
import java.util.Map;

/** The project bodies of the Keystone API and of Huawei's {@code /v3-ext}. */
final class ProjectRepresentation {

    private ProjectRepresentation() {
    }

    // ---- requests: lenient, as Keystone clients send extra members ----------------------------

    @JsonIgnoreProperties(ignoreUnknown = true)
    record ProjectBody(ProjectIn project) {
    }

    @JsonIgnoreProperties(ignoreUnknown = true)
    record ProjectIn(String name, String parentId, String domainId, String description) {
        ProjectService.ProjectFields fields() {
            return new ProjectService.ProjectFields(name, parentId, domainId, description);
        }
    }

    @JsonIgnoreProperties(ignoreUnknown = true)
    record StatusBody(StatusIn project) {
    }

    @JsonIgnoreProperties(ignoreUnknown = true)
    record StatusIn(String status) {
    }

    // ---- responses -------------------------------------------------------------------------------

    record SelfLink(String self) {
    }

    /** Keystone's list links; {@code previous} and {@code next} are null unless a page has them. */
    @JsonInclude(JsonInclude.Include.ALWAYS)
    record ListLinks(String self, String previous, String next) {
    }

    /** {@code extra} is sent by an update only, as Huawei documents it. */
    record ProjectView(Boolean isDomain, String description, SelfLink links, boolean enabled, String id,
            String parentId, String domainId, String name, Map<String, Object> extra) {

        static ProjectView of(Project p, String self) {
            return new ProjectView(false, p.description() == null ? "" : p.description(), new SelfLink(self),
                    p.enabled(), p.id(), p.parentId(), p.domainId(), p.name(), null);
        }

        ProjectView withExtra() {
            return new ProjectView(isDomain, description, links, enabled, id, parentId, domainId, name, Map.of());
        }
    }

    record ProjectOut(ProjectView project) {
    }

    record ProjectsOut(List<ProjectView> projects, ListLinks links) {
    }

    /** {@code GET /v3-ext/projects/{id}}: the project with its status. */
    record ProjectStatusView(String domainId, Boolean isDomain, String parentId, String name, String description,
            String id, boolean enabled, String status) {

        static ProjectStatusView of(Project p) {
            return new ProjectStatusView(p.domainId(), false, p.parentId(), p.name(),
                    p.description() == null ? "" : p.description(), p.id(), p.enabled(), p.status());
        }
    }

    record ProjectStatusOut(ProjectStatusView project) {
    }

    /** Projects the caller may scope a token to; links hold only {@code self}. */
    record ScopedProjectsOut(List<ProjectView> projects, SelfLink links) {
    }

    record DomainView(String id, String name, boolean enabled, String description, SelfLink links) {

        static DomainView of(Account a, String self) {
            return new DomainView(a.id(), a.name(), a.enabled(), "", new SelfLink(self));
        }
    }

    record DomainsOut(List<DomainView> domains, SelfLink links) {
    }
}
