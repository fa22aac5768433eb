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
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Predicate;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVParser;
import org.apache.commons.csv.CSVRecord;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.support.GeneratedKeyHolder;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The operation-log query API: filters and keyset paging (with ties in time), exports that hold what
 * the pages hold, strict parameters, and who may read what.
 */
class OperationLogQueryIT extends IntegrationTest {

    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static final Instant T1 = Instant.parse("2026-03-01T10:00:00.123456Z");
    private static final Instant T2 = Instant.parse("2026-03-02T10:00:00Z");
    private static final Instant T3 = Instant.parse("2026-03-03T10:00:00.5Z");

    @Autowired
    JdbcClient jdbc;

    /** A seeded row as the test knows it, independently of the API. */
    record Seeded(long id, Instant at, String operation, String resourceType, String resourceId, String actorId,
            String result) {
    }

    @Test
    void listWhenTimestampsTieThenEveryRecordOnceNewestFirstAcrossPages() {
        TestAccount account = fixtures.newAccount();
        List<Seeded> seeded = seed(account.id());

        for (int limit : new int[] {1, 4, 7, 500}) {
            List<Long> ids = pageThrough("/gatehouse/v1/operation-logs?resource_type=seeded", account.adminToken(),
                    limit, "operation_logs").stream().map(n -> n.get("id").asLong()).toList();
            assertThat(ids).as("limit " + limit).containsExactlyElementsOf(expected(seeded, s -> true));
        }
    }

    @Test
    void listWhenFilteredThenOnlyMatchingRecordsInOrder() {
        TestAccount account = fixtures.newAccount();
        List<Seeded> seeded = seed(account.id());
        String base = "/gatehouse/v1/operation-logs?resource_type=seeded";

        assertIds(account, base + "&result=failure", expected(seeded, s -> s.result().equals("failure")));
        assertIds(account, base + "&operation=op:b", expected(seeded, s -> s.operation().equals("op:b")));
        assertIds(account, base + "&actor_id=actor-2", expected(seeded, s -> "actor-2".equals(s.actorId())));
        assertIds(account, base + "&resource_id=r-3", expected(seeded, s -> s.resourceId().equals("r-3")));
        // from is inclusive and to exclusive: T2 rows only.
        assertIds(account, base + "&from=" + enc(T2.toString()) + "&to=" + enc(T3.toString()),
                expected(seeded, s -> s.at().equals(T2)));
        assertIds(account, base + "&from=" + T3.toEpochMilli(), expected(seeded, s -> s.at().equals(T3)));
        // 11:00 at +01:00 is T2 itself, which "to" excludes.
        assertIds(account, base + "&to=" + enc("2026-03-02T11:00:00+01:00") + "&result=success&operation=op:a",
                expected(seeded, s -> s.at().isBefore(T2) && s.result().equals("success")
                        && s.operation().equals("op:a")));
        assertIds(account, "/gatehouse/v1/operation-logs?operation=no-such-op", List.of());
    }

    @Test
    void exportWhenCsvOrJsonLinesThenSameRecordsAsThePages() throws Exception {
        TestAccount account = fixtures.newAccount();
        seed(account.id());
        // Real records too: their user agents and addresses hold characters CSV must quote.
        TestUser user = fixtures.newUser(account);
        api.call("PUT", "/v3.0/OS-USER/users/" + user.id()).token(account.adminToken())
                .header("User-Agent", "agent, with \"quotes\"").json(Map.of("user", Map.of("description", "x"))).send();
        List<JsonNode> pages = pageThrough("/gatehouse/v1/operation-logs?", account.adminToken(), 6,
                "operation_logs");

        Api.Response csv = api.get("/gatehouse/v1/operation-logs/export?format=csv", account.adminToken());
        assertThat(csv.status()).as(csv.toString()).isEqualTo(200);
        assertThat(csv.header("Content-Type")).startsWith("text/csv");
        assertThat(csv.header("Content-Disposition")).contains("operation-logs.csv");
        List<CSVRecord> rows;
        try (CSVParser parser = CSVFormat.DEFAULT.builder().setHeader().setSkipHeaderRecord(true).get()
                .parse(new StringReader(csv.text()))) {
            rows = parser.getRecords();
            assertThat(parser.getHeaderNames()).containsExactly("id", "occurred_at", "domain_id", "actor_id",
                    "actor_name", "source_ip", "user_agent", "operation", "resource_type", "resource_id", "result",
                    "error_code", "request_id");
        }
        assertThat(rows).hasSameSizeAs(pages);
        for (int i = 0; i < rows.size(); i++) {
            JsonNode page = pages.get(i);
            for (String column : rows.get(i).toMap().keySet()) {
                JsonNode value = page.get(column);
                assertThat(rows.get(i).get(column)).as(column)
                        .isEqualTo(value == null ? "" : value.asString());
            }
        }

        Api.Response lines = api.call("GET", "/gatehouse/v1/operation-logs/export").token(account.adminToken())
                .header("Accept", "application/x-ndjson").send();
        assertThat(lines.status()).isEqualTo(200);
        assertThat(lines.header("Content-Type")).startsWith("application/x-ndjson");
        List<JsonNode> parsed = lines.text().lines().map(JSON::readTree).toList();
        assertThat(parsed).containsExactlyElementsOf(pages);

        Api.Response filtered = api.get("/gatehouse/v1/operation-logs/export?format=jsonl&result=failure"
                + "&resource_type=seeded", account.adminToken());
        assertThat(filtered.text().lines().map(JSON::readTree).map(n -> n.get("result").asString()).distinct())
                .containsExactly("failure");
    }

