package io.gatehouse.security;

import io.gatehouse.common.time.WireTime;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.Optional;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

@Repository
class ProtectPolicyStore {

    private final JdbcClient jdbc;

    ProtectPolicyStore(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    Optional<ProtectPolicy> find(String domainId) {
        return jdbc.sql("SELECT * FROM protect_policy WHERE domain_id = :d").param("d", domainId)
                .query(ProtectPolicyStore::map).optional();
    }

    /**
     * Reads the account's policy and locks its row until the transaction ends, first writing the
     * defaults if the account has none, so that concurrent changes queue on one row.
     */
    ProtectPolicy lock(String domainId, Instant now) {
        ProtectPolicy d = ProtectPolicy.DEFAULTS;
        jdbc.sql("""
                INSERT INTO protect_policy (domain_id, operation_protection, manage_accesskey, manage_email,
                  manage_mobile, manage_password, admin_check, update_time)
                VALUES (:d, :op, :ak, :email, :mobile, :password, :check, :now) ON CONFLICT DO NOTHING""")
                .param("d", domainId).param("op", d.operationProtection()).param("ak", d.manageAccesskey())
                .param("email", d.manageEmail()).param("mobile", d.manageMobile()).param("password", d.managePassword())
                .param("check", d.adminCheck()).param("now", WireTime.toSql(now)).update();
        return jdbc.sql("SELECT * FROM protect_policy WHERE domain_id = :d FOR UPDATE").param("d", domainId)
                .query(ProtectPolicyStore::map).single();
    }

    void update(String domainId, ProtectPolicy p) {
        jdbc.sql("""
                UPDATE protect_policy SET operation_protection = :op, manage_accesskey = :ak, manage_email = :email,
                  manage_mobile = :mobile, manage_password = :password, admin_check = :check, scene = :scene,
                  mobile = :verifierMobile, email = :verifierEmail, update_time = :now
                WHERE domain_id = :d""")
                .param("op", p.operationProtection()).param("ak", p.manageAccesskey()).param("email", p.manageEmail())
                .param("mobile", p.manageMobile()).param("password", p.managePassword())
                .param("check", p.adminCheck()).param("scene", p.scene()).param("verifierMobile", p.mobile())
                .param("verifierEmail", p.email()).param("now", WireTime.toSql(p.updateTime()))
                .param("d", domainId).update();
    }

    private static ProtectPolicy map(ResultSet rs, int n) throws SQLException {
        return new ProtectPolicy(rs.getBoolean("operation_protection"), rs.getBoolean("manage_accesskey"),
                rs.getBoolean("manage_email"), rs.getBoolean("manage_mobile"), rs.getBoolean("manage_password"),
                rs.getString("admin_check"), rs.getString("scene"), rs.getString("mobile"), rs.getString("email"),
                WireTime.fromSql(rs.getObject("update_time", OffsetDateTime.class)));
    }
}
