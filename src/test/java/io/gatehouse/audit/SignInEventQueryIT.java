package io.gatehouse.audit;

import static org.assertj.core.api.Assertions.assertThat;

import io.gatehouse.testsupport.Api;
import io.gatehouse.testsupport.Fixtures;
import io.gatehouse.testsupport.Fixtures.TestAccount;
import io.gatehouse.testsupport.Fixtures.TestUser;
import io.gatehouse.testsupport.IntegrationTest;
import java.io.StringReader;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.function.Predicate;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVParser;
import org.apache.commons.csv.CSVRecord;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** The sign-in-event query API: the same paging and export as the operation log, its own filters and rules. */
class SignInEventQueryIT extends IntegrationTest {

    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static final Instant T1 = Instant.parse("2026-04-01T08:00:00.000001Z");
    private static final Instant T2 = Instant.parse("2026-04-01T09:00:00Z");

    @Autowired
    JdbcClient jdbc;

    record Seeded(long id, Instant at, String userId, String name, String ip, String method, String result,
            String cause) {
    }

    @Test
    void listWhenTimestampsTieAndFilteredThenEveryMatchOnceNewestFirst() {
        TestAccount account = fixtures.newAccount();
        List<Seeded> seeded = seed(account.id());
        String base = "/gatehouse/v1/signin-events?from=" + enc("2026-04-01T00:00:00Z") + "&to="
                + enc("2026-04-02T00:00:00Z");

        assertIds(account, base, 1, expected(seeded, s -> true));
        assertIds(account, base, 4, expected(seeded, s -> true));
        assertIds(account, base + "&result=failure", 2, expected(seeded, s -> s.result().equals("failure")));
        assertIds(account, base + "&cause=wrong_password", 2, expected(seeded, s -> "wrong_password".equals(s.cause())));
        assertIds(account, base + "&method=" + enc("password+totp"), 2,
                expected(seeded, s -> s.method().equals("password+totp")));
        assertIds(account, base + "&user_id=u-1", 2, expected(seeded, s -> "u-1".equals(s.userId())));
        assertIds(account, base + "&attempted_name=nobody", 2, expected(seeded, s -> s.name().equals("nobody")));
        assertIds(account, base + "&source_ip=10.0.0.2&result=success", 2,
                expected(seeded, s -> s.ip().equals("10.0.0.2") && s.result().equals("success")));
        assertIds(account, "/gatehouse/v1/signin-events?to=" + enc(T2.toString()), 3,
                expected(seeded, s -> s.at().equals(T1)));
    }

    @Test
    void signInsWhenMadeThenTheUserAndTheAdministratorSeeThem() {
        TestAccount account = fixtures.newAccount();
        TestUser user = fixtures.newUser(account);
        TestUser other = fixtures.newUser(account);
        fixtures.signIn(account.name(), user.name(), "Wrong-Pass-1234");
        String token = fixtures.token(user);
        fixtures.token(other);

        JsonNode own = api.get("/gatehouse/v1/users/" + user.id() + "/signin-events", token).json();
        assertThat(own.get("signin_events").valueStream().map(n -> n.get("result").asString() + " "
                + (n.has("cause") ? n.get("cause").asString() : "-") + " " + n.get("method").asString()))
                .containsExactly("success - password", "failure wrong_password password");
        assertThat(own.get("signin_events").valueStream().map(n -> n.get("user_id").asString()).distinct())
                .containsExactly(user.id());
        // The enrichment of the write side shows on the read side: the test client is on the loopback address.
        assertThat(own.get("signin_events").valueStream().map(n -> n.get("location").asString()).distinct())
                .containsExactly("internal network");
        assertThat(own.get("signin_events").get(0).get("device_type").asString()).isNotBlank();
        // A user_id filter naming someone else matches nothing on the user's own list.
        assertThat(api.get("/gatehouse/v1/users/" + user.id() + "/signin-events?user_id=" + other.id(), token).json()
                .get("signin_events")).isEmpty();

        JsonNode failures = api.get("/gatehouse/v1/signin-events?result=failure", account.adminToken()).json();
        assertThat(failures.get("signin_events").valueStream().map(n -> n.get("attempted_name").asString()))
                .containsExactly(user.name());
        assertThat(api.get("/gatehouse/v1/users/" + user.id() + "/signin-events", account.adminToken()).json()
                .get("signin_events")).hasSize(2);
    }

    @Test
    void exportWhenCsvOrJsonLinesThenSameEventsAsThePages() throws Exception {
        TestAccount account = fixtures.newAccount();
        seed(account.id());
        List<JsonNode> pages = new ArrayList<>();
        String marker = null;
        do {
            JsonNode body = api.get("/gatehouse/v1/signin-events?limit=5" + (marker == null ? "" : "&marker=" + marker),
                    account.adminToken()).json();
            body.get("signin_events").forEach(pages::add);
            marker = body.get("page_info").has("next_marker") ? body.get("page_info").get("next_marker").asString()
                    : null;
        } while (marker != null);

        Api.Response csv = api.call("GET", "/gatehouse/v1/signin-events/export").token(account.adminToken())
                .header("Accept", "text/csv").send();
        assertThat(csv.header("Content-Disposition")).contains("signin-events.csv");
        try (CSVParser parser = CSVFormat.DEFAULT.builder().setHeader().setSkipHeaderRecord(true).get()
                .parse(new StringReader(csv.text()))) {
            List<CSVRecord> rows = parser.getRecords();
            assertThat(rows).hasSameSizeAs(pages);
            for (int i = 0; i < rows.size(); i++) {
                for (String column : parser.getHeaderNames()) {
                    JsonNode value = pages.get(i).get(column);
                    assertThat(rows.get(i).get(column)).as(column).isEqualTo(value == null ? "" : value.asString());
                }
            }
        }
        Api.Response lines = api.get("/gatehouse/v1/signin-events/export?format=ndjson", account.adminToken());
        assertThat(lines.text().lines().map(JSON::readTree).toList()).containsExactlyElementsOf(pages);
    }

