package io.gatehouse.access;

import io.gatehouse.common.time.WireTime;
import java.time.Instant;
import java.util.Optional;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

@Repository
class GroupStore {

    private final JdbcClient jdbc;

    GroupStore(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    void insert(String id, String domainId, String name, String description, boolean builtinAdmin, Instant now) {
        jdbc.sql("""
                INSERT INTO iam_group (id, domain_id, name, description, builtin_admin, create_time)
                VALUES (:id, :domainId, :name, :description, :admin, :now)""")
                .param("id", id).param("domainId", domainId).param("name", name).param("description", description)
                .param("admin", builtinAdmin).param("now", WireTime.toSql(now)).update();
    }

    void addMember(String groupId, String userId) {
        jdbc.sql("INSERT INTO group_member (group_id, user_id) VALUES (:groupId, :userId)")
                .param("groupId", groupId).param("userId", userId).update();
    }

    Optional<String> adminGroupId(String domainId) {
        return jdbc.sql("SELECT id FROM iam_group WHERE domain_id = :domainId AND builtin_admin = TRUE")
                .param("domainId", domainId).query(String.class).optional();
    }

    boolean inAdminGroup(String userId) {
        return jdbc.sql("""
                SELECT COUNT(*) FROM group_member m JOIN iam_group g ON g.id = m.group_id
                WHERE m.user_id = :userId AND g.builtin_admin = TRUE""")
                .param("userId", userId).query(Long.class).single() > 0;
    }
}
