package io.gatehouse.risk;

import io.gatehouse.audit.Location;
import io.gatehouse.common.time.WireTime;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.OffsetDateTime;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

@Repository
class RiskRuleStore {

    private static final String COLUMNS = "id, domain_id, name, risk_type, location_granularity, frequency_threshold, "
            + "period_days, notify_email, notify_sms, response, enabled, created_at, updated_at";

    private final JdbcClient jdbc;

    RiskRuleStore(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    List<RiskRule> list(String domainId) {
        return jdbc.sql("SELECT " + COLUMNS + " FROM risk_rule WHERE domain_id = :domainId ORDER BY created_at, id")
                .param("domainId", domainId).query(RiskRuleStore::row).list();
    }

    Optional<RiskRule> find(String domainId, String id) {
        return jdbc.sql("SELECT " + COLUMNS + " FROM risk_rule WHERE domain_id = :domainId AND id = :id")
                .param("domainId", domainId).param("id", id).query(RiskRuleStore::row).optional();
    }

    /** Locks the account's rules for a write (the count limit and the name's uniqueness). */
    int lockAll(String domainId) {
        return jdbc.sql("SELECT id FROM risk_rule WHERE domain_id = :domainId FOR UPDATE").param("domainId", domainId)
                .query(String.class).list().size();
    }

    boolean nameTaken(String domainId, String name, String exceptId) {
        return jdbc.sql("SELECT COUNT(*) FROM risk_rule WHERE domain_id = :domainId AND name = :name AND id <> :id")
                .param("domainId", domainId).param("name", name).param("id", exceptId == null ? "" : exceptId)
                .query(Long.class).single() > 0;
    }

    void insert(RiskRule r) {
        jdbc.sql("INSERT INTO risk_rule (" + COLUMNS + ") VALUES (:id, :domainId, :name, :type, :granularity, "
                + ":threshold, :period, :email, :sms, :response, :enabled, :created, :updated)")
                .params(params(r)).update();
    }

    void update(RiskRule r) {
        jdbc.sql("UPDATE risk_rule SET name = :name, risk_type = :type, location_granularity = :granularity, "
                + "frequency_threshold = :threshold, period_days = :period, notify_email = :email, notify_sms = :sms, "
                + "response = :response, enabled = :enabled, updated_at = :updated "
                + "WHERE id = :id AND domain_id = :domainId")
                .params(params(r)).update();
    }

    boolean delete(String domainId, String id) {
        return jdbc.sql("DELETE FROM risk_rule WHERE domain_id = :domainId AND id = :id").param("domainId", domainId)
                .param("id", id).update() == 1;
    }

    private static Map<String, Object> params(RiskRule r) {
        Map<String, Object> p = new HashMap<>();
        p.put("id", r.id());
        p.put("domainId", r.domainId());
        p.put("name", r.name());
        p.put("type", r.type().wire());
        p.put("granularity", r.granularity().name().toLowerCase(Locale.ROOT));
        p.put("threshold", r.frequencyThreshold());
        p.put("period", r.periodDays());
        p.put("email", r.notifyEmail());
        p.put("sms", r.notifySms());
        p.put("response", r.response().wire());
        p.put("enabled", r.enabled());
        p.put("created", WireTime.toSql(r.createdAt()));
        p.put("updated", WireTime.toSql(r.updatedAt()));
        return p;
    }

    private static RiskRule row(ResultSet rs, int n) throws SQLException {
        return new RiskRule(rs.getString(1), rs.getString(2), rs.getString(3), RiskType.fromWire(rs.getString(4), "risk_type"),
                Location.Granularity.valueOf(rs.getString(5).toUpperCase(Locale.ROOT)), rs.getInt(6), rs.getInt(7),
                rs.getBoolean(8), rs.getBoolean(9), RiskResponse.fromWire(rs.getString(10), "response"),
                rs.getBoolean(11), WireTime.fromSql(rs.getObject(12, OffsetDateTime.class)),
                WireTime.fromSql(rs.getObject(13, OffsetDateTime.class)));
    }
}