    @Test
    void exportWhenCellLooksLikeFormulaThenCsvDefusesItAndJsonKeepsIt() throws Exception {
        TestAccount account = fixtures.newAccount();
        insert(account.id(), T1, "op:a", "r-1", null, "success", "=HYPERLINK(\"http://evil\")");

        String csv = api.get("/gatehouse/v1/operation-logs/export?format=csv&resource_type=seeded",
                account.adminToken()).text();
        String json = api.get("/gatehouse/v1/operation-logs/export?format=jsonl&resource_type=seeded",
                account.adminToken()).text();

        try (CSVParser parser = CSVFormat.DEFAULT.builder().setHeader().setSkipHeaderRecord(true).get()
                .parse(new StringReader(csv))) {
            assertThat(parser.getRecords().get(0).get("user_agent")).isEqualTo("'=HYPERLINK(\"http://evil\")");
        }
        assertThat(JSON.readTree(json.strip()).get("user_agent").asString()).isEqualTo("=HYPERLINK(\"http://evil\")");
    }

    @Test
    void listWhenParametersMalformedThen400NeverA500() {
        TestAccount account = fixtures.newAccount();
        for (String query : List.of("marker=not-a-marker", "marker=%25%25%25", "marker=" + b64("v1:abc:1"),
                "marker=" + b64("v1:9999999999999999999:1"), "marker=" + b64("v2:1:1"), "marker=" + "A".repeat(200), "limit=0", "limit=501",
                "limit=abc", "limit=-1", "from=yesterday", "to=2026-13-01T00:00:00Z",
                "from=2026-03-02T00:00:00Z&to=2026-03-01T00:00:00Z", "result=maybe", "operation=",
                "actor_id=" + "x".repeat(129))) {
            Api.Response r = api.get("/gatehouse/v1/operation-logs?" + query, account.adminToken());
            assertThat(r.status()).as(query + " -> " + r).isEqualTo(400);
            assertThat(r.errorCode()).isEqualTo("IAM.0007");
        }
        Api.Response format = api.get("/gatehouse/v1/operation-logs/export?format=xlsx", account.adminToken());
        assertThat(format.status()).isEqualTo(400);
        assertThat(format.json().get("error_msg").asString()).contains("format");
    }

