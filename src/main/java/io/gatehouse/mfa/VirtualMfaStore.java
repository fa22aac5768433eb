package io.gatehouse.mfa;

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
class VirtualMfaStore {

    private final JdbcClient jdbc;

    VirtualMfaStore(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    void insert(VirtualMfaDevice d) {
        jdbc.sql("""
                INSERT INTO virtual_mfa_device (serial_number, user_id, domain_id, name, seed_enc, bound, last_step,
                  create_time, bind_time)
                VALUES (:serial, :userId, :domainId, :name, :seed, FALSE, NULL, :now, NULL)""")
                .param("serial", d.serialNumber()).param("userId", d.userId()).param("domainId", d.domainId())
                .param("name", d.name()).param("seed", d.sealedSeed())
                .param("now", WireTime.toSql(d.createTime())).update();
    }

    Optional<VirtualMfaDevice> findByUser(String userId) {
        return jdbc.sql("SELECT * FROM virtual_mfa_device WHERE user_id = :userId").param("userId", userId)
                .query(VirtualMfaStore::map).optional();
    }

    boolean serialTaken(String serialNumber) {
        return jdbc.sql("SELECT COUNT(*) FROM virtual_mfa_device WHERE serial_number = :serial")
                .param("serial", serialNumber).query(Long.class).single() > 0;
    }

    boolean hasBoundDevice(String userId) {
        return jdbc.sql("SELECT COUNT(*) FROM virtual_mfa_device WHERE user_id = :userId AND bound = TRUE")
                .param("userId", userId).query(Long.class).single() > 0;
    }

    List<VirtualMfaDevice> listBound(String domainId) {
        return jdbc.sql("SELECT * FROM virtual_mfa_device WHERE domain_id = :domainId AND bound = TRUE "
                + "ORDER BY user_id").param("domainId", domainId).query(VirtualMfaStore::map).list();
    }

    void delete(String serialNumber) {
        jdbc.sql("DELETE FROM virtual_mfa_device WHERE serial_number = :serial").param("serial", serialNumber)
                .update();
    }

    /**
     * Binds an unbound device with the codes of {@code step - 1} and {@code step}, and records {@code step}
     * as used. False if the device is bound already, or if either step was used before (a device that was
     * unbound keeps its last step).
     */
    boolean bind(String serialNumber, long step, Instant now) {
        return jdbc.sql("""
                UPDATE virtual_mfa_device SET bound = TRUE, bind_time = :now, last_step = :step
                WHERE serial_number = :serial AND bound = FALSE AND (last_step IS NULL OR last_step < :step - 1)""")
                .param("serial", serialNumber).param("step", step).param("now", WireTime.toSql(now)).update() == 1;
    }

    void unbind(String serialNumber) {
        jdbc.sql("UPDATE virtual_mfa_device SET bound = FALSE, bind_time = NULL WHERE serial_number = :serial")
                .param("serial", serialNumber).update();
    }

    /**
     * Records {@code step} as used, if it is later than the last used one. One statement, so two nodes
     * given the same code cannot both succeed: the second finds the row already at that step (or, on
     * PostgreSQL, waits for the first's commit and then finds it). False means a replay.
     */
    boolean useStep(String serialNumber, long step) {
        return jdbc.sql("""
                UPDATE virtual_mfa_device SET last_step = :step
                WHERE serial_number = :serial AND bound = TRUE AND (last_step IS NULL OR last_step < :step)""")
                .param("serial", serialNumber).param("step", step).update() == 1;
    }

    private static VirtualMfaDevice map(ResultSet rs, int n) throws SQLException {
        return new VirtualMfaDevice(rs.getString("serial_number"), rs.getString("user_id"), rs.getString("domain_id"),
                rs.getString("name"), rs.getString("seed_enc"), rs.getBoolean("bound"),
                rs.getObject("last_step", Long.class),
                WireTime.fromSql(rs.getObject("create_time", OffsetDateTime.class)),
                WireTime.fromSql(rs.getObject("bind_time", OffsetDateTime.class)));
    }
}
