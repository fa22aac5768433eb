package io.gatehouse.user;

import io.gatehouse.common.db.WritesAtCommit;
import io.gatehouse.common.time.WireTime;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

@Repository
class UserStore {

    private static final String COLUMNS = """
            id, domain_id, name, password_hash, email, areacode, phone, enabled, is_domain_owner, access_mode,
            description, xuser_type, xuser_id, pwd_status, pwd_strength, pwd_create_time, modify_pwd_time,
            last_pwd_auth_time, password_expires_at, default_project_id, last_project_id, create_time, update_time,
            last_login_time, tokens_not_before, version""";

    private final JdbcClient jdbc;
    private final WritesAtCommit atCommit;

    UserStore(JdbcClient jdbc, WritesAtCommit atCommit) {
        this.jdbc = jdbc;
        this.atCommit = atCommit;
    }

    void insert(User u) {
        jdbc.sql("INSERT INTO iam_user (" + COLUMNS + ", email_key) VALUES (:id, :domainId, :name, :passwordHash, "
                + ":email, :areacode, :phone, :enabled, :domainOwner, :accessMode, :description, :xuserType, :xuserId, "
                + ":pwdStatus, :pwdStrength, :pwdCreateTime, :modifyPwdTime, :lastPwdAuthTime, :passwordExpiresAt, "
                + ":defaultProjectId, :lastProjectId, :createTime, :updateTime, :lastLoginTime, :tokensNotBefore, "
                + ":version, :emailKey)")
                .params(params(u)).param("emailKey", emailKey(u.email())).update();
    }

    /**
     * Writes the whole row if it is still at the version the change was computed from ({@code version - 1});
     * false when another writer got there first.
     */
    boolean update(User u) {
        return jdbc.sql("""
                UPDATE iam_user SET name = :name, password_hash = :passwordHash, email = :email, email_key = :emailKey,
                  areacode = :areacode, phone = :phone, enabled = :enabled, access_mode = :accessMode,
                  description = :description, xuser_type = :xuserType, xuser_id = :xuserId, pwd_status = :pwdStatus,
                  pwd_strength = :pwdStrength, pwd_create_time = :pwdCreateTime, modify_pwd_time = :modifyPwdTime,
                  password_expires_at = :passwordExpiresAt, update_time = :updateTime,
                  tokens_not_before = :tokensNotBefore, version = :version
                WHERE id = :id AND version = :readVersion""").params(params(u)).param("emailKey", emailKey(u.email()))
                .param("readVersion", u.version() - 1).update() == 1;
    }

    Optional<User> find(String domainId, String id) {
        return jdbc.sql("SELECT " + COLUMNS + " FROM iam_user WHERE id = :id AND domain_id = :domainId")
                .param("id", id).param("domainId", domainId).query(UserStore::map).optional();
    }

    /** The account's users among {@code ids}, in id order; ids of other accounts or of no user are left out. */
    List<User> findAll(String domainId, List<String> ids) {
        if (ids.isEmpty()) {
            return List.of();
        }
        return jdbc.sql("SELECT " + COLUMNS + " FROM iam_user WHERE domain_id = :domainId AND id IN (:ids) ORDER BY id")
                .param("domainId", domainId).param("ids", ids).query(UserStore::map).list();
    }

    Optional<User> findAnyAccount(String id) {
        return jdbc.sql("SELECT " + COLUMNS + " FROM iam_user WHERE id = :id").param("id", id)
                .query(UserStore::map).optional();
    }

    Optional<User> findByName(String domainId, String name) {
        return jdbc.sql("SELECT " + COLUMNS + " FROM iam_user WHERE domain_id = :domainId AND name = :name")
                .param("domainId", domainId).param("name", name).query(UserStore::map).optional();
    }

    /** Reads the row and locks it until the transaction ends, so concurrent updates of one user queue. */
    Optional<User> lock(String domainId, String id) {
        return jdbc.sql("SELECT " + COLUMNS + " FROM iam_user WHERE id = :id AND domain_id = :domainId FOR UPDATE")
                .param("id", id).param("domainId", domainId).query(UserStore::map).optional();
    }

    boolean nameTaken(String domainId, String name, String exceptId) {
        return exists("name = :value", domainId, name, exceptId);
    }

    boolean emailTaken(String domainId, String email, String exceptId) {
        return exists("email_key = :value", domainId, emailKey(email), exceptId);
    }

