package io.gatehouse.risk;

import static org.assertj.core.api.Assertions.assertThat;

import io.gatehouse.audit.SignInEvents;
import io.gatehouse.common.time.WireTime;
import io.gatehouse.common.web.ClientInfo;
import io.gatehouse.testsupport.Api;
import io.gatehouse.testsupport.Fixtures.TestAccount;
import io.gatehouse.testsupport.Fixtures.TestUser;
import java.time.DayOfWeek;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.temporal.TemporalAdjusters;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.function.Function;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import tools.jackson.databind.JsonNode;

/**
 * {@code GET /gatehouse/v1/users/{user_id}/statistics} on a seeded data set: 600 sign-in events over the
 * 100 days before today, written straight into signin_event (as years of history would be), rolled up by the
 * detector, and compared with the same numbers computed here from the seed alone.
 */
class StatisticsIT extends RiskIntegrationTest {

    private static final String[] APPS = {"Chrome", "Firefox", "curl", "huaweicloud-usdk-java", "okhttp", "Safari",
            "Edge", "Opera", "python-requests", "terraform", "Go-http-client", "openstack4j"};
    private static final String[] LOCATIONS = {"Sydney, Australia", "Berlin, Germany", "internal network",
            "Berlin office", "unknown"};
    private static final String[] METHODS = {"password", "password+totp", "password+email", "password+sms", "aksk"};
    private static final String[] CAUSES = {"wrong_password", "account_locked", "mfa_failed", "acl", "disabled",
            "password_expired", "code_wrong"};
    private static final String[][] DEVICES = {{"desktop", "Windows", "Chrome"}, {"desktop", "Ubuntu", "Firefox"},
            {"mobile", "iOS", "Mobile Safari"}, {"tablet", "iOS", "Mobile Safari"}, {"other", "Other", "Other"}};

    @Autowired
    JdbcClient jdbc;

    @Autowired
    SignInEvents signIns;

    @Autowired
    SignInDaily rollup;

    /** One seeded attempt, and whether statistics count it. */
    record Seed(LocalDate day, int hour, String app, String location, String method, boolean success, String cause,
            String device, boolean counted) {
    }

    @Test
    void statisticsWhenSeededThenEveryDimensionMatchesTheSeedForEachPeriod() {
        TestAccount a = fixtures.newAccount();
        TestUser u = fixtures.newUser(a);
        LocalDate today = LocalDate.now(ZoneOffset.UTC);
        List<Seed> seeds = seed(u, today, 600, new Random(20261122L));
        long counted = seeds.stream().filter(Seed::counted).count();
        awaitTotal(u, today.minusDays(120), today, counted);

        check(u, "7d", today.minusDays(6), today, seeds);
        check(u, "30d", today.minusDays(29), today, seeds);
        check(u, "90d", today.minusDays(89), today, seeds);
        check(u, "custom&from=" + today.minusDays(50) + "&to=" + today.minusDays(20), today.minusDays(50),
                today.minusDays(20), seeds);
        // Whole weeks come from the weekly rollup and the days around them from the daily one: ranges that
        // start and end mid-week, on a week's edges, within one week, across one Sunday, and one day.
        LocalDate wednesday = today.minusDays(85).with(TemporalAdjusters.nextOrSame(DayOfWeek.WEDNESDAY));
        LocalDate monday = today.minusDays(70).with(TemporalAdjusters.nextOrSame(DayOfWeek.MONDAY));
        List<LocalDate[]> ranges = List.of(
                new LocalDate[] {wednesday, wednesday.plusDays(8 * 7 + 1)},
                new LocalDate[] {monday, monday.plusDays(6 * 7 - 1)},
                new LocalDate[] {monday, monday.plusDays(6)},
                new LocalDate[] {monday.plusDays(1), monday.plusDays(7 * 7 + 5)},
                new LocalDate[] {monday.minusDays(1), monday.plusDays(7)},
                new LocalDate[] {wednesday, wednesday.plusDays(2)},
                new LocalDate[] {wednesday.plusDays(2), wednesday.plusDays(7)},
                new LocalDate[] {wednesday.plusDays(3), wednesday.plusDays(3)});
        for (LocalDate[] r : ranges) {
            check(u, "custom&from=" + r[0] + "&to=" + r[1], r[0], r[1], seeds);
        }
    }