    @Test
    void userLogWhenOwnThenWhatItDidAndWhatWasDoneToItWithoutOthersAddresses() {
        TestAccount account = fixtures.newAccount();
        TestUser user = fixtures.newUser(account);
        TestUser other = fixtures.newUser(account);
        String token = fixtures.token(user);
        api.put("/v3.0/OS-USER/users/" + other.id(), account.adminToken(), Map.of("user", Map.of("description", "o")));
        api.put("/v3.0/OS-USER/users/" + user.id(), account.adminToken(), Map.of("user", Map.of("description", "u")));
        api.put("/v3.0/OS-USER/users/" + user.id() + "/info", token, Map.of("user", Map.of("email",
                "self-" + Fixtures.unique() + "@example.com")));

        List<JsonNode> own = pageThrough("/gatehouse/v1/users/" + user.id() + "/operation-logs?", token, 50,
                "operation_logs");

        assertThat(own).extracting(n -> n.get("operation").asString()).containsExactly(
                "iam:users:updateUserInformation", "iam:users:updateUser", "iam:users:createUser");
        JsonNode byAdmin = own.get(1);
        assertThat(byAdmin.get("actor_id").asString()).isEqualTo(account.ownerId());
        assertThat(byAdmin.has("source_ip")).isFalse();
        assertThat(byAdmin.has("user_agent")).isFalse();
        assertThat(own.get(0).get("source_ip").asString()).isEqualTo("127.0.0.1");
        // The administrator sees the same records with everything.
        List<JsonNode> asAdmin = pageThrough("/gatehouse/v1/users/" + user.id() + "/operation-logs?",
                account.adminToken(), 50, "operation_logs");
        assertThat(asAdmin).hasSize(3);
        assertThat(asAdmin.get(1).get("source_ip").asString()).isEqualTo("127.0.0.1");
    }

    @Test
    void readWhenNotAllowedThenRefusedAndNothingOfAnotherAccountShows() {
        TestAccount account = fixtures.newAccount();
        TestUser user = fixtures.newUser(account);
        TestUser other = fixtures.newUser(account);
        TestAccount foreign = fixtures.newAccount();
        String userToken = fixtures.token(user);

        for (String path : List.of("/gatehouse/v1/operation-logs", "/gatehouse/v1/operation-logs/export",
                "/gatehouse/v1/operation-logs/verify", "/gatehouse/v1/operation-logs/types",
                "/gatehouse/v1/users/" + user.id() + "/operation-logs",
                "/gatehouse/v1/users/" + user.id() + "/operation-logs/export")) {
            Api.Response anonymous = api.get(path, null);
            assertThat(anonymous.status()).as(path).isEqualTo(401);
            assertThat(anonymous.errorCode()).isEqualTo("IAM.0001");
        }
        for (String path : List.of("/gatehouse/v1/operation-logs", "/gatehouse/v1/operation-logs/export",
                "/gatehouse/v1/operation-logs/verify", "/gatehouse/v1/users/" + other.id() + "/operation-logs",
                "/gatehouse/v1/users/" + other.id() + "/operation-logs/export")) {
            Api.Response plain = api.get(path, userToken);
            assertThat(plain.status()).as(path).isEqualTo(403);
            assertThat(plain.errorCode()).isEqualTo("IAM.0003");
        }
        // The other account's administrator: the same 404 as an unknown id, for the list and the export.
        Api.Response foreignList = api.get("/gatehouse/v1/users/" + user.id() + "/operation-logs", foreign.adminToken());
        Api.Response unknown = api.get("/gatehouse/v1/users/" + "0".repeat(32) + "/operation-logs",
                foreign.adminToken());
        Api.Response foreignExport = api.get("/gatehouse/v1/users/" + user.id() + "/operation-logs/export",
                foreign.adminToken());
        for (Api.Response r : List.of(foreignList, unknown, foreignExport)) {
            assertThat(r.status()).as(r.toString()).isEqualTo(404);
            assertThat(r.errorCode()).isEqualTo("IAM.0004");
        }
        // The 404 repeats the id the caller sent, word for word as for an unknown one.
        assertThat(foreignList.text().replace(user.id(), "0".repeat(32))).isEqualTo(unknown.text());
        assertThat(api.get("/gatehouse/v1/operation-logs?resource_id=" + user.id(), foreign.adminToken()).json()
                .get("operation_logs")).isEmpty();
        assertThat(api.get("/gatehouse/v1/operation-logs", foreign.adminToken()).json().get("operation_logs"))
                .allSatisfy(n -> assertThat(n.get("domain_id").asString()).isEqualTo(foreign.id()));
    }

