package io.gatehouse.mfa;

import io.gatehouse.common.db.ReadsTogether;
import io.gatehouse.common.time.WireTime;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

@Repository
class LoginProtectStore {

    private final JdbcClient jdbc;

    LoginProtectStore(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    private static final String FIND = "SELECT * FROM login_protect WHERE user_id = :userId AND domain_id = :domainId";

    Optional<LoginProtect> find(String domainId, String userId) {
        return jdbc.sql(FIND).param("userId", userId).param("domainId", domainId).query(LoginProtectStore::map)
                .optional();
    }

    /** {@link #find} as one read of {@code batch}. */
    ReadsTogether.Pending<Optional<LoginProtect>> find(String domainId, String userId, ReadsTogether.Batch batch) {
        return batch.add(FIND, Map.of("userId", userId, "domainId", domainId),
                rs -> rs.next() ? Optional.of(map(rs, 0)) : Optional.empty());
    }

    List<LoginProtect> list(String domainId) {
        return jdbc.sql("SELECT * FROM login_protect WHERE domain_id = :domainId ORDER BY user_id")
                .param("domainId", domainId).query(LoginProtectStore::map).list();
    }

    /**
     * Replaces the user's setting. The caller's transaction holds the user's row lock
     * ({@code UserService.lock}), so concurrent replacements for one user queue instead of both inserting.
     */
    void save(LoginProtect p) {
        jdbc.sql("DELETE FROM login_protect WHERE user_id = :userId").param("userId", p.userId()).update();
        jdbc.sql("""
                INSERT INTO login_protect (user_id, domain_id, enabled, verification_method, update_time)
                VALUES (:userId, :domainId, :enabled, :method, :now)""")
                .param("userId", p.userId()).param("domainId", p.domainId()).param("enabled", p.enabled())
                .param("method", p.method().wire()).param("now", WireTime.toSql(p.updateTime())).update();
    }

    private static LoginProtect map(ResultSet rs, int n) throws SQLException {
        return new LoginProtect(rs.getString("user_id"), rs.getString("domain_id"), rs.getBoolean("enabled"),
                VerificationMethod.fromWire(rs.getString("verification_method")),
                WireTime.fromSql(rs.getObject("update_time", OffsetDateTime.class)));
    }
}