    @Test
    void purgeWhenCellsAreOlderThanTheCutoffThenDailyCellsGoAndWeeklyCellsOnceTheirWholeWeekIs() {
        TestAccount a = fixtures.newAccount();
        TestUser u = fixtures.newUser(a);
        // Long before anything else in the shared database, so that the purge touches only these cells.
        LocalDate cutoff = LocalDate.now(ZoneOffset.UTC).minusDays(RiskDetector.ROLLUP_DAYS + 200L)
                .with(TemporalAdjusters.nextOrSame(DayOfWeek.WEDNESDAY));
        List<SignInDaily.Increment> increments = new ArrayList<>();
        for (LocalDate d = cutoff.minusDays(10); !d.isAfter(cutoff.plusDays(3)); d = d.plusDays(1)) {
            increments.add(new SignInDaily.Increment(u.id(), a.id(), SignInDaily.APPLICATION, "app", d, 1, 0));
            increments.add(new SignInDaily.Increment(u.id(), a.id(), SignInDaily.IP, "192.0.2.1", d, 0, 1));
        }
        rollup.add(increments);

        // A small limit, so that one call can end in the daily cells and the next go on with the weekly ones.
        int deleted;
        do {
            deleted = rollup.purge(cutoff, 5);
        } while (deleted == 5);

        List<String> daily = jdbc.sql("SELECT dimension, bucket_day FROM signin_daily WHERE user_id = :u "
                + "ORDER BY dimension, bucket_day").param("u", u.id())
                .query((rs, n) -> rs.getString(1) + " " + rs.getDate(2).toLocalDate()).list();
        List<String> expectedDaily = new ArrayList<>();
        for (String dimension : List.of(SignInDaily.APPLICATION, SignInDaily.IP)) {
            for (int d = 0; d <= 3; d++) {
                expectedDaily.add(dimension + " " + cutoff.plusDays(d));
            }
        }
        assertThat(daily).isEqualTo(expectedDaily);
        // The cutoff's week (Monday to the Saturday after it) stays whole; the two weeks before it are gone.
        List<String> weekly = jdbc.sql("SELECT dimension, week_start, successes, failures FROM signin_weekly "
                + "WHERE user_id = :u ORDER BY dimension, week_start").param("u", u.id())
                .query((rs, n) -> rs.getString(1) + " " + rs.getDate(2).toLocalDate() + " " + rs.getLong(3) + "/"
                        + rs.getLong(4)).list();
        assertThat(weekly).containsExactly(SignInDaily.APPLICATION + " " + cutoff.minusDays(2) + " 6/0");
    }

    @Test
    void statisticsWhenSignedInThroughTheApiThenTodayCountsTheEnrichedAttempts() {
        TestAccount a = fixtures.newAccount();
        TestUser u = fixtures.newUser(a);
        signInOk(u, SYDNEY, CHROME_WINDOWS);
        signInOk(u, SYDNEY, CHROME_WINDOWS);
        signInOk(u, BERLIN, SDK);
        assertThat(signIn(u, "Wrong-Pass-0000", "10.1.9.9", FIREFOX_LINUX).status()).isEqualTo(401);
        awaitCounted(u, 4);

        JsonNode s = api.get("/gatehouse/v1/users/" + u.id() + "/statistics?period=7d", fixtures.token(u)).json()
                .get("statistics");

        assertThat(s.get("totals").get("successes").asLong()).isEqualTo(3);
        assertThat(s.get("totals").get("failures").asLong()).isEqualTo(1);
        assertThat(names(s.get("locations"))).containsExactly("Sydney, Australia=2", "Berlin, Germany=1",
                "Corporate VPN=1");
        assertThat(names(s.get("devices"))).containsExactly("desktop, Windows, Chrome=2", "desktop, Ubuntu, Firefox=1",
                "other, Other, Other=1");
        assertThat(names(s.get("applications"))).containsExactly("Chrome=2", "Firefox=1", "huaweicloud-usdk-java=1");
        assertThat(names(s.get("authentication_types"))).containsExactly("password=4");
        assertThat(names(s.get("failure_causes"))).containsExactly("wrong_password=1");
    }

    @Test
    void accessKeyUseWhenRecordedTwiceADayThenOneSignInEventOfTypeAksk() {
        TestAccount a = fixtures.newAccount();
        TestUser u = fixtures.newUser(a);
        ClientInfo client = new ClientInfo(LONDON, SDK, "0123456789abcdef0123456789abcdef");
        String key = "AK" + u.id().substring(0, 18).toUpperCase();

        boolean first = signIns.recordAccessKeyUse(a.id(), u.id(), u.name(), key, client);
        boolean second = signIns.recordAccessKeyUse(a.id(), u.id(), u.name(), key, client);
        awaitCounted(u, 1);

        assertThat(first).isTrue();
        assertThat(second).isFalse();
        JsonNode s = api.get("/gatehouse/v1/users/" + u.id() + "/statistics?period=7d", a.adminToken()).json()
                .get("statistics");
        assertThat(names(s.get("authentication_types"))).containsExactly("aksk=1");
        assertThat(names(s.get("locations"))).containsExactly("London, United Kingdom=1");
    }

