package io.gatehouse.access;

import io.gatehouse.common.Ids;
import io.gatehouse.common.time.WireTime;
import java.time.Instant;
import java.util.List;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

@Repository
class RoleAssignmentStore {

    static final String DOMAIN = "domain";
    static final String PROJECT = "project";
    static final String INHERITED = "inherited";

    private final JdbcClient jdbc;

    RoleAssignmentStore(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    void assign(String domainId, String subjectType, String subjectId, String roleId, String scopeType, String scopeId,
            Instant now) {
        jdbc.sql("""
                INSERT INTO role_assignment (id, domain_id, subject_type, subject_id, role_id, scope_type, scope_id,
                  create_time) VALUES (:id, :domainId, :subjectType, :subjectId, :roleId, :scopeType, :scopeId, :now)""")
                .param("id", Ids.newId()).param("domainId", domainId).param("subjectType", subjectType)
                .param("subjectId", subjectId).param("roleId", roleId).param("scopeType", scopeType)
                .param("scopeId", scopeId).param("now", WireTime.toSql(now)).update();
    }

    /** Roles the user holds on a scope, directly or through its groups. */
    List<RoleRef> rolesOn(String userId, String domainId, String projectId) {
        String scope = projectId == null
                ? "(a.scope_type = 'domain' AND a.scope_id = :domainId)"
                : "((a.scope_type = 'project' AND a.scope_id = :projectId) OR "
                        + "(a.scope_type = 'inherited' AND a.scope_id = :domainId))";
        return jdbc.sql("""
                SELECT DISTINCT r.id, r.name FROM role_assignment a JOIN iam_role r ON r.id = a.role_id
                WHERE a.domain_id = :domainId AND %s AND (
                  (a.subject_type = 'user' AND a.subject_id = :userId) OR
                  (a.subject_type = 'group' AND a.subject_id IN
                     (SELECT group_id FROM group_member WHERE user_id = :userId)))
                ORDER BY r.name""".formatted(scope))
                .param("userId", userId).param("domainId", domainId).param("projectId", projectId)
                .query(RoleRef.class).list();
    }
}
