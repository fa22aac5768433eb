package io.gatehouse.account;

import io.gatehouse.common.time.WireTime;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

@Repository
class ProjectStore {

    private final JdbcClient jdbc;

    ProjectStore(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    void insert(Project project) {
        jdbc.sql("""
                INSERT INTO project (id, domain_id, parent_id, name, description, enabled, is_default, status,
                  create_time)
                VALUES (:id, :domainId, :parentId, :name, :description, :enabled, :isDefault, :status, :createTime)""")
                .param("id", project.id()).param("domainId", project.domainId()).param("parentId", project.parentId())
                .param("name", project.name()).param("description", project.description())
                .param("enabled", project.enabled()).param("isDefault", project.isDefault())
                .param("status", project.status()).param("createTime", WireTime.toSql(project.createTime()))
                .update();
    }

    /** Writes the fields the API may change: name, description and status. */
    void update(Project project) {
        jdbc.sql("""
                UPDATE project SET name = :name, description = :description, status = :status
                WHERE domain_id = :domainId AND id = :id""")
                .param("name", project.name()).param("description", project.description())
                .param("status", project.status()).param("domainId", project.domainId()).param("id", project.id())
                .update();
    }

    Optional<Project> findById(String domainId, String id) {
        return jdbc.sql("SELECT * FROM project WHERE domain_id = :domainId AND id = :id")
                .param("domainId", domainId).param("id", id).query(ProjectStore::map).optional();
    }

    Optional<Project> lock(String domainId, String id) {
        return jdbc.sql("SELECT * FROM project WHERE domain_id = :domainId AND id = :id FOR UPDATE")
                .param("domainId", domainId).param("id", id).query(ProjectStore::map).optional();
    }

    Optional<Project> findByName(String domainId, String name) {
        return jdbc.sql("SELECT * FROM project WHERE domain_id = :domainId AND name = :name")
                .param("domainId", domainId).param("name", name).query(ProjectStore::map).optional();
    }

    Optional<Project> findDefault(String domainId) {
        return jdbc.sql("SELECT * FROM project WHERE domain_id = :domainId AND is_default = TRUE")
                .param("domainId", domainId).query(ProjectStore::map).optional();
    }

    List<Project> list(ProjectQuery q) {
        if (q.ids() != null && q.ids().isEmpty()) {
            return List.of();
        }
        List<String> where = new ArrayList<>(List.of("domain_id = :domainId"));
        if (q.name() != null) {
            where.add("name = :name");
        }
        if (q.parentId() != null) {
            where.add("parent_id = :parentId");
        }
        if (q.enabled() != null) {
            where.add("enabled = :enabled");
        }
        if (q.ids() != null) {
            where.add("id IN (:ids)");
        }
        JdbcClient.StatementSpec sql = jdbc.sql("SELECT * FROM project WHERE " + String.join(" AND ", where)
                + " ORDER BY name, id LIMIT :limit OFFSET :offset")
                .param("domainId", q.domainId()).param("limit", q.limit()).param("offset", q.offset());
        if (q.name() != null) {
            sql = sql.param("name", q.name());
        }
        if (q.parentId() != null) {
            sql = sql.param("parentId", q.parentId());
        }
        if (q.enabled() != null) {
            sql = sql.param("enabled", q.enabled());
        }
        if (q.ids() != null) {
            sql = sql.param("ids", List.copyOf(q.ids()));
        }
        return sql.query(ProjectStore::map).list();
    }

    private static Project map(ResultSet rs, int row) throws SQLException {
        return new Project(rs.getString("id"), rs.getString("domain_id"), rs.getString("parent_id"),
                rs.getString("name"), rs.getString("description"), rs.getBoolean("enabled"),
                rs.getBoolean("is_default"), rs.getString("status"),
                WireTime.fromSql(rs.getObject("create_time", OffsetDateTime.class)));
    }
}
