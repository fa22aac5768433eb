package io.gatehouse.risk;

import java.sql.Date;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import org.springframework.jdbc.core.namedparam.MapSqlParameterSource;
import org.springframework.jdbc.core.namedparam.NamedParameterJdbcTemplate;
import org.springframework.jdbc.core.namedparam.SqlParameterSource;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/**
 * The daily rollup of sign-in attempts per user ({@code signin_daily}): per UTC day, dimension and item,
 * the successes and failures. Statistics read it instead of the events, and risk detection reads what is
 * usual from it. Only the detector writes it, one batch at a time under its cursor's lock.
 */
@Repository
class SignInDaily {

    static final String TOTAL = "total";
    static final String ALL = "";
    static final String HOUR = "hour";
    static final String APPLICATION = "application";
    static final String LOCATION = "location";
    static final String METHOD = "method";
    static final String CAUSE = "cause";
    static final String DEVICE = "device";
    static final String IP = "ip";
    static final String COUNTRY = "country";
    static final String CITY = "city";
    static final List<String> FAMILIARITY = List.of(TOTAL, IP, COUNTRY, CITY, DEVICE);
    static final int MAX_ITEM = 200;

    private final JdbcClient jdbc;
    private final NamedParameterJdbcTemplate batch;

    SignInDaily(JdbcClient jdbc, NamedParameterJdbcTemplate batch) {
        this.jdbc = jdbc;
        this.batch = batch;
    }

    /** One cell's increment. */
    record Increment(String userId, String domainId, String dimension, String item, LocalDate day, long successes,
            long failures) {
    }

    /** Adds the increments, each key once (the caller sums them first), in one JDBC batch. */
    void add(Collection<Increment> increments) {
        if (increments.isEmpty()) {
            return;
        }
        SqlParameterSource[] params = increments.stream().map(i -> new MapSqlParameterSource()
                .addValue("userId", i.userId()).addValue("dimension", i.dimension()).addValue("item", i.item())
                .addValue("day", Date.valueOf(i.day())).addValue("domainId", i.domainId())
                .addValue("successes", i.successes()).addValue("failures", i.failures()))
                .toArray(SqlParameterSource[]::new);
        batch.batchUpdate("""
                MERGE INTO signin_daily d
                USING (VALUES (CAST(:userId AS VARCHAR(32)), CAST(:dimension AS VARCHAR(16)),
                  CAST(:item AS VARCHAR(200)), CAST(:day AS DATE), CAST(:domainId AS VARCHAR(32)),
                  CAST(:successes AS BIGINT), CAST(:failures AS BIGINT)))
                  AS s (user_id, dimension, item, bucket_day, domain_id, successes, failures)
                ON d.user_id = s.user_id AND d.dimension = s.dimension AND d.item = s.item
                  AND d.bucket_day = s.bucket_day
                WHEN MATCHED THEN UPDATE SET successes = d.successes + s.successes, failures = d.failures + s.failures
                WHEN NOT MATCHED THEN INSERT (user_id, dimension, item, bucket_day, domain_id, successes, failures)
                  VALUES (s.user_id, s.dimension, s.item, s.bucket_day, s.domain_id, s.successes, s.failures)""",
                params);
    }

    /**
     * The user's successes since {@code since} for exactly these things ({@code dimension → item}), and the
     * total: one indexed read, short whatever the user's history, for the sign-in flow.
     */
    Familiarity familiarity(String userId, LocalDate since, Map<String, String> items) {
        StringBuilder sql = new StringBuilder("""
                SELECT dimension, item, bucket_day, successes FROM signin_daily
                WHERE user_id = :userId AND dimension = :total AND item = :all AND bucket_day >= :since""");
        MapSqlParameterSource params = new MapSqlParameterSource().addValue("userId", userId)
                .addValue("total", TOTAL).addValue("all", ALL).addValue("since", Date.valueOf(since));
        int n = 0;
        for (Map.Entry<String, String> e : items.entrySet()) {
            sql.append("\nUNION ALL SELECT dimension, item, bucket_day, successes FROM signin_daily WHERE user_id = "
                    + ":userId AND dimension = :d" + n + " AND item = :i" + n + " AND bucket_day >= :since");
            params.addValue("d" + n, e.getKey()).addValue("i" + n, truncate(e.getValue()));
            n++;
        }
        return read(sql.toString(), params);
    }

