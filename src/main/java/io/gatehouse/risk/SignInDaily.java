package io.gatehouse.risk;

import java.sql.Date;
import java.time.DayOfWeek;
import java.time.LocalDate;
import java.time.temporal.TemporalAdjusters;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.springframework.jdbc.core.namedparam.MapSqlParameterSource;
import org.springframework.jdbc.core.namedparam.NamedParameterJdbcTemplate;
import org.springframework.jdbc.core.namedparam.SqlParameterSource;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/**
 * The rollup of sign-in attempts per user: per UTC day, dimension and item, the successes and failures
 * ({@code signin_daily}), and the same per week for the dimensions the statistics sum ({@code signin_weekly},
 * weeks from Monday). Statistics read it instead of the events, whole weeks from the weekly cells so that a
 * 90-day period reads about a fifth of the rows; risk detection reads what is usual from the daily cells
 * only. Only the detector writes it, one batch at a time under its cursor's lock.
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
    /** What the statistics sum per item, and so what is also counted per week. */
    static final List<String> STATISTICS = List.of(APPLICATION, LOCATION, HOUR, METHOD, CAUSE, DEVICE);
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

    /**
     * Adds the increments, each key once (the caller sums them first), to their daily cells and, for the
     * statistics' dimensions, to their weekly cells: a few statements per table ({@link #merge}), in the
     * caller's transaction.
     */
    void add(Collection<Increment> increments) {
        if (increments.isEmpty()) {
            return;
        }
        merge("signin_daily", "bucket_day", increments);
        // A batch's days of one week go to one weekly cell.
        Map<WeekCell, long[]> weekly = new LinkedHashMap<>();
        for (Increment i : increments) {
            if (STATISTICS.contains(i.dimension())) {
                long[] n = weekly.computeIfAbsent(new WeekCell(i.userId(), i.domainId(), i.dimension(), i.item(),
                        monday(i.day())), k -> new long[2]);
                n[0] += i.successes();
                n[1] += i.failures();
            }
        }
        merge("signin_weekly", "week_start", weekly.entrySet().stream().map(e -> new Increment(e.getKey().userId(),
                e.getKey().domainId(), e.getKey().dimension(), e.getKey().item(), e.getKey().monday(),
                e.getValue()[0], e.getValue()[1])).toList());
    }

    private record WeekCell(String userId, String domainId, String dimension, String item, LocalDate monday) {
    }

    /** One source row of {@link #merge}, typed for both databases. */
    private static final String MERGE_ROW = "(CAST(? AS VARCHAR(32)), CAST(? AS VARCHAR(16)), CAST(? AS VARCHAR(200)), "
            + "CAST(? AS DATE), CAST(? AS VARCHAR(32)), CAST(? AS BIGINT), CAST(? AS BIGINT))";
    /** The most rows one statement merges: a power of two, like every statement's row count. */
    static final int MERGE_ROWS = 256;

    /**
     * Adds the increments to their cells, many cells per statement: one MERGE runs its executor once for
     * all its rows, where a JDBC batch of one-row MERGEs starts it once per cell (about 14 cells for every
     * sign-in of a user on a new day). Each statement merges a power of two of rows, so a table has at most
     * nine statement texts and the driver's cache of prepared statements keeps them all. A statement's
     * cells are distinct, as MERGE requires: the caller sums per cell.
     */
    private void merge(String table, String bucket, Collection<Increment> increments) {
        List<Increment> rest = List.copyOf(increments);
        while (!rest.isEmpty()) {
            int rows = Math.min(MERGE_ROWS, Integer.highestOneBit(rest.size()));
            List<Increment> chunk = rest.subList(0, rows);
            Object[] args = new Object[rows * 7];
            int a = 0;
            for (Increment i : chunk) {
                args[a++] = i.userId();
                args[a++] = i.dimension();
                args[a++] = i.item();
                args[a++] = Date.valueOf(i.day());
                args[a++] = i.domainId();
                args[a++] = i.successes();
                args[a++] = i.failures();
            }
            batch.getJdbcOperations().update("""
                    MERGE INTO %1$s d
                    USING (VALUES %3$s) AS s (user_id, dimension, item, %2$s, domain_id, successes, failures)
                    ON d.user_id = s.user_id AND d.dimension = s.dimension AND d.item = s.item AND d.%2$s = s.%2$s
                    WHEN MATCHED THEN UPDATE SET successes = d.successes + s.successes,
                      failures = d.failures + s.failures
                    WHEN NOT MATCHED THEN INSERT (user_id, dimension, item, %2$s, domain_id, successes, failures)
                      VALUES (s.user_id, s.dimension, s.item, s.%2$s, s.domain_id, s.successes, s.failures)"""
                    .formatted(table, bucket, String.join(", ", Collections.nCopies(rows, MERGE_ROW))), args);
            rest = rest.subList(rows, rest.size());
        }
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

    /**
     * The user's statistics from {@code from} to {@code to} (both included), in one statement: the attempts per
     * day (a {@link #TOTAL} count with its day, from the daily cells), and per item of each dimension of
     * {@link #STATISTICS} (without a day): the whole weeks in between from the weekly cells, the days before and
     * after them from the daily cells, summed by the database. One round trip, since at full load every round
     * trip waits for a database process to get a core.
     */
    List<Count> statistics(String userId, LocalDate from, LocalDate to) {
        Split split = Split.of(from, to);
        // An empty part is a range whose start is after its end: it matches nothing.
        return jdbc.sql("""
                SELECT dimension, item, CAST(NULL AS DATE), CAST(SUM(successes) AS BIGINT),
                  CAST(SUM(failures) AS BIGINT) FROM (
                  SELECT dimension, item, successes, failures FROM signin_daily
                  WHERE user_id = :userId AND dimension IN (:dimensions) AND bucket_day BETWEEN :from AND :headTo
                  UNION ALL
                  SELECT dimension, item, successes, failures FROM signin_weekly
                  WHERE user_id = :userId AND dimension IN (:dimensions) AND week_start BETWEEN :firstWeek AND :lastWeek
                  UNION ALL
                  SELECT dimension, item, successes, failures FROM signin_daily
                  WHERE user_id = :userId AND dimension IN (:dimensions) AND bucket_day BETWEEN :tailFrom AND :to
                ) c GROUP BY dimension, item
                UNION ALL
                SELECT dimension, item, bucket_day, successes, failures FROM signin_daily
                WHERE user_id = :userId AND dimension = :total AND item = :all AND bucket_day BETWEEN :from AND :to""")
                .param("userId", userId).param("dimensions", STATISTICS).param("total", TOTAL).param("all", ALL)
                .param("from", Date.valueOf(from)).param("headTo", Date.valueOf(split.headTo()))
                .param("firstWeek", Date.valueOf(split.firstWeek())).param("lastWeek", Date.valueOf(split.lastWeek()))
                .param("tailFrom", Date.valueOf(split.tailFrom())).param("to", Date.valueOf(to))
                .query((rs, n) -> {
                    Date day = rs.getDate(3);
                    return new Count(rs.getString(1), rs.getString(2), day == null ? null : day.toLocalDate(),
                            rs.getLong(4), rs.getLong(5));
                })
                .list();
    }

    /**
     * The days from {@code from} to {@code to} as leading days ({@code from}..{@code headTo}), whole weeks (the
     * Mondays {@code firstWeek}..{@code lastWeek}) and trailing days ({@code tailFrom}..{@code to}); a part
     * without days has its start after its end. A range without a whole week is all leading days.
     */
    record Split(LocalDate headTo, LocalDate firstWeek, LocalDate lastWeek, LocalDate tailFrom) {
        static Split of(LocalDate from, LocalDate to) {
            LocalDate firstWeek = from.with(TemporalAdjusters.nextOrSame(DayOfWeek.MONDAY));
            LocalDate lastSunday = to.with(TemporalAdjusters.previousOrSame(DayOfWeek.SUNDAY));
            if (lastSunday.isBefore(firstWeek.plusDays(6))) {
                return new Split(to, to.plusDays(1), to, to.plusDays(1));
            }
            return new Split(firstWeek.minusDays(1), firstWeek, lastSunday.minusDays(6), lastSunday.plusDays(1));
        }
    }

    /** The Monday of the day's week. */
    static LocalDate monday(LocalDate day) {
        return day.with(TemporalAdjusters.previousOrSame(DayOfWeek.MONDAY));
    }

    /**
     * Deletes up to {@code limit} cells older than {@code cutoff}: daily cells of earlier days, then weekly cells
     * whose whole week is earlier; returns how many.
     */
    int purge(LocalDate cutoff, int limit) {
        int deleted = purge("signin_daily", "bucket_day", cutoff, limit);
        if (deleted < limit) {
            deleted += purge("signin_weekly", "week_start", cutoff.minusDays(6), limit - deleted);
        }
        return deleted;
    }

    private int purge(String table, String bucket, LocalDate before, int limit) {
        List<Object[]> keys = new ArrayList<>(jdbc.sql("""
                SELECT user_id, dimension, item, %2$s FROM %1$s WHERE %2$s < :before
                FETCH FIRST :limit ROWS ONLY""".formatted(table, bucket))
                .param("before", Date.valueOf(before)).param("limit", limit)
                .query((rs, n) -> new Object[] {rs.getString(1), rs.getString(2), rs.getString(3), rs.getDate(4)})
                .list());
        if (keys.isEmpty()) {
            return 0;
        }
        SqlParameterSource[] params = keys.stream().map(k -> new MapSqlParameterSource().addValue("u", k[0])
                .addValue("d", k[1]).addValue("i", k[2]).addValue("b", k[3])).toArray(SqlParameterSource[]::new);
        batch.batchUpdate("DELETE FROM %1$s WHERE user_id = :u AND dimension = :d AND item = :i AND %2$s = :b"
                .formatted(table, bucket), params);
        return keys.size();
    }

    static String truncate(String item) {
        return item.length() <= MAX_ITEM ? item : item.substring(0, MAX_ITEM);
    }
}
