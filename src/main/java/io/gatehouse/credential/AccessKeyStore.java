package io.gatehouse.credential;

import io.gatehouse.common.time.WireTime;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

@Repository
class AccessKeyStore {

    private static final String COLUMNS =
            "access_key, user_id, domain_id, secret_enc, status, description, create_time, last_use_time";

    private final JdbcClient jdbc;
    private final JdbcTemplate batch;

    AccessKeyStore(JdbcClient jdbc, JdbcTemplate batch) {
        this.jdbc = jdbc;
        this.batch = batch;
    }

    void insert(AccessKey k) {
        jdbc.sql("INSERT INTO access_key (" + COLUMNS + ") VALUES (:ak, :userId, :domainId, :secret, :status, "
                        + ":description, :createTime, NULL)")
                .param("ak", k.accessKey()).param("userId", k.userId()).param("domainId", k.domainId())
                .param("secret", k.secretSealed()).param("status", k.status()).param("description", k.description())
                .param("createTime", WireTime.toSql(k.createTime())).update();
    }

    /** Within one account: another account's key is as absent as a missing one. */
    Optional<AccessKey> find(String domainId, String accessKey) {
        return jdbc.sql("SELECT " + COLUMNS + " FROM access_key WHERE access_key = :ak AND domain_id = :domainId")
                .param("ak", accessKey).param("domainId", domainId).query(AccessKeyStore::map).optional();
    }

    Optional<AccessKey> lock(String domainId, String accessKey) {
        return jdbc.sql("SELECT " + COLUMNS + " FROM access_key WHERE access_key = :ak AND domain_id = :domainId "
                        + "FOR UPDATE")
                .param("ak", accessKey).param("domainId", domainId).query(AccessKeyStore::map).optional();
    }

    /** For the signature check's cache, which learns the account from the key. */
    Optional<AccessKey> findAnyAccount(String accessKey) {
        return jdbc.sql("SELECT " + COLUMNS + " FROM access_key WHERE access_key = :ak")
                .param("ak", accessKey).query(AccessKeyStore::map).optional();
    }

    List<AccessKey> listByUser(String domainId, String userId) {
        return jdbc.sql("SELECT " + COLUMNS + " FROM access_key WHERE domain_id = :domainId AND user_id = :userId "
                        + "ORDER BY create_time, access_key")
                .param("domainId", domainId).param("userId", userId).query(AccessKeyStore::map).list();
    }

    int countByUser(String userId) {
        return jdbc.sql("SELECT COUNT(*) FROM access_key WHERE user_id = :userId").param("userId", userId)
                .query(Integer.class).single();
    }

    void update(String accessKey, boolean active, String description) {
        jdbc.sql("UPDATE access_key SET status = :status, description = :description WHERE access_key = :ak")
                .param("status", active ? AccessKey.ACTIVE : AccessKey.INACTIVE).param("description", description)
                .param("ak", accessKey).update();
    }

    void delete(String accessKey) {
        jdbc.sql("DELETE FROM access_key WHERE access_key = :ak").param("ak", accessKey).update();
    }

    /**
     * One batched statement for many keys' last use. A time never moves backwards, so batches from
     * several nodes may land in any order.
     */
    void recordLastUse(Map<String, Instant> lastUse) {
        List<Object[]> rows = lastUse.entrySet().stream()
                .map(e -> new Object[] {WireTime.toSql(e.getValue()), e.getKey(), WireTime.toSql(e.getValue())})
                .toList();
        batch.batchUpdate("UPDATE access_key SET last_use_time = ? WHERE access_key = ? "
                + "AND (last_use_time IS NULL OR last_use_time < ?)", rows);
    }

    private static AccessKey map(ResultSet rs, int row) throws SQLException {
        return new AccessKey(rs.getString("access_key"), rs.getString("user_id"), rs.getString("domain_id"),
                rs.getString("secret_enc"), AccessKey.ACTIVE.equals(rs.getString("status")),
                rs.getString("description"), time(rs, "create_time"), time(rs, "last_use_time"));
    }

    private static Instant time(ResultSet rs, String column) throws SQLException {
        return WireTime.fromSql(rs.getObject(column, OffsetDateTime.class));
    }
}