    @Test
    void statisticsWhenNoTokenAnotherUserAnotherAccountOrBadPeriodThenRefused() {
        TestAccount a = fixtures.newAccount();
        TestAccount other = fixtures.newAccount();
        TestUser u = fixtures.newUser(a);
        TestUser v = fixtures.newUser(a);
        String path = "/gatehouse/v1/users/" + u.id() + "/statistics";

        assertThat(api.get(path, fixtures.token(u)).status()).isEqualTo(200);
        assertThat(api.get(path, a.adminToken()).status()).isEqualTo(200);
        assertRefused(api.get(path, null), 401, "IAM.0001");
        assertRefused(api.get(path, fixtures.token(v)), 403, "IAM.0003");
        assertRefused(api.get(path, other.adminToken()), 404, "IAM.0004");
        assertRefused(api.get("/gatehouse/v1/users/0123456789abcdef0123456789abcdef/statistics", a.adminToken()),
                404, "IAM.0004");
        String token = fixtures.token(u);
        assertRefused(api.get(path + "?period=1y", token), 400, "IAM.0007");
        assertRefused(api.get(path + "?period=custom&to=2026-01-01", token), 400, "IAM.0072");
        assertRefused(api.get(path + "?period=custom&from=2026-02-01&to=2026-01-01", token), 400, "IAM.0007");
        assertRefused(api.get(path + "?period=custom&from=2024-01-01&to=2026-01-01", token), 400, "IAM.0007");
        assertRefused(api.get(path + "?period=custom&from=January&to=2026-01-01", token), 400, "IAM.0007");
        assertRefused(api.get(path + "?period=7d&from=2026-01-01", token), 400, "IAM.0007");
    }

    // ---- the seed and its expected numbers -------------------------------------------------------