    @Test
    void typesWhenListedThenDeclaredWritesAndThoseInTheLog() {
        TestAccount account = fixtures.newAccount();
        insert(account.id(), T1, "legacy:things:doIt", "r-1", null, "success", "ua");
        TestUser user = fixtures.newUser(account);

        JsonNode types = api.get("/gatehouse/v1/operation-logs/types", fixtures.token(user)).json();

        assertThat(types.get("operation_types").valueStream().map(JsonNode::asString).toList())
                .contains("iam:users:updateUser", "iam:users:deleteUser", "gatehouse:accounts:createAccount",
                        "legacy:things:doIt")
                .doesNotContain("gatehouse:audit:listOperationLogs", "iam:users:showUser").isSorted();
        assertThat(types.get("resource_types").valueStream().map(JsonNode::asString).toList())
                .contains("user", "account", "seeded").isSorted();
    }

    // ---- helpers ---------------------------------------------------------------------------------

    /** 21 rows over three instants, with ties inside each, and a spread of operations, results and actors. */
    private List<Seeded> seed(String domainId) {
        List<Seeded> seeded = new ArrayList<>();
        Instant[] times = {T2, T1, T3};
        for (int i = 0; i < 21; i++) {
            Instant at = times[i % 3];
            String op = i % 4 == 0 ? "op:b" : "op:a";
            String actor = i % 5 == 0 ? null : "actor-" + (i % 3);
            String result = i % 3 == 1 ? "failure" : "success";
            String resourceId = "r-" + (i % 4);
            long id = insert(domainId, at, op, resourceId, actor, result, "ua-" + i);
            seeded.add(new Seeded(id, at, op, "seeded", resourceId, actor, result));
        }
        return seeded;
    }

    private long insert(String domainId, Instant at, String op, String resourceId, String actor, String result,
            String userAgent) {
        GeneratedKeyHolder key = new GeneratedKeyHolder();
        jdbc.sql("""
                INSERT INTO operation_log (occurred_at, domain_id, actor_id, actor_name, source_ip, user_agent,
                  operation, resource_type, resource_id, result, error_code, request_id)
                VALUES (:at, :d, :actor, :name, '10.0.0.1', :ua, :op, 'seeded', :rid, :result, :code, 'req')""")
                .param("at", OffsetDateTime.ofInstant(at, ZoneOffset.UTC)).param("d", domainId).param("actor", actor)
                .param("name", actor == null ? null : "name of " + actor).param("ua", userAgent).param("op", op)
                .param("rid", resourceId).param("result", result)
                .param("code", result.equals("failure") ? "IAM.0003" : null).update(key, "id");
        return key.getKeyAs(Long.class);
    }

    private static List<Long> expected(List<Seeded> seeded, Predicate<Seeded> filter) {
        return seeded.stream().filter(filter)
                .sorted(Comparator.comparing(Seeded::at).thenComparing(Seeded::id).reversed())
                .map(Seeded::id).toList();
    }

    private void assertIds(TestAccount account, String path, List<Long> expected) {
        List<Long> ids = pageThrough(path, account.adminToken(), 3, "operation_logs").stream()
                .map(n -> n.get("id").asLong()).toList();
        assertThat(ids).as(path).containsExactlyElementsOf(expected);
    }

    /** Follows next_marker to the end and returns every item; checks each page's count. */
    private List<JsonNode> pageThrough(String path, String token, int limit, String member) {
        List<JsonNode> all = new ArrayList<>();
        String marker = null;
        Map<String, Boolean> seenMarkers = new LinkedHashMap<>();
        do {
            String url = path + (path.endsWith("?") ? "" : "&") + "limit=" + limit
                    + (marker == null ? "" : "&marker=" + enc(marker));
            Api.Response r = api.get(url, token);
            assertThat(r.status()).as(r.toString()).isEqualTo(200);
            JsonNode body = r.json();
            List<JsonNode> items = body.get(member).valueStream().toList();
            assertThat(items.size()).isLessThanOrEqualTo(limit);
            assertThat(body.get("page_info").get("current_count").asInt()).isEqualTo(items.size());
            all.addAll(items);
            JsonNode next = body.get("page_info").get("next_marker");
            marker = next == null ? null : next.asString();
            assertThat(marker == null || seenMarkers.put(marker, true) == null).isTrue();
            if (marker != null) {
                assertThat(items).hasSize(limit);
            }
        } while (marker != null);
        return all;
    }

    private static String enc(String s) {
        return URLEncoder.encode(s, StandardCharsets.UTF_8);
    }

    private static String b64(String s) {
        return java.util.Base64.getUrlEncoder().withoutPadding().encodeToString(s.getBytes(StandardCharsets.US_ASCII));
    }
}
