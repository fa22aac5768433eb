package io.gatehouse.access;

import io.gatehouse.common.error.ApiException;
import io.gatehouse.common.error.IamError;
import io.gatehouse.common.web.Caller;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.stream.Stream;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Service;

/**
 * The account's grant records, filtered and paged as {@code GET /v3.0/OS-PERMISSION/role-assignments}
 * documents it. Gatehouse has no agencies and no enterprise projects, so filters on them match nothing.
 */
@Service
public class RoleAssignmentService {

    static final int PER_PAGE_MAX = 50;

    private final RoleAssignmentStore assignments;
    private final int listLimit;

    RoleAssignmentService(RoleAssignmentStore assignments, @Value("${gatehouse.list-limit:1000}") int listLimit) {
        this.assignments = assignments;
        this.listLimit = listLimit;
    }

    /** The documented query parameters, as sent (null when absent). */
    public record Filters(String domainId, String roleId, String subject, String subjectUserId, String subjectGroupId,
            String subjectAgencyId, String scope, String scopeProjectId, String scopeDomainId,
            String scopeEnterpriseProjectsId, String isInherited, String includeGroup, Integer page, Integer perPage) {
    }

    /** One page of records and how many match in all. */
    public record Page(List<Grant> assignments, long total) {
    }

    /**
     * Without {@code page} and {@code per_page}, the first {@code gatehouse.list-limit} records come back
     * and {@code total} tells whether there are more.
     */
    public Page list(Caller caller, Filters f) {
        caller.requireOwnAccount(f.domainId());
        requireAtMostOne("subject", "subject, subject.user_id, subject.group_id and subject.agency_id",
                f.subject(), f.subjectUserId(), f.subjectGroupId(), f.subjectAgencyId());
        requireAtMostOne("scope", "scope, scope.project_id, scope.domain_id and scope.enterprise_projects_id",
                f.scope(), f.scopeProjectId(), f.scopeDomainId(), f.scopeEnterpriseProjectsId());
        boolean inherited = bool("is_inherited", f.isInherited(), false);
        boolean includeGroup = bool("include_group", f.includeGroup(), true);
        long offset = 0;
        int limit = listLimit;
        if (f.page() != null || f.perPage() != null) {
            if (f.page() == null || f.perPage() == null) {
                throw invalid(f.page() == null ? "page" : "per_page", "page and per_page go together");
            }
            if (f.page() < 1) {
                throw invalid("page", "the first page is 1");
            }
            if (f.perPage() < 1 || f.perPage() > PER_PAGE_MAX) {
                throw invalid("per_page", "it must be 1 to " + PER_PAGE_MAX);
            }
            offset = (long) (f.page() - 1) * f.perPage();
            limit = f.perPage();
        }
        RoleAssignmentQuery query = query(caller, f, inherited, includeGroup);
        if (query == null) {
            return new Page(List.of(), 0);
        }
        return new Page(assignments.find(query, offset, limit), assignments.count(query));
    }

    /** The store's query for the filters, or null when they can match nothing in Gatehouse. */
    private static RoleAssignmentQuery query(Caller caller, Filters f, boolean inherited, boolean includeGroup) {
        String subjectType = null;
        String subjectId = null;
        if (f.subject() != null) {
            switch (f.subject()) {
                case "user", "group" -> subjectType = f.subject();
                case "agency" -> {
                    return null;
                }
                default -> throw invalid("subject", "it must be user, group or agency");
            }
        } else if (f.subjectUserId() != null) {
            subjectType = RoleAssignmentStore.USER;
            subjectId = f.subjectUserId();
        } else if (f.subjectGroupId() != null) {
            subjectType = RoleAssignmentStore.GROUP;
            subjectId = f.subjectGroupId();
        } else if (f.subjectAgencyId() != null) {
            return null;
        }
        String scopeType = null;
        String scopeId = null;
        String domainScope = inherited ? RoleAssignmentStore.INHERITED : RoleAssignmentStore.DOMAIN;
        if (f.scope() != null) {
            switch (f.scope()) {
                case "domain" -> scopeType = domainScope;
                case "project" -> scopeType = RoleAssignmentStore.PROJECT;
                case "enterprise_project" -> {
                    return null;
                }
                default -> throw invalid("scope", "it must be project, domain or enterprise_project");
            }
        } else if (f.scopeProjectId() != null) {
            scopeType = RoleAssignmentStore.PROJECT;
            scopeId = f.scopeProjectId();
        } else if (f.scopeDomainId() != null) {
            if (!f.scopeDomainId().equals(caller.domainId())) {
                return null;
            }
            scopeType = domainScope;
        } else if (f.scopeEnterpriseProjectsId() != null) {
            return null;
        }
        return new RoleAssignmentQuery(caller.domainId(), f.roleId(), subjectType, subjectId,
                includeGroup && RoleAssignmentStore.USER.equals(subjectType) && subjectId != null, scopeType, scopeId);
    }

    private static void requireAtMostOne(String name, String names, String... values) {
        if (Stream.of(values).filter(Objects::nonNull).count() > 1) {
            throw invalid(name, names + " exclude each other; give at most one");
        }
    }

    private static boolean bool(String name, String value, boolean absent) {
        if (value == null) {
            return absent;
        }
        return switch (value.toLowerCase(Locale.ROOT)) {
            case "true" -> true;
            case "false" -> false;
            default -> throw invalid(name, "it must be true or false");
        };
    }

    private static ApiException invalid(String name, String why) {
        return new ApiException(IamError.INVALID_PARAMETER, "Request parameter " + name + " is invalid: " + why + ".");
    }
}