    private List<Seed> seed(TestUser u, LocalDate today, int n, Random random) {
        List<Seed> seeds = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            LocalDate day = today.minusDays(1 + random.nextInt(100));
            int hour = random.nextInt(24);
            boolean success = random.nextInt(3) > 0;
            String[] device = DEVICES[random.nextInt(DEVICES.length)];
            int kind = random.nextInt(20);
            // Not attempts: an operation verification, a lock record, the first step of a two-step sign-in.
            String channel = kind == 0 ? SignInEvents.CHANNEL_OPERATION : "api";
            String cause = success ? null : kind == 1 ? "locked" : kind == 2 ? "code_sent"
                    : CAUSES[random.nextInt(CAUSES.length)];
            boolean counted = kind > 2 || success && kind > 0;
            Seed s = new Seed(day, hour, APPS[random.nextInt(APPS.length)], LOCATIONS[random.nextInt(LOCATIONS.length)],
                    METHODS[random.nextInt(METHODS.length)], success, cause, String.join(", ", device), counted);
            seeds.add(s);
            jdbc.sql("""
                    INSERT INTO signin_event (occurred_at, domain_id, user_id, attempted_name, source_ip, user_agent,
                      channel, method, result, cause, request_id, location, device_type, os, browser, application)
                    VALUES (:at, :domainId, :userId, :name, '192.0.2.1', 'seed', :channel, :method, :result, :cause,
                      NULL, :location, :type, :os, :browser, :app)""")
                    .param("at", WireTime.toSql(day.atTime(hour, random.nextInt(60), random.nextInt(60))
                            .toInstant(ZoneOffset.UTC)))
                    .param("domainId", u.account().id()).param("userId", u.id()).param("name", u.name())
                    .param("channel", channel).param("method", s.method()).param("result", success ? "success"
                            : "failure")
                    .param("cause", cause).param("location", s.location()).param("type", device[0])
                    .param("os", device[1]).param("browser", device[2]).param("app", s.app()).update();
            if (random.nextInt(10) == 0) {
                // An attempt with a name that matches no user: it belongs to nobody's statistics.
                jdbc.sql("""
                        INSERT INTO signin_event (occurred_at, domain_id, attempted_name, channel, method, result, cause)
                        VALUES (:at, NULL, :name, 'api', 'password', 'failure', 'unknown_user')""")
                        .param("at", WireTime.toSql(day.atStartOfDay().toInstant(ZoneOffset.UTC)))
                        .param("name", u.name()).update();
            }
        }
        return seeds;
    }

    private void check(TestUser u, String period, LocalDate from, LocalDate to, List<Seed> seeds) {
        Api.Response r = api.get("/gatehouse/v1/users/" + u.id() + "/statistics?period=" + period,
                fixtures.token(u));
        assertThat(r.status()).as(r.toString()).isEqualTo(200);
        JsonNode s = r.json().get("statistics");
        List<Seed> in = seeds.stream().filter(Seed::counted)
                .filter(x -> !x.day().isBefore(from) && !x.day().isAfter(to)).toList();

        assertThat(s.get("user_id").asString()).isEqualTo(u.id());
        assertThat(s.get("from").asString()).isEqualTo(from.toString());
        assertThat(s.get("to").asString()).isEqualTo(to.toString());
        assertThat(s.get("time_zone").asString()).isEqualTo("UTC");
        assertThat(s.get("totals").get("successes").asLong()).isEqualTo(in.stream().filter(Seed::success).count());
        assertThat(s.get("totals").get("failures").asLong()).isEqualTo(in.stream().filter(x -> !x.success()).count());

        List<String> days = new ArrayList<>();
        for (LocalDate d = from; !d.isAfter(to); d = d.plusDays(1)) {
            LocalDate day = d;
            days.add(d + " " + in.stream().filter(x -> x.day().equals(day) && x.success()).count() + "/"
                    + in.stream().filter(x -> x.day().equals(day) && !x.success()).count());
        }
        List<String> daily = new ArrayList<>();
        s.get("daily").forEach(d -> daily.add(d.get("date").asString() + " " + d.get("successes").asLong() + "/"
                + d.get("failures").asLong()));
        assertThat(daily).as(period + " daily").isEqualTo(days);

        List<Long> hours = new ArrayList<>();
        for (int h = 0; h < 24; h++) {
            int hour = h;
            hours.add(in.stream().filter(x -> x.hour() == hour).count());
        }
        List<Long> timeOfDay = new ArrayList<>();
        s.get("time_of_day").forEach(h -> timeOfDay.add(h.get("count").asLong()));
        assertThat(timeOfDay).as(period + " time of day").isEqualTo(hours);

        assertThat(items(s.get("applications"))).as(period + " apps").isEqualTo(expected(in, Seed::app));
        assertThat(items(s.get("locations"))).as(period + " locations").isEqualTo(expected(in, Seed::location));
        assertThat(items(s.get("devices"))).as(period + " devices").isEqualTo(expected(in, Seed::device));
        assertThat(items(s.get("authentication_types"))).as(period + " types").isEqualTo(expected(in, Seed::method));
        assertThat(items(s.get("failure_causes"))).as(period + " causes")
                .isEqualTo(expected(in.stream().filter(x -> !x.success()).toList(), Seed::cause));
    }

    /** The top ten by attempts, then by name: "name count successes failures". */
    private static List<String> expected(List<Seed> in, Function<Seed, String> by) {
        Map<String, long[]> counts = new LinkedHashMap<>();
        in.forEach(x -> counts.computeIfAbsent(by.apply(x), k -> new long[2])[x.success() ? 0 : 1]++);
        return counts.entrySet().stream()
                .sorted(Comparator.<Map.Entry<String, long[]>>comparingLong(e -> -(e.getValue()[0] + e.getValue()[1]))
                        .thenComparing(Map.Entry::getKey))
                .limit(10)
                .map(e -> e.getKey() + " " + (e.getValue()[0] + e.getValue()[1]) + " " + e.getValue()[0] + " "
                        + e.getValue()[1])
                .toList();
    }

    private static List<String> items(JsonNode list) {
        List<String> found = new ArrayList<>();
        list.forEach(i -> found.add(i.get("name").asString() + " " + i.get("count").asLong() + " "
                + i.get("successes").asLong() + " " + i.get("failures").asLong()));
        return found;
    }

    private static List<String> names(JsonNode list) {
        List<String> found = new ArrayList<>();
        list.forEach(i -> found.add(i.get("name").asString() + "=" + i.get("count").asLong()));
        return found;
    }

    private void awaitTotal(TestUser u, LocalDate from, LocalDate to, long expected) {
        String path = "/gatehouse/v1/users/" + u.id() + "/statistics?period=custom&from=" + from + "&to=" + to;
        long deadline = System.nanoTime() + 30_000_000_000L;
        long total;
        do {
            JsonNode totals = api.get(path, u.account().adminToken()).json().get("statistics").get("totals");
            total = totals.get("successes").asLong() + totals.get("failures").asLong();
            if (total == expected) {
                return;
            }
            pause();
        } while (System.nanoTime() < deadline);
        assertThat(total).as("attempts rolled up").isEqualTo(expected);
    }

    private static void assertRefused(Api.Response r, int status, String code) {
        assertThat(r.status()).as(r.toString()).isEqualTo(status);
        assertThat(r.errorCode()).as(r.toString()).isEqualTo(code);
    }
}
