package io.gatehouse.access;

import io.gatehouse.common.Ids;
import io.gatehouse.common.time.WireTime;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

@Repository
class RoleAssignmentStore {

    static final String DOMAIN = "domain";
    static final String PROJECT = "project";
    static final String INHERITED = "inherited";
    static final String USER = "user";
    static final String GROUP = "group";

    private static final String ROLE_COLUMNS =
            "r.id, r.domain_id, r.name, r.display_name, r.type, r.catalog, r.description, r.policy, r.create_time";

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

    /** Adds the grant unless it exists; true when it was added. Callers hold the subject's row lock. */
    boolean grant(String domainId, Grant grant, Instant now) {
        if (exists(grant)) {
            return false;
        }
        assign(domainId, grant.subjectType(), grant.subjectId(), grant.roleId(), grant.scopeType(), grant.scopeId(), now);
        return true;
    }

    boolean exists(Grant grant) {
        return jdbc.sql("""
                SELECT COUNT(*) FROM role_assignment WHERE subject_type = :subjectType AND subject_id = :subjectId
                  AND role_id = :roleId AND scope_type = :scopeType AND scope_id = :scopeId""")
                .params(params(grant)).query(Long.class).single() > 0;
    }

    boolean revoke(Grant grant) {
        return jdbc.sql("""
                DELETE FROM role_assignment WHERE subject_type = :subjectType AND subject_id = :subjectId
                  AND role_id = :roleId AND scope_type = :scopeType AND scope_id = :scopeId""")
                .params(params(grant)).update() == 1;
    }

    /** Every grant of a user or group, when it is deleted. */
    int revokeAll(String subjectType, String subjectId) {
        return jdbc.sql("DELETE FROM role_assignment WHERE subject_type = :subjectType AND subject_id = :subjectId")
                .param("subjectType", subjectType).param("subjectId", subjectId).update();
    }

    /** The roles granted to the subject itself on one scope, by name. */
    List<GrantedRole> rolesOf(String subjectType, String subjectId, String scopeType, String scopeId) {
        return jdbc.sql("SELECT " + ROLE_COLUMNS + """
                 FROM role_assignment a JOIN iam_role r ON r.id = a.role_id
                WHERE a.subject_type = :subjectType AND a.subject_id = :subjectId AND a.scope_type = :scopeType
                  AND a.scope_id = :scopeId ORDER BY r.name""")
                .param("subjectType", subjectType).param("subjectId", subjectId).param("scopeType", scopeType)
                .param("scopeId", scopeId).query(RoleAssignmentStore::mapRole).list();
    }

    /** A role the account may grant: a system role, or one of the account's own custom policies. */
    Optional<GrantedRole> grantableRole(String domainId, String roleId) {
        return jdbc.sql("SELECT " + ROLE_COLUMNS + " FROM iam_role r WHERE r.id = :id AND (r.domain_id IS NULL "
                + "OR r.domain_id = :domainId)").param("id", roleId).param("domainId", domainId)
                .query(RoleAssignmentStore::mapRole).optional();
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

    /** One page of the account's grants that match the query, in id order. */
    List<Grant> find(RoleAssignmentQuery query, long offset, int limit) {
        Map<String, Object> params = new HashMap<>();
        String where = where(query, params);
        params.put("offset", offset);
        params.put("limit", limit);
        return jdbc.sql("SELECT a.subject_type, a.subject_id, a.role_id, a.scope_type, a.scope_id "
                + "FROM role_assignment a WHERE " + where + " ORDER BY a.id LIMIT :limit OFFSET :offset")
                .params(params).query((rs, row) -> new Grant(rs.getString("subject_type"), rs.getString("subject_id"),
                        rs.getString("role_id"), rs.getString("scope_type"), rs.getString("scope_id"))).list();
    }

    long count(RoleAssignmentQuery query) {
        Map<String, Object> params = new HashMap<>();
        return jdbc.sql("SELECT COUNT(*) FROM role_assignment a WHERE " + where(query, params)).params(params)
                .query(Long.class).single();
    }

    private static String where(RoleAssignmentQuery q, Map<String, Object> params) {
        StringBuilder sql = new StringBuilder("a.domain_id = :domainId");
        params.put("domainId", q.domainId());
        if (q.roleId() != null) {
            sql.append(" AND a.role_id = :roleId");
            params.put("roleId", q.roleId());
        }
        if (q.subjectId() == null && q.subjectType() != null) {
            sql.append(" AND a.subject_type = :subjectType");
            params.put("subjectType", q.subjectType());
        } else if (q.subjectId() != null) {
            params.put("subjectId", q.subjectId());
            String own = "(a.subject_type = :subjectType AND a.subject_id = :subjectId)";
            params.put("subjectType", q.subjectType());
            sql.append(q.includeGroupsOfUser()
                    ? " AND (" + own + " OR (a.subject_type = 'group' AND a.subject_id IN "
                            + "(SELECT group_id FROM group_member WHERE user_id = :subjectId)))"
                    : " AND " + own);
        }
        if (q.scopeType() != null) {
            sql.append(" AND a.scope_type = :scopeType");
            params.put("scopeType", q.scopeType());
        }
        if (q.scopeId() != null) {
            sql.append(" AND a.scope_id = :scopeId");
            params.put("scopeId", q.scopeId());
        }
        return sql.toString();
    }

    private static Map<String, Object> params(Grant g) {
        return Map.of("subjectType", g.subjectType(), "subjectId", g.subjectId(), "roleId", g.roleId(),
                "scopeType", g.scopeType(), "scopeId", g.scopeId());
    }

    private static GrantedRole mapRole(ResultSet rs, int row) throws SQLException {
        return new GrantedRole(rs.getString("id"), rs.getString("domain_id"), rs.getString("name"),
                rs.getString("display_name"), rs.getString("type"), rs.getString("catalog"),
                rs.getString("description"), rs.getString("policy"),
                WireTime.fromSql(rs.getObject("create_time", OffsetDateTime.class)));
    }
}