    @Test
    void readWhenNotAllowedThenRefusedAndNothingOfAnotherAccountShows() {
        TestAccount account = fixtures.newAccount();
        TestUser user = fixtures.newUser(account);
        TestUser other = fixtures.newUser(account);
        TestAccount foreign = fixtures.newAccount();
        String token = fixtures.token(user);
        fixtures.token(other);

        assertThat(api.get("/gatehouse/v1/signin-events", null).status()).isEqualTo(401);
        assertThat(api.get("/gatehouse/v1/users/" + user.id() + "/signin-events/export", null).status()).isEqualTo(401);
        for (String path : List.of("/gatehouse/v1/signin-events", "/gatehouse/v1/signin-events/export",
                "/gatehouse/v1/users/" + other.id() + "/signin-events",
                "/gatehouse/v1/users/" + other.id() + "/signin-events/export")) {
            Api.Response r = api.get(path, token);
            assertThat(r.status()).as(path).isEqualTo(403);
            assertThat(r.errorCode()).isEqualTo("IAM.0003");
        }
        // The other account's administrator: the same 404 as an unknown user, for the list and the export.
        for (String path : List.of("/gatehouse/v1/users/" + other.id() + "/signin-events",
                "/gatehouse/v1/users/" + other.id() + "/signin-events/export",
                "/gatehouse/v1/users/" + "0".repeat(32) + "/signin-events")) {
            Api.Response r = api.get(path, foreign.adminToken());
            assertThat(r.status()).as(path).isEqualTo(404);
            assertThat(r.errorCode()).isEqualTo("IAM.0004");
        }
        assertThat(api.get("/gatehouse/v1/signin-events?user_id=" + other.id(), foreign.adminToken()).json()
                .get("signin_events")).isEmpty();
        assertThat(api.get("/gatehouse/v1/signin-events?marker=x", account.adminToken()).status()).isEqualTo(400);
        assertThat(api.get("/gatehouse/v1/signin-events?limit=1000", account.adminToken()).status()).isEqualTo(400);
    }

    // ---- helpers ---------------------------------------------------------------------------------

    /** 15 events at two instants (ties within each) with varied users, names, addresses and outcomes. */
    private List<Seeded> seed(String domainId) {
        List<Seeded> seeded = new ArrayList<>();
        for (int i = 0; i < 15; i++) {
            Instant at = i % 2 == 0 ? T1 : T2;
            String userId = i % 4 == 3 ? null : "u-" + (i % 3);
            String name = userId == null ? "nobody" : "name-" + (i % 3);
            String ip = "10.0.0." + (i % 3);
            String method = i % 5 == 0 ? "password+totp" : "password";
            String result = i % 3 == 0 ? "success" : "failure";
            String cause = result.equals("success") ? null : userId == null ? "unknown_user" : "wrong_password";
            jdbc.sql("""
                    INSERT INTO signin_event (occurred_at, domain_id, user_id, attempted_name, source_ip, user_agent,
                      channel, method, result, cause, request_id)
                    VALUES (:at, :d, :u, :name, :ip, 'ua, "quoted"', 'api', :method, :result, :cause, 'req')""")
                    .param("at", OffsetDateTime.ofInstant(at, ZoneOffset.UTC)).param("d", domainId).param("u", userId)
                    .param("name", name).param("ip", ip).param("method", method).param("result", result)
                    .param("cause", cause).update();
            long id = jdbc.sql("SELECT MAX(id) FROM signin_event WHERE domain_id = :d").param("d", domainId)
                    .query(Long.class).single();
            seeded.add(new Seeded(id, at, userId, name, ip, method, result, cause));
        }
        return seeded;
    }

    private static List<Long> expected(List<Seeded> seeded, Predicate<Seeded> filter) {
        return seeded.stream().filter(filter)
                .sorted(Comparator.comparing(Seeded::at).thenComparing(Seeded::id).reversed()).map(Seeded::id).toList();
    }

    private void assertIds(TestAccount account, String path, int limit, List<Long> expected) {
        List<Long> ids = new ArrayList<>();
        String marker = null;
        do {
            Api.Response r = api.get(path + "&limit=" + limit + (marker == null ? "" : "&marker=" + marker),
                    account.adminToken());
            assertThat(r.status()).as(r.toString()).isEqualTo(200);
            r.json().get("signin_events").forEach(n -> ids.add(n.get("id").asLong()));
            JsonNode info = r.json().get("page_info");
            marker = info.has("next_marker") ? info.get("next_marker").asString() : null;
        } while (marker != null);
        assertThat(ids).as(path + " limit " + limit).containsExactlyElementsOf(expected);
    }

    private static String enc(String s) {
        return URLEncoder.encode(s, StandardCharsets.UTF_8);
    }
}
