package io.gatehouse.access;

import io.gatehouse.common.time.WireTime;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.Optional;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

@Repository
class GroupStore {

    private static final String COLUMNS = "id, domain_id, name, description, builtin_admin, create_time";

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

    Optional<Group> find(String domainId, String id) {
        return jdbc.sql("SELECT " + COLUMNS + " FROM iam_group WHERE id = :id AND domain_id = :domainId")
                .param("id", id).param("domainId", domainId).query(GroupStore::map).optional();
    }

    /** Reads the group and locks its row until the transaction ends: its writes, and its delete, queue. */
    Optional<Group> lock(String domainId, String id) {
        return jdbc.sql("SELECT " + COLUMNS + " FROM iam_group WHERE id = :id AND domain_id = :domainId FOR UPDATE")
                .param("id", id).param("domainId", domainId).query(GroupStore::map).optional();
    }

    /** The account's groups, by creation; {@code name} (exact) when not null. */
    List<Group> list(String domainId, String name) {
        return jdbc.sql("SELECT " + COLUMNS + " FROM iam_group WHERE domain_id = :domainId"
                + (name == null ? "" : " AND name = :name") + " ORDER BY create_time, id")
                .param("domainId", domainId).param("name", name).query(GroupStore::map).list();
    }

    /** The groups the user belongs to, by creation. */
    List<Group> groupsOf(String domainId, String userId) {
        return jdbc.sql("SELECT " + COLUMNS.replaceAll("(\\w+)", "g.$1") + """
                 FROM iam_group g JOIN group_member m ON m.group_id = g.id
                WHERE m.user_id = :userId AND g.domain_id = :domainId ORDER BY g.create_time, g.id""")
                .param("userId", userId).param("domainId", domainId).query(GroupStore::map).list();
    }

    boolean nameTaken(String domainId, String name, String exceptId) {
        return jdbc.sql("SELECT COUNT(*) FROM iam_group WHERE domain_id = :domainId AND name = :name AND id <> :id")
                .param("domainId", domainId).param("name", name).param("id", exceptId == null ? "" : exceptId)
                .query(Long.class).single() > 0;
    }

    void update(String id, String name, String description) {
        jdbc.sql("UPDATE iam_group SET name = :name, description = :description WHERE id = :id")
                .param("name", name).param("description", description).param("id", id).update();
    }

    /** Deletes the group; its memberships go with it (ON DELETE CASCADE). */
    void delete(String id) {
        jdbc.sql("DELETE FROM iam_group WHERE id = :id").param("id", id).update();
    }

    /** Adds the member unless it is one already; true when it was added. */
    boolean addMember(String groupId, String userId) {
        if (isMember(groupId, userId)) {
            return false;
        }
        jdbc.sql("INSERT INTO group_member (group_id, user_id) VALUES (:groupId, :userId)")
                .param("groupId", groupId).param("userId", userId).update();
        return true;
    }

    boolean removeMember(String groupId, String userId) {
        return jdbc.sql("DELETE FROM group_member WHERE group_id = :groupId AND user_id = :userId")
                .param("groupId", groupId).param("userId", userId).update() == 1;
    }

    boolean isMember(String groupId, String userId) {
        return jdbc.sql("SELECT COUNT(*) FROM group_member WHERE group_id = :groupId AND user_id = :userId")
                .param("groupId", groupId).param("userId", userId).query(Long.class).single() > 0;
    }

    /** Member ids in id order, after {@code marker} when not null, at most {@code limit}. */
    List<String> memberIds(String groupId, String marker, int limit) {
        return jdbc.sql("SELECT user_id FROM group_member WHERE group_id = :groupId"
                + (marker == null ? "" : " AND user_id > :marker") + " ORDER BY user_id LIMIT :limit")
                .param("groupId", groupId).param("marker", marker).param("limit", limit)
                .query(String.class).list();
    }

    Optional<String> adminGroupId(String domainId) {
        return jdbc.sql("SELECT id FROM iam_group WHERE domain_id = :domainId AND builtin_admin = TRUE")
                .param("domainId", domainId).query(String.class).optional();
    }

    private static Group map(ResultSet rs, int row) throws SQLException {
        return new Group(rs.getString("id"), rs.getString("domain_id"), rs.getString("name"),
                rs.getString("description"), rs.getBoolean("builtin_admin"),
                WireTime.fromSql(rs.getObject("create_time", OffsetDateTime.class)));
    }
}
