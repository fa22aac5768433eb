package io.gatehouse.risk;

import io.gatehouse.common.time.WireTime;
import java.sql.Date;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.support.GeneratedKeyHolder;
import org.springframework.jdbc.support.KeyHolder;
import org.springframework.stereotype.Repository;

@Repository
class RiskEventStore {

    private static final String COLUMNS = "id, domain_id, user_id, user_name, risk_type, rule_id, rule_name, "
            + "signin_event_id, occurred_at, detected_at, source_ip, location, device, signin_result, unusual, usual, "
            + "description, notification";

    private final JdbcClient jdbc;

    RiskEventStore(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /** Inserts the event and returns its id. */
    long insert(RiskEvent e) {
        KeyHolder keys = new GeneratedKeyHolder();
        jdbc.sql("""
                INSERT INTO risk_event (domain_id, user_id, user_name, risk_type, rule_id, rule_name, signin_event_id,
                  occurred_at, occurred_day, detected_at, source_ip, location, device, signin_result, unusual, usual,
                  description, notification)
                VALUES (:domainId, :userId, :userName, :type, :ruleId, :ruleName, :signInEventId, :occurredAt,
                  :occurredDay, :detectedAt, :ip, :location, :device, :result, :unusual, :usual, :description,
                  :notification)""")
                .param("domainId", e.domainId()).param("userId", e.userId()).param("userName", e.userName())
                .param("type", e.type().wire()).param("ruleId", e.ruleId()).param("ruleName", e.ruleName())
                .param("signInEventId", e.signInEventId()).param("occurredAt", WireTime.toSql(e.occurredAt()))
                .param("occurredDay", Date.valueOf(LocalDate.ofInstant(e.occurredAt(), ZoneOffset.UTC)))
                .param("detectedAt", WireTime.toSql(e.detectedAt())).param("ip", e.sourceIp())
                .param("location", cut(e.location(), 160)).param("device", cut(e.device(), 200))
                .param("result", e.signInResult()).param("unusual", cut(e.unusual(), 200))
                .param("usual", cut(encode(e.usual()), 1000)).param("description", cut(e.description(), 1000))
                .param("notification", e.notification()).update(keys, "id");
        return keys.getKey().longValue();
    }

    void notified(long id, String outcome) {
        jdbc.sql("UPDATE risk_event SET notification = :outcome WHERE id = :id").param("outcome", outcome)
                .param("id", id).update();
    }

    /** What a page asks for; null fields do not narrow it. */
    record Query(String domainId, String userId, RiskType type, Instant from, Instant to, Long beforeId, int limit) {
    }

    /** Newest first (by id, which follows the sign-ins' order), {@code limit} + 1 rows to tell whether more follow. */
    List<RiskEvent> page(Query q) {
        StringBuilder sql = new StringBuilder("SELECT " + COLUMNS + " FROM risk_event WHERE domain_id = :domainId");
        JdbcClient.StatementSpec spec;
        if (q.userId() != null) {
            sql.append(" AND user_id = :userId");
        }
        if (q.type() != null) {
            sql.append(" AND risk_type = :type");
        }
        if (q.from() != null) {
            sql.append(" AND occurred_at >= :from");
        }
        if (q.to() != null) {
            sql.append(" AND occurred_at < :to");
        }
        if (q.beforeId() != null) {
            sql.append(" AND id < :before");
        }
        sql.append(" ORDER BY id DESC LIMIT :limit");
        spec = jdbc.sql(sql.toString()).param("domainId", q.domainId()).param("limit", q.limit() + 1);
        if (q.userId() != null) {
            spec = spec.param("userId", q.userId());
        }
        if (q.type() != null) {
            spec = spec.param("type", q.type().wire());
        }
        if (q.from() != null) {
            spec = spec.param("from", WireTime.toSql(q.from()));
        }
        if (q.to() != null) {
            spec = spec.param("to", WireTime.toSql(q.to()));
        }
        if (q.beforeId() != null) {
            spec = spec.param("before", q.beforeId());
        }
        return spec.query(RiskEventStore::row).list();
    }

    Optional<RiskEvent> find(long id) {
        return jdbc.sql("SELECT " + COLUMNS + " FROM risk_event WHERE id = :id").param("id", id)
                .query(RiskEventStore::row).optional();
    }

    /** A count by day and type, or by a value. */
    record Tally(LocalDate day, String key, long count) {
    }

    List<Tally> perDay(String domainId, LocalDate from, LocalDate to) {
        return jdbc.sql("""
                SELECT occurred_day, risk_type, COUNT(*) FROM risk_event
                WHERE domain_id = :domainId AND occurred_day BETWEEN :from AND :to
                GROUP BY occurred_day, risk_type""")
                .param("domainId", domainId).param("from", Date.valueOf(from)).param("to", Date.valueOf(to))
                .query((rs, n) -> new Tally(rs.getDate(1).toLocalDate(), rs.getString(2), rs.getLong(3))).list();
    }

    /** The ten values of {@code column} (device or source_ip) most often in events of {@code type}. */
    List<Tally> top(String domainId, RiskType type, String column, LocalDate from, LocalDate to) {
        if (!column.equals("device") && !column.equals("source_ip")) {
            throw new IllegalArgumentException(column);
        }
        return jdbc.sql("SELECT " + column + ", COUNT(*) FROM risk_event WHERE domain_id = :domainId "
                + "AND occurred_day BETWEEN :from AND :to AND risk_type = :type AND " + column + " IS NOT NULL "
                + "GROUP BY " + column + " ORDER BY COUNT(*) DESC, " + column + " LIMIT 10")
                .param("domainId", domainId).param("from", Date.valueOf(from)).param("to", Date.valueOf(to))
                .param("type", type.wire())
                .query((rs, n) -> new Tally(null, rs.getString(1), rs.getLong(2))).list();
    }

    /** The usual things as stored: one "value TAB count" per line. */
    static String encode(List<Familiarity.Usual> usual) {
        StringBuilder s = new StringBuilder();
        for (Familiarity.Usual u : usual) {
            s.append(u.value().replace('\t', ' ').replace('\n', ' ')).append('\t').append(u.signIns()).append('\n');
        }
        return s.toString();
    }

    static List<Familiarity.Usual> decode(String stored) {
        List<Familiarity.Usual> usual = new ArrayList<>();
        if (stored != null) {
            for (String line : stored.split("\n")) {
                int tab = line.lastIndexOf('\t');
                if (tab > 0) {
                    usual.add(new Familiarity.Usual(line.substring(0, tab), Long.parseLong(line.substring(tab + 1))));
                }
            }
        }
        return usual;
    }

    private static RiskEvent row(ResultSet rs, int n) throws SQLException {
        return new RiskEvent(rs.getLong(1), rs.getString(2), rs.getString(3), rs.getString(4),
                RiskType.fromWire(rs.getString(5), "risk_type"), rs.getString(6), rs.getString(7), rs.getLong(8),
                WireTime.fromSql(rs.getObject(9, OffsetDateTime.class)),
                WireTime.fromSql(rs.getObject(10, OffsetDateTime.class)), rs.getString(11), rs.getString(12),
                rs.getString(13), rs.getString(14), rs.getString(15), decode(rs.getString(16)), rs.getString(17),
                rs.getString(18));
    }

    private static String cut(String value, int max) {
        return value == null || value.length() <= max ? value : value.substring(0, max);
    }
}
