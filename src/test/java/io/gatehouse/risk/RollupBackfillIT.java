package io.gatehouse.risk;

import static org.assertj.core.api.Assertions.assertThat;

import io.gatehouse.testsupport.Fixtures;
import io.gatehouse.testsupport.TestDatabase;
import java.sql.Connection;
import java.sql.Date;
import java.sql.DriverManager;
import java.sql.Statement;
import java.time.DayOfWeek;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.temporal.TemporalAdjusters;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;
import org.flywaydb.core.Flyway;
import org.flywaydb.core.api.MigrationInfo;
import org.flywaydb.core.api.MigrationVersion;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.jdbc.core.namedparam.MapSqlParameterSource;
import org.springframework.jdbc.core.namedparam.NamedParameterJdbcTemplate;
import org.springframework.jdbc.core.namedparam.SqlParameterSource;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.datasource.DriverManagerDataSource;

/**
 * The upgrade to the weekly rollup (V16): a database migrated up to the version before it, with daily cells
 * as the detector wrote them until then (and no weekly ones), is migrated to the latest version; the
 * statistics' sums per item, which now read whole weeks from the weekly cells, then equal the sums of the
 * daily cells computed here. On a database of its own, so the shared test context never sees these rows.
 */
class RollupBackfillIT {

    private static final MigrationVersion WEEKLY = MigrationVersion.fromVersion("16");
    private static final String[] ITEMS = {"a", "b", "c", "d", "e", "f", "g"};

    private String url;
    private String schema;

    /** One daily cell as the old detector wrote it. */
    record Cell(String userId, String dimension, String item, LocalDate day, long successes, long failures) {
    }

    @AfterEach
    void dropDatabase() throws Exception {
        if (url == null) {
            return;
        }
        try (Connection c = DriverManager.getConnection(url, TestDatabase.user(), TestDatabase.password());
                Statement s = c.createStatement()) {
            s.execute(TestDatabase.isPostgres() ? "DROP SCHEMA IF EXISTS " + schema + " CASCADE" : "SHUTDOWN");
        }
    }

    @Test
    void upgradeWhenDailyCellsExistThenWeeklyCellsAreBackfilledAndStatisticsEqualTheDailySums() {
        schema = "it_backfill_" + Fixtures.unique();
        url = TestDatabase.isPostgres()
                ? TestDatabase.url().replaceAll("currentSchema=[^&]*", "currentSchema=" + schema)
                : "jdbc:h2:mem:" + schema + ";MODE=PostgreSQL;DATABASE_TO_LOWER=TRUE;DEFAULT_NULL_ORDERING=HIGH;"
                        + "DB_CLOSE_DELAY=-1";
        // Up to the version before the weekly rollup, whatever other migrations come before it.
        MigrationVersion before = Arrays.stream(flyway(null).info().all()).map(MigrationInfo::getVersion)
                .filter(v -> v != null && v.compareTo(WEEKLY) < 0).max(MigrationVersion::compareTo)
                .orElseThrow();
        flyway(before).migrate();
        DriverManagerDataSource ds = new DriverManagerDataSource(url, TestDatabase.user(), TestDatabase.password());
        JdbcClient jdbc = JdbcClient.create(ds);
        LocalDate today = LocalDate.now(ZoneOffset.UTC);
        List<Cell> cells = new ArrayList<>();
        cells.addAll(cells("u1", today, new Random(16)));
        cells.addAll(cells("u2", today, new Random(61)));
        new NamedParameterJdbcTemplate(ds).batchUpdate("""
                INSERT INTO signin_daily (user_id, dimension, bucket_day, item, domain_id, successes, failures)
                VALUES (:userId, :dimension, :day, :item, 'domain', :successes, :failures)""",
                cells.stream().map(c -> new MapSqlParameterSource().addValue("userId", c.userId())
                        .addValue("dimension", c.dimension()).addValue("day", Date.valueOf(c.day()))
                        .addValue("item", c.item()).addValue("successes", c.successes())
                        .addValue("failures", c.failures())).toArray(SqlParameterSource[]::new));

        flyway(null).migrate();

        assertThat(jdbc.sql("SELECT COUNT(*) FROM signin_weekly WHERE dimension IN ('total', 'ip')").query(Long.class)
                .single()).isZero();
        assertThat(jdbc.sql("SELECT COUNT(*) FROM signin_weekly").query(Long.class).single()).isPositive();
        // Every weekly cell is on a Monday.
        jdbc.sql("SELECT DISTINCT week_start FROM signin_weekly").query((rs, n) -> rs.getDate(1).toLocalDate())
                .list().forEach(d -> assertThat(d.getDayOfWeek()).as(d.toString()).isEqualTo(DayOfWeek.MONDAY));
        SignInDaily rollup = new SignInDaily(jdbc, new NamedParameterJdbcTemplate(ds));
        LocalDate monday = today.minusDays(90).with(TemporalAdjusters.nextOrSame(DayOfWeek.MONDAY));
        List<LocalDate[]> ranges = List.of(new LocalDate[] {today.minusDays(89), today},
                new LocalDate[] {today.minusDays(29), today}, new LocalDate[] {today.minusDays(6), today},
                new LocalDate[] {monday, monday.plusDays(7 * 10 - 1)},
                new LocalDate[] {monday.plusDays(2), monday.plusDays(7 * 9 + 3)},
                new LocalDate[] {monday.plusDays(4), monday.plusDays(8)});
        for (String user : List.of("u1", "u2")) {
            for (LocalDate[] r : ranges) {
                assertThat(read(rollup, user, r[0], r[1])).as(user + " " + r[0] + ".." + r[1])
                        .isEqualTo(expected(cells, user, r[0], r[1]));
            }
        }
    }