    /** Everything the user used in these dimensions since {@code since}: for the detector, off the request path. */
    Familiarity familiarity(String userId, LocalDate since, List<String> dimensions) {
        return read("""
                SELECT dimension, item, bucket_day, successes FROM signin_daily
                WHERE user_id = :userId AND dimension IN (:dimensions) AND bucket_day >= :since AND successes > 0""",
                new MapSqlParameterSource().addValue("userId", userId).addValue("dimensions", dimensions)
                        .addValue("since", Date.valueOf(since)));
    }

    private Familiarity read(String sql, MapSqlParameterSource params) {
        Familiarity f = new Familiarity();
        batch.query(sql, params, rs -> {
            f.add(rs.getString(1), rs.getString(2), rs.getDate(3).toLocalDate(), rs.getLong(4));
        });
        return f;
    }

    /** One count of a statistic. */
    record Count(String dimension, String item, LocalDate day, long successes, long failures) {
    }

    /** The user's attempts per day, from {@code from} to {@code to} (both included). */
    List<Count> daily(String userId, LocalDate from, LocalDate to) {
        return jdbc.sql("""
                SELECT bucket_day, successes, failures FROM signin_daily
                WHERE user_id = :userId AND dimension = :total AND item = :all AND bucket_day BETWEEN :from AND :to
                ORDER BY bucket_day""")
                .param("userId", userId).param("total", TOTAL).param("all", ALL).param("from", Date.valueOf(from))
                .param("to", Date.valueOf(to))
                .query((rs, n) -> new Count(TOTAL, ALL, rs.getDate(1).toLocalDate(), rs.getLong(2), rs.getLong(3)))
                .list();
    }

    /** The user's attempts per item of each dimension over the days from {@code from} to {@code to}. */
    List<Count> items(String userId, List<String> dimensions, LocalDate from, LocalDate to) {
        return jdbc.sql("""
                SELECT dimension, item, SUM(successes), SUM(failures) FROM signin_daily
                WHERE user_id = :userId AND dimension IN (:dimensions) AND bucket_day BETWEEN :from AND :to
                GROUP BY dimension, item""")
                .param("userId", userId).param("dimensions", dimensions).param("from", Date.valueOf(from))
                .param("to", Date.valueOf(to))
                .query((rs, n) -> new Count(rs.getString(1), rs.getString(2), null, rs.getLong(3), rs.getLong(4)))
                .list();
    }

    /** Deletes up to {@code limit} cells older than {@code cutoff}; returns how many. */
    int purge(LocalDate cutoff, int limit) {
        List<Object[]> keys = new ArrayList<>(jdbc.sql("""
                SELECT user_id, dimension, item, bucket_day FROM signin_daily WHERE bucket_day < :cutoff
                FETCH FIRST :limit ROWS ONLY""")
                .param("cutoff", Date.valueOf(cutoff)).param("limit", limit)
                .query((rs, n) -> new Object[] {rs.getString(1), rs.getString(2), rs.getString(3), rs.getDate(4)})
                .list());
        if (keys.isEmpty()) {
            return 0;
        }
        SqlParameterSource[] params = keys.stream().map(k -> new MapSqlParameterSource().addValue("u", k[0])
                .addValue("d", k[1]).addValue("i", k[2]).addValue("b", k[3])).toArray(SqlParameterSource[]::new);
        batch.batchUpdate("DELETE FROM signin_daily WHERE user_id = :u AND dimension = :d AND item = :i "
                + "AND bucket_day = :b", params);
        return keys.size();
    }

    static String truncate(String item) {
        return item.length() <= MAX_ITEM ? item : item.substring(0, MAX_ITEM);
    }
}