    boolean phoneTaken(String domainId, String areacode, String phone, String exceptId) {
        return jdbc.sql("SELECT COUNT(*) FROM iam_user WHERE domain_id = :domainId AND areacode = :areacode "
                + "AND phone = :phone AND id <> :exceptId").param("domainId", domainId).param("areacode", areacode)
                .param("phone", phone).param("exceptId", exceptId == null ? "" : exceptId)
                .query(Long.class).single() > 0;
    }

    boolean xuserTaken(String domainId, String xuserType, String xuserId, String exceptId) {
        return jdbc.sql("SELECT COUNT(*) FROM iam_user WHERE domain_id = :domainId AND xuser_type = :type "
                + "AND xuser_id = :xid AND id <> :exceptId").param("domainId", domainId).param("type", xuserType)
                .param("xid", xuserId).param("exceptId", exceptId == null ? "" : exceptId)
                .query(Long.class).single() > 0;
    }

    private boolean exists(String condition, String domainId, String value, String exceptId) {
        return jdbc.sql("SELECT COUNT(*) FROM iam_user WHERE domain_id = :domainId AND " + condition
                + " AND id <> :exceptId").param("domainId", domainId).param("value", value)
                .param("exceptId", exceptId == null ? "" : exceptId).query(Long.class).single() > 0;
    }

    int delete(String domainId, String id) {
        return jdbc.sql("DELETE FROM iam_user WHERE id = :id AND domain_id = :domainId").param("id", id)
                .param("domainId", domainId).update();
    }

    /**
     * A successful sign-in's mark on the user, written as the sign-in's transaction commits (with the COMMIT
     * on PostgreSQL, see {@link WritesAtCommit}): nothing reads it back before.
     */
    void recordSignIn(String id, Instant at, String projectId, String upgradedHash) {
        String sql = """
                UPDATE iam_user SET last_login_time = ?, last_pwd_auth_time = ?,
                  last_project_id = COALESCE(?, last_project_id), password_hash = COALESCE(?, password_hash)
                WHERE id = ?""";
        Object when = WireTime.toSql(at);
        List<Object> values = Arrays.asList(when, when, projectId, upgradedHash, id);
        atCommit.statement(sql, values);
    }

    /**
     * Moves the expiry of every password in the account to its set time plus {@code days}, or clears it
     * when {@code days} is 0. Each row's version grows, as on any other write of the row.
     */
    int resetPasswordExpiry(String domainId, int days) {
        String expiry = days == 0 ? "NULL" : "COALESCE(pwd_create_time, create_time) + CAST(:days AS INTEGER) * INTERVAL '1' DAY";
        JdbcClient.StatementSpec spec = jdbc.sql("UPDATE iam_user SET password_expires_at = " + expiry
                + ", version = version + 1 WHERE domain_id = :domainId AND password_hash IS NOT NULL")
                .param("domainId", domainId);
        return (days == 0 ? spec : spec.param("days", days)).update();
    }

    /** Enabled users other than the owner whose last sign-in, or creation if they never signed in, is before {@code cutoff}. */
    List<String> inactiveSince(String domainId, Instant cutoff) {
        return jdbc.sql("SELECT id FROM iam_user WHERE domain_id = :domainId AND enabled = TRUE "
                + "AND is_domain_owner = FALSE AND COALESCE(last_login_time, create_time) < :cutoff ORDER BY id")
                .param("domainId", domainId).param("cutoff", WireTime.toSql(cutoff)).query(String.class).list();
    }

    /** Disables the user if it is still enabled and inactive since {@code cutoff}; false if it no longer is. */
    boolean disableIfInactive(String id, Instant cutoff, Instant now) {
        return jdbc.sql("""
                UPDATE iam_user SET enabled = FALSE, tokens_not_before = :now, update_time = :now, version = version + 1
                WHERE id = :id AND enabled = TRUE AND is_domain_owner = FALSE
                  AND COALESCE(last_login_time, create_time) < :cutoff""")
                .param("now", WireTime.toSql(now)).param("id", id).param("cutoff", WireTime.toSql(cutoff))
                .update() == 1;
    }

    void recordRevocation(String userId, Instant notBefore, Instant keepUntil) {
        jdbc.sql("DELETE FROM user_revocation WHERE user_id = :id").param("id", userId).update();
        jdbc.sql("INSERT INTO user_revocation (user_id, not_before, keep_until) VALUES (:id, :notBefore, :keepUntil)")
                .param("id", userId).param("notBefore", WireTime.toSql(notBefore))
                .param("keepUntil", WireTime.toSql(keepUntil)).update();
    }