    private static Map<String, String> read(SignInDaily rollup, String user, LocalDate from, LocalDate to) {
        Map<String, String> found = new TreeMap<>();
        rollup.statistics(user, from, to).stream().filter(c -> c.day() == null).forEach(c -> found.put(
                c.dimension() + "/" + c.item(), c.successes() + "/" + c.failures()));
        return found;
    }

    private static Map<String, String> expected(List<Cell> cells, String user, LocalDate from, LocalDate to) {
        Map<String, long[]> sums = new TreeMap<>();
        cells.stream().filter(c -> c.userId().equals(user) && SignInDaily.STATISTICS.contains(c.dimension())
                && !c.day().isBefore(from) && !c.day().isAfter(to)).forEach(c -> {
                    long[] n = sums.computeIfAbsent(c.dimension() + "/" + c.item(), k -> new long[2]);
                    n[0] += c.successes();
                    n[1] += c.failures();
                });
        Map<String, String> expected = new TreeMap<>();
        sums.forEach((k, n) -> expected.put(k, n[0] + "/" + n[1]));
        return expected;
    }

    private Flyway flyway(MigrationVersion target) {
        var config = Flyway.configure().dataSource(url, TestDatabase.user(), TestDatabase.password())
                .locations("classpath:db/migration");
        if (TestDatabase.isPostgres()) {
            config.schemas(schema).defaultSchema(schema);
        }
        if (target != null) {
            config.target(target);
        }
        return config.load();
    }

    /** A user's cells over the last 100 days: the statistics' dimensions, and total and ip, which stay daily. */
    private static List<Cell> cells(String userId, LocalDate today, Random random) {
        List<Cell> cells = new ArrayList<>();
        for (int d = 1; d <= 100; d++) {
            LocalDate day = today.minusDays(d);
            for (String dimension : List.of("hour", "application", "location", "method", "cause", "device", "total",
                    "ip")) {
                for (String item : ITEMS) {
                    if (random.nextInt(3) > 0) {
                        cells.add(new Cell(userId, dimension, item, day, random.nextInt(50), random.nextInt(5)));
                    }
                }
            }
        }
        return cells;
    }
}
