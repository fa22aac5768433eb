package io.gatehouse.account;

import io.gatehouse.common.time.WireTime;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.OffsetDateTime;
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
                INSERT INTO project (id, domain_id, name, description, enabled, is_default, create_time)
                VALUES (:id, :domainId, :name, :description, :enabled, :isDefault, :createTime)""")
                .param("id", project.id()).param("domainId", project.domainId()).param("name", project.name())
                .param("description", project.description()).param("enabled", project.enabled())
                .param("isDefault", project.isDefault()).param("createTime", WireTime.toSql(project.createTime()))
                .update();
    }

    Optional<Project> findById(String domainId, String id) {
        return jdbc.sql("SELECT * FROM project WHERE domain_id = :domainId AND id = :id")
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

    private static Project map(ResultSet rs, int row) throws SQLException {
        return new Project(rs.getString("id"), rs.getString("domain_id"), rs.getString("name"),
                rs.getString("description"), rs.getBoolean("enabled"), rs.getBoolean("is_default"),
                WireTime.fromSql(rs.getObject("create_time", OffsetDateTime.class)));
    }
}
