package io.gatehouse.access;

import io.gatehouse.common.time.WireTime;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.Optional;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/** System roles and custom policies ({@code iam_role}), and the policies granted to a user. */
@Repository
class RoleStore {

    private static final String COLUMNS = "id, domain_id, name, display_name, type, catalog, description, "
            + "description_cn, policy, create_time, update_time";

    private final JdbcClient jdbc;

    RoleStore(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /** The filters of a list; null means not filtered. {@code domainId} null lists the system roles. */
    record Filter(String domainId, String name, String displayName, String catalog, List<String> types) {
    }

    Optional<Role> find(String id) {
        return jdbc.sql("SELECT " + COLUMNS + " FROM iam_role WHERE id = :id").param("id", id)
                .query(RoleStore::role).optional();
    }

    /** A custom policy of the account, its row locked for an update or a delete. */
    Optional<Role> lockCustom(String domainId, String id) {
        return jdbc.sql("SELECT " + COLUMNS + " FROM iam_role WHERE id = :id AND domain_id = :domainId FOR UPDATE")
                .param("id", id).param("domainId", domainId).query(RoleStore::role).optional();
    }

    List<Role> list(Filter filter, int offset, int limit) {
        return jdbc.sql("SELECT " + COLUMNS + " FROM iam_role WHERE " + where(filter)
                        + " ORDER BY create_time, id LIMIT :limit OFFSET :offset")
                .param("name", filter.name()).param("domainId", filter.domainId()).param("displayName", filter.displayName())
                .param("catalog", filter.catalog()).param("types", filter.types())
                .param("limit", limit).param("offset", offset).query(RoleStore::role).list();
    }

    long count(Filter filter) {
        return jdbc.sql("SELECT COUNT(*) FROM iam_role WHERE " + where(filter))
                .param("name", filter.name()).param("domainId", filter.domainId()).param("displayName", filter.displayName())
                .param("catalog", filter.catalog()).param("types", filter.types())
                .query(Long.class).single();
    }

    void insert(Role role) {
        jdbc.sql("INSERT INTO iam_role (" + COLUMNS + ") VALUES (:id, :domainId, :name, :displayName, :type, "
                        + ":catalog, :description, :descriptionCn, :policy, :createTime, :updateTime)")
                .param("id", role.id()).param("domainId", role.domainId()).param("name", role.name())
                .param("displayName", role.displayName()).param("type", role.type()).param("catalog", role.catalog())
                .param("description", role.description()).param("descriptionCn", role.descriptionCn())
                .param("policy", role.policy()).param("createTime", WireTime.toSql(role.createTime()))
                .param("updateTime", WireTime.toSql(role.updateTime())).update();
    }

    void update(Role role) {
        jdbc.sql("""
                UPDATE iam_role SET display_name = :displayName, type = :type, description = :description,
                  description_cn = :descriptionCn, policy = :policy, update_time = :updateTime WHERE id = :id""")
                .param("id", role.id()).param("displayName", role.displayName()).param("type", role.type())
                .param("description", role.description()).param("descriptionCn", role.descriptionCn())
                .param("policy", role.policy()).param("updateTime", WireTime.toSql(role.updateTime())).update();
    }

    void delete(String id) {
        jdbc.sql("DELETE FROM iam_role WHERE id = :id").param("id", id).update();
    }

    long grantCount(String roleId) {
        return jdbc.sql("SELECT COUNT(*) FROM role_assignment WHERE role_id = :roleId").param("roleId", roleId)
                .query(Long.class).single();
    }

    /** A role granted to a user on a scope, directly or through one of its groups. */
    record GrantedRole(String scopeType, String scopeId, String roleId, String policy) {
    }

    /** Every grant of the account that reaches the user, with its role's policy: one query, for the decision cache. */
    List<GrantedRole> grantsReaching(String userId, String domainId) {
        return jdbc.sql("""
                SELECT a.scope_type, a.scope_id, r.id AS role_id, r.policy
                FROM role_assignment a JOIN iam_role r ON r.id = a.role_id
                WHERE a.domain_id = :domainId AND (
                  (a.subject_type = 'user' AND a.subject_id = :userId) OR
                  (a.subject_type = 'group' AND a.subject_id IN
                     (SELECT group_id FROM group_member WHERE user_id = :userId)))""")
                .param("userId", userId).param("domainId", domainId).query(GrantedRole.class).list();
    }

    private static String where(Filter filter) {
        StringBuilder where = new StringBuilder(filter.domainId() == null ? "domain_id IS NULL" : "domain_id = :domainId");
        if (filter.name() != null) {
            where.append(" AND name = :name");
        }
        if (filter.displayName() != null) {
            where.append(" AND display_name = :displayName");
        }
        if (filter.catalog() != null) {
            where.append(" AND catalog = :catalog");
        }
        if (filter.types() != null) {
            where.append(" AND type IN (:types)");
        }
        return where.toString();
    }

    private static Role role(ResultSet rs, int row) throws SQLException {
        return new Role(rs.getString("id"), rs.getString("domain_id"), rs.getString("name"),
                rs.getString("display_name"), rs.getString("type"), rs.getString("catalog"),
                rs.getString("description"), rs.getString("description_cn"), rs.getString("policy"),
                WireTime.fromSql(rs.getObject("create_time", OffsetDateTime.class)),
                WireTime.fromSql(rs.getObject("update_time", OffsetDateTime.class)));
    }
}
