package io.gatehouse.access;

import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * Which projects a user may work in: those where the user or one of its groups holds a role, and every
 * project of the account when a role is granted as inherited to all projects. A grant on the account alone
 * (global services) gives no project, as in Keystone. Read for listings only, never on the request path.
 */
@Component
public class ProjectGrants {

    private final JdbcClient jdbc;

    ProjectGrants(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /** The user's reach over the account's projects. */
    public Reach reachOf(String userId, String domainId) {
        List<Scope> scopes = jdbc.sql("""
                SELECT DISTINCT a.scope_type, a.scope_id FROM role_assignment a
                WHERE a.domain_id = :domainId AND a.scope_type IN ('project', 'inherited') AND (
                  (a.subject_type = 'user' AND a.subject_id = :userId) OR
                  (a.subject_type = 'group' AND a.subject_id IN
                     (SELECT group_id FROM group_member WHERE user_id = :userId)))""")
                .param("domainId", domainId).param("userId", userId).query(Scope.class).list();
        boolean all = scopes.stream().anyMatch(s -> s.scopeType().equals(RoleAssignmentStore.INHERITED)
                && s.scopeId().equals(domainId));
        Set<String> projectIds = new HashSet<>();
        scopes.stream().filter(s -> s.scopeType().equals(RoleAssignmentStore.PROJECT))
                .forEach(s -> projectIds.add(s.scopeId()));
        return new Reach(all, Set.copyOf(projectIds));
    }

    private record Scope(String scopeType, String scopeId) {
    }

    /** {@code allProjects}, or else only {@code projectIds}. */
    public record Reach(boolean allProjects, Set<String> projectIds) {
    }
}