    /** User-wide revocations that some unexpired token could still fall under. */
    List<UserRevocation> activeRevocations(Instant now) {
        return jdbc.sql("SELECT user_id, not_before FROM user_revocation WHERE keep_until > :now")
                .param("now", WireTime.toSql(now))
                .query((rs, n) -> new UserRevocation(rs.getString(1),
                        WireTime.fromSql(rs.getObject(2, OffsetDateTime.class))))
                .list();
    }

    List<User> list(UserQuery query, int limit) {
        StringBuilder sql = new StringBuilder("SELECT " + COLUMNS + " FROM iam_user WHERE domain_id = :domainId");
        if (query.name() != null) {
            sql.append(" AND name = :name");
        }
        if (query.enabled() != null) {
            sql.append(" AND enabled = :enabled");
        }
        if (query.passwordExpiry() != null) {
            sql.append(" AND password_expires_at ").append(query.passwordExpiry().operator().sql()).append(" :expiry");
        }
        if (query.marker() != null) {
            sql.append(" AND id > :marker");
        }
        sql.append(" ORDER BY id LIMIT :limit");
        JdbcClient.StatementSpec spec = jdbc.sql(sql.toString()).param("domainId", query.domainId()).param("limit", limit);
        if (query.name() != null) {
            spec = spec.param("name", query.name());
        }
        if (query.enabled() != null) {
            spec = spec.param("enabled", query.enabled());
        }
        if (query.passwordExpiry() != null) {
            spec = spec.param("expiry", WireTime.toSql(query.passwordExpiry().at()));
        }
        if (query.marker() != null) {
            spec = spec.param("marker", query.marker());
        }
        return spec.query(UserStore::map).list();
    }

    int purgeRevocations(Instant now) {
        return jdbc.sql("DELETE FROM user_revocation WHERE keep_until < :now").param("now", WireTime.toSql(now)).update();
    }

    static String emailKey(String email) {
        return email == null ? null : email.toLowerCase(Locale.ROOT);
    }

    private static java.util.Map<String, Object> params(User u) {
        java.util.Map<String, Object> p = new java.util.HashMap<>();
        p.put("id", u.id());
        p.put("domainId", u.domainId());
        p.put("name", u.name());
        p.put("passwordHash", u.passwordHash());
        p.put("email", u.email());
        p.put("areacode", u.areacode());
        p.put("phone", u.phone());
        p.put("enabled", u.enabled());
        p.put("domainOwner", u.domainOwner());
        p.put("accessMode", u.accessMode().wire());
        p.put("description", u.description());
        p.put("xuserType", u.xuserType());
        p.put("xuserId", u.xuserId());
        p.put("pwdStatus", u.pwdStatus());
        p.put("pwdStrength", u.pwdStrength().wire());
        p.put("pwdCreateTime", WireTime.toSql(u.pwdCreateTime()));
        p.put("modifyPwdTime", WireTime.toSql(u.modifyPwdTime()));
        p.put("lastPwdAuthTime", WireTime.toSql(u.lastPwdAuthTime()));
        p.put("passwordExpiresAt", WireTime.toSql(u.passwordExpiresAt()));
        p.put("defaultProjectId", u.defaultProjectId());
        p.put("lastProjectId", u.lastProjectId());
        p.put("createTime", WireTime.toSql(u.createTime()));
        p.put("updateTime", WireTime.toSql(u.updateTime()));
        p.put("lastLoginTime", WireTime.toSql(u.lastLoginTime()));
        p.put("tokensNotBefore", WireTime.toSql(u.tokensNotBefore()));
        p.put("version", u.version());
        return p;
    }

    private static User map(ResultSet rs, int row) throws SQLException {
        return new User(rs.getString("id"), rs.getString("domain_id"), rs.getString("name"),
                rs.getString("password_hash"), rs.getString("email"), rs.getString("areacode"), rs.getString("phone"),
                rs.getBoolean("enabled"), rs.getBoolean("is_domain_owner"),
                AccessMode.fromWire(rs.getString("access_mode")), rs.getString("description"),
                rs.getString("xuser_type"), rs.getString("xuser_id"), rs.getBoolean("pwd_status"),
                PasswordStrength.fromWire(rs.getString("pwd_strength")), time(rs, "pwd_create_time"),
                time(rs, "modify_pwd_time"), time(rs, "last_pwd_auth_time"), time(rs, "password_expires_at"),
                rs.getString("default_project_id"), rs.getString("last_project_id"), time(rs, "create_time"),
                time(rs, "update_time"), time(rs, "last_login_time"), time(rs, "tokens_not_before"),
                rs.getLong("version"));
    }

    private static Instant time(ResultSet rs, String column) throws SQLException {
        return WireTime.fromSql(rs.getObject(column, OffsetDateTime.class));
    }
}
