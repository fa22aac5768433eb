package io.gatehouse.security;

import static org.assertj.core.api.Assertions.assertThat;

import io.gatehouse.testsupport.Api;
import io.gatehouse.testsupport.Fixtures;
import io.gatehouse.testsupport.Fixtures.TestAccount;
import io.gatehouse.testsupport.Fixtures.TestUser;
import io.gatehouse.testsupport.IntegrationTest;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import tools.jackson.databind.JsonNode;

/**
 * The console and API access control lists. The test client connects from 127.0.0.1, a trusted proxy
 * in the tests, so {@code X-Forwarded-For} names the client address each request comes from.
 */
class AclIT extends IntegrationTest {

    private static final String INSIDE = "10.20.30.40";
    private static final String OUTSIDE = "192.0.2.77";

    @Autowired
    JdbcClient jdbc;

    // ---- reading and writing -----------------------------------------------------------------

    @Test
    void getWhenNeverSetThenEveryListIsEmpty() {
        TestAccount a = fixtures.newAccount();

        Api.Response apiAcl = api.get(apiAcl(a), a.adminToken());
        Api.Response consoleAcl = api.get(consoleAcl(a), a.adminToken());

        assertThat(apiAcl.status()).as(apiAcl.toString()).isEqualTo(200);
        JsonNode p = apiAcl.json().get("api_acl_policy");
        assertThat(p.get("allow_ip_ranges").isEmpty()).isTrue();
        assertThat(p.get("allow_address_netmasks").isEmpty()).isTrue();
        assertThat(p.get("allow_vpc_endpoints").isEmpty()).isTrue();
        assertThat(consoleAcl.status()).as(consoleAcl.toString()).isEqualTo(200);
        JsonNode c = consoleAcl.json().get("console_acl_policy");
        assertThat(c.get("allow_ip_ranges").isEmpty()).isTrue();
        assertThat(c.get("allow_address_netmasks").isEmpty()).isTrue();
        assertThat(c.get("allow_ip_ranges_ipv6").isEmpty()).isTrue();
        assertThat(c.get("allow_address_netmasks_ipv6").isEmpty()).isTrue();
    }

    @Test
    void putApiAclWhenValidThenReturnedStoredInOrderAndLogged() {
        TestAccount a = fixtures.newAccount();
        Map<String, Object> body = Map.of("api_acl_policy", Map.of(
                "allow_ip_ranges", List.of(range("10.0.0.1-10.0.0.99", "office"), range("172.16.0.1-172.16.0.1", null)),
                "allow_address_netmasks", List.of(netmask("10.20.0.0/16", "vpn"), netmask("198.51.100.0/24", "")),
                "allow_vpc_endpoints", List.of(Map.of("vpc_endpoint_id", "8f3a0c2e-1c2d-4e5f-9a8b-7c6d5e4f3a2b",
                        "description", "endpoint"))));

        Api.Response put = put(apiAcl(a), a.adminToken(), INSIDE, body);
        Api.Response get = call("GET", apiAcl(a), a.adminToken(), INSIDE, null);

        assertThat(put.status()).as(put.toString()).isEqualTo(200);
        for (Api.Response r : List.of(put, get)) {
            JsonNode p = r.json().get("api_acl_policy");
            assertThat(p.get("allow_ip_ranges").get(0).get("ip_range").asString()).isEqualTo("10.0.0.1-10.0.0.99");
            assertThat(p.get("allow_ip_ranges").get(0).get("description").asString()).isEqualTo("office");
            assertThat(p.get("allow_ip_ranges").get(1).get("ip_range").asString()).isEqualTo("172.16.0.1-172.16.0.1");
            assertThat(p.get("allow_ip_ranges").get(1).get("description").asString()).isEmpty();
            assertThat(p.get("allow_address_netmasks").get(0).get("address_netmask").asString()).isEqualTo("10.20.0.0/16");
            assertThat(p.get("allow_address_netmasks").get(1).get("address_netmask").asString())
                    .isEqualTo("198.51.100.0/24");
            assertThat(p.get("allow_vpc_endpoints").get(0).get("vpc_endpoint_id").asString())
                    .isEqualTo("8f3a0c2e-1c2d-4e5f-9a8b-7c6d5e4f3a2b");
        }
        assertThat(operations(a)).contains("iam:securitypolicies:updateApiAclPolicy success api_acl_policy " + a.id());
    }

    @Test
    void putWhenAListIsLeftOutThenItKeepsItsEntries() {
        TestAccount a = fixtures.newAccount();
        put(apiAcl(a), a.adminToken(), INSIDE, Map.of("api_acl_policy", Map.of(
                "allow_ip_ranges", List.of(range("10.20.30.1-10.20.30.99", "")),
                "allow_address_netmasks", List.of(netmask("10.0.0.0/8", "")))));

        Api.Response r = put(apiAcl(a), a.adminToken(), INSIDE, Map.of("api_acl_policy", Map.of(
                "allow_address_netmasks", List.of(netmask("198.51.100.0/24", ""), netmask("10.20.0.0/16", "")))));

        assertThat(r.status()).as(r.toString()).isEqualTo(200);
        JsonNode p = r.json().get("api_acl_policy");
        assertThat(p.get("allow_ip_ranges").get(0).get("ip_range").asString()).isEqualTo("10.20.30.1-10.20.30.99");
        assertThat(p.get("allow_address_netmasks")).hasSize(2);
    }

    // ---- enforcement -------------------------------------------------------------------------

    @Test
    void requestWhenOutsideApiAclThenRefusedAndInsideThenServed() {
        TestAccount a = fixtures.newAccount();
        TestAccount other = fixtures.newAccount();
        TestUser u = fixtures.newUser(a);
        String userToken = fixtures.token(u);
        setApiAcl(a, List.of(), List.of("10.0.0.0/8"));

        Api.Response outside = call("GET", "/v3.0/OS-USER/users/" + u.id(), userToken, OUTSIDE, null);
        Api.Response direct = api.get("/v3.0/OS-USER/users/" + u.id(), userToken);
        Api.Response inside = call("GET", "/v3.0/OS-USER/users/" + u.id(), userToken, INSIDE, null);
        Api.Response keystoneOutside = call("GET", "/v3/users/" + u.id(), a.adminToken(), OUTSIDE, null);
        Api.Response otherAccount = call("GET", "/v3/users/" + other.ownerId(), other.adminToken(), OUTSIDE, null);

        assertThat(outside.status()).as(outside.toString()).isEqualTo(403);
        assertThat(outside.errorCode()).isEqualTo("IAM.0002");
        assertThat(outside.json().get("error_msg").asString()).contains("API access control list");
        assertThat(direct.status()).as("127.0.0.1 is outside too").isEqualTo(403);
        assertThat(inside.status()).as(inside.toString()).isEqualTo(200);
        assertThat(keystoneOutside.status()).isEqualTo(403);
        assertThat(otherAccount.status()).as("another account's list does not apply").isEqualTo(200);
    }

    @Test
    void tokenIssueWhenOutsideApiAclThenRefusedAndInsideThenIssued() {
        TestAccount a = fixtures.newAccount();
        TestUser u = fixtures.newUser(a);
        setApiAcl(a, List.of("10.20.30.1-10.20.30.50"), List.of());

        Api.Response outside = signIn(a, u.name(), Fixtures.USER_PASSWORD, OUTSIDE);
        Api.Response unknownOutside = signIn(a, "nobody-" + Fixtures.unique(), Fixtures.USER_PASSWORD, OUTSIDE);
        Api.Response inside = signIn(a, u.name(), Fixtures.USER_PASSWORD, "10.20.30.50");

        assertThat(outside.status()).as(outside.toString()).isEqualTo(403);
        assertThat(outside.errorCode()).isEqualTo("IAM.0002");
        assertThat(outside.json().get("error_msg").asString()).contains("API access control list");
        assertThat(outside.header("X-Subject-Token")).isNull();
        assertThat(unknownOutside.status()).as("an unknown user is a wrong password").isEqualTo(401);
        assertThat(inside.status()).as(inside.toString()).isEqualTo(201);
        List<String> events = jdbc.sql("""
                SELECT result || ' ' || COALESCE(cause, '-') || ' ' || source_ip FROM signin_event
                WHERE user_id = :u ORDER BY id""").param("u", u.id()).query(String.class).list();
        assertThat(events).containsSubsequence("failure acl " + OUTSIDE, "success - 10.20.30.50");
    }

    @Test
    void changeWhenListWidenedNarrowedOrClearedThenNextRequestFollows() {
        TestAccount a = fixtures.newAccount();
        TestUser u = fixtures.newUser(a);
        String userToken = fixtures.token(u);
        String path = "/v3.0/OS-USER/users/" + u.id();
        setApiAcl(a, List.of(), List.of("10.0.0.0/8"));
        int before = call("GET", path, userToken, OUTSIDE, null).status();

        setApiAcl(a, List.of(), List.of("10.0.0.0/8", "192.0.2.0/24"));
        int widened = call("GET", path, userToken, OUTSIDE, null).status();
        int widenedToken = signIn(a, u.name(), Fixtures.USER_PASSWORD, OUTSIDE).status();

        setApiAcl(a, List.of(), List.of("10.0.0.0/8"));
        int narrowed = call("GET", path, userToken, OUTSIDE, null).status();

        setApiAcl(a, List.of(), List.of());
        int cleared = call("GET", path, userToken, "203.0.113.200", null).status();

        assertThat(List.of(before, widened, widenedToken, narrowed, cleared)).containsExactly(403, 200, 201, 403, 200);
    }

    // ---- refusing a list that would lock out its author --------------------------------------

    @Test
    void putWhenItWouldExcludeTheCallersAddressThen400AndNothingChanged() {
        TestAccount a = fixtures.newAccount();
        Map<String, Object> acl = Map.of("allow_address_netmasks", List.of(netmask("10.0.0.0/8", "")));

        Api.Response apiR = put(apiAcl(a), a.adminToken(), OUTSIDE, Map.of("api_acl_policy", acl));
        Api.Response consoleR = put(consoleAcl(a), a.adminToken(), OUTSIDE, Map.of("console_acl_policy", acl));
        Api.Response direct = api.put(apiAcl(a), a.adminToken(), Map.of("api_acl_policy", acl));
        Api.Response vpcOnly = put(apiAcl(a), a.adminToken(), INSIDE, Map.of("api_acl_policy", Map.of(
                "allow_vpc_endpoints", List.of(Map.of("vpc_endpoint_id", "ep-1", "description", "")))));

        for (Api.Response r : List.of(apiR, consoleR, direct, vpcOnly)) {
            assertThat(r.status()).as(r.toString()).isEqualTo(400);
            assertThat(r.errorCode()).isEqualTo("IAM.0073");
            assertThat(r.json().get("error_msg").asString()).contains("lock you out");
        }
        assertThat(apiR.json().get("error_msg").asString()).contains(OUTSIDE);
        assertThat(api.get(apiAcl(a), a.adminToken()).json().get("api_acl_policy").get("allow_address_netmasks")
                .isEmpty()).isTrue();
        assertThat(api.get(consoleAcl(a), a.adminToken()).json().get("console_acl_policy")
                .get("allow_address_netmasks").isEmpty()).isTrue();
        assertThat(api.get("/v3/users/" + a.ownerId(), a.adminToken()).status()).isEqualTo(200);
    }

    // ---- matching ------------------------------------------------------------------------------

    @Test
    void apiAclWhenRangeThenBothBoundsInsideAndNeighboursOutside() {
        TestAccount a = fixtures.newAccount();
        String token = a.adminToken();
        Api.Response set = put(apiAcl(a), token, "10.0.0.10", Map.of("api_acl_policy",
                Map.of("allow_ip_ranges", List.of(range("10.0.0.10-10.0.0.20", "")))));
        String path = "/v3/users/" + a.ownerId();

        assertThat(set.status()).as(set.toString()).isEqualTo(200);
        assertThat(List.of("10.0.0.9", "10.0.0.10", "10.0.0.15", "10.0.0.20", "10.0.0.21"))
                .extracting(ip -> call("GET", path, token, ip, null).status())
                .containsExactly(403, 200, 200, 200, 403);
    }

    @Test
    void apiAclWhenCidrThenPrefixDecides() {
        TestAccount a = fixtures.newAccount();
        String token = a.adminToken();
        setApiAcl(a, List.of(), List.of("10.20.30.32/28", "198.51.100.7/32"));
        String path = "/v3/users/" + a.ownerId();

        assertThat(List.of("10.20.30.31", "10.20.30.32", "10.20.30.47", "10.20.30.48", "198.51.100.7", "198.51.100.8",
                "::1", "::ffff:10.20.30.33"))
                .extracting(ip -> call("GET", path, token, ip, null).status())
                .containsExactly(403, 200, 200, 403, 200, 403, 403, 200);
    }

    @Test
    void consoleAclWhenIpv6EntriesThenTheCallersIpv6AddressIsMatched() {
        TestAccount a = fixtures.newAccount();
        Map<String, Object> netmasks = Map.of("console_acl_policy",
                Map.of("allow_address_netmasks_ipv6", List.of(netmask("2001:db8::/32", "v6 office"))));
        Map<String, Object> ranges = Map.of("console_acl_policy", Map.of("allow_address_netmasks_ipv6", List.of(),
                "allow_ip_ranges_ipv6", List.of(range("2001:db8::1-2001:db8::ff", "")),
                "allow_ip_ranges", List.of(range("10.0.0.1-10.0.0.2", ""))));

        Api.Response outsideV6 = put(consoleAcl(a), a.adminToken(), "2001:db9::5", netmasks);
        Api.Response insideV6 = put(consoleAcl(a), a.adminToken(), "2001:db8:abcd::5", netmasks);
        Api.Response rangeOutside = put(consoleAcl(a), a.adminToken(), "2001:db8::100", ranges);
        Api.Response rangeInside = put(consoleAcl(a), a.adminToken(), "2001:db8::ff", ranges);
        Api.Response v6InApiAcl = put(apiAcl(a), a.adminToken(), "2001:db8::5", Map.of("api_acl_policy",
                Map.of("allow_address_netmasks", List.of(netmask("2001:db8::/32", "")))));

        assertThat(outsideV6.status()).as(outsideV6.toString()).isEqualTo(400);
        assertThat(outsideV6.json().get("error_msg").asString()).contains("lock you out");
        assertThat(insideV6.status()).as(insideV6.toString()).isEqualTo(200);
        assertThat(insideV6.json().get("console_acl_policy").get("allow_address_netmasks_ipv6").get(0)
                .get("address_netmask").asString()).isEqualTo("2001:db8::/32");
        assertThat(rangeOutside.status()).as(rangeOutside.toString()).isEqualTo(400);
        assertThat(rangeInside.status()).as(rangeInside.toString()).isEqualTo(200);
        assertThat(rangeInside.json().get("console_acl_policy").get("allow_ip_ranges_ipv6").get(0).get("ip_range")
                .asString()).isEqualTo("2001:db8::1-2001:db8::ff");
        assertThat(v6InApiAcl.status()).as("the API list takes IPv4 only").isEqualTo(400);
        assertThat(v6InApiAcl.json().get("error_msg").asString())
                .contains("api_acl_policy.allow_address_netmasks[0].address_netmask");
        assertThat(operations(a)).contains(
                "iam:securitypolicies:updateConsoleAclPolicy success console_acl_policy " + a.id());
    }

    @Test
    void consoleAclWhenSetThenApiRequestsAreNotLimitedByIt() {
        TestAccount a = fixtures.newAccount();
        Api.Response set = put(consoleAcl(a), a.adminToken(), INSIDE, Map.of("console_acl_policy",
                Map.of("allow_address_netmasks", List.of(netmask("10.0.0.0/8", "")))));

        Api.Response outside = call("GET", "/v3/users/" + a.ownerId(), a.adminToken(), OUTSIDE, null);

        assertThat(set.status()).isEqualTo(200);
        assertThat(outside.status()).isEqualTo(200);
    }

    // ---- limits and malformed entries ------------------------------------------------------------

    @Test
    void putWhen200EntriesThenAcceptedAnd201Refused() {
        TestAccount a = fixtures.newAccount();
        List<Map<String, Object>> netmasks = new ArrayList<>();
        for (int i = 0; i < 150; i++) {
            netmasks.add(netmask("10." + i + ".0.0/16", "n" + i));
        }
        List<Map<String, Object>> ranges = new ArrayList<>();
        for (int i = 0; i < 50; i++) {
            ranges.add(range("172.16." + i + ".1-172.16." + i + ".9", "r" + i));
        }
        List<Map<String, Object>> ranges51 = new ArrayList<>(ranges);
        ranges51.add(range("172.17.0.1-172.17.0.9", ""));

        Api.Response exactly200 = put(apiAcl(a), a.adminToken(), INSIDE, Map.of("api_acl_policy",
                Map.of("allow_address_netmasks", netmasks, "allow_ip_ranges", ranges)));
        Api.Response total201 = put(apiAcl(a), a.adminToken(), INSIDE, Map.of("api_acl_policy",
                Map.of("allow_address_netmasks", netmasks, "allow_ip_ranges", ranges51)));
        Api.Response mergedTo201 = put(apiAcl(a), a.adminToken(), INSIDE, Map.of("api_acl_policy",
                Map.of("allow_vpc_endpoints", List.of(Map.of("vpc_endpoint_id", "ep-1", "description", "")))));
        JsonNode stored = call("GET", apiAcl(a), a.adminToken(), INSIDE, null).json().get("api_acl_policy");

        assertThat(exactly200.status()).as(exactly200.toString()).isEqualTo(200);
        for (Api.Response r : List.of(total201, mergedTo201)) {
            assertThat(r.status()).as(r.toString()).isEqualTo(400);
            assertThat(r.errorCode()).isEqualTo("IAM.0073");
            assertThat(r.json().get("error_msg").asString()).contains("201 entries").contains("at most 200");
        }
        assertThat(stored.get("allow_address_netmasks")).hasSize(150);
        assertThat(stored.get("allow_ip_ranges")).hasSize(50);
        assertThat(stored.get("allow_address_netmasks").get(149).get("address_netmask").asString())
                .isEqualTo("10.149.0.0/16");
        assertThat(stored.get("allow_vpc_endpoints").isEmpty()).isTrue();
    }

    @Test
    void putWhenAnEntryIsMalformedThen400NamingItAndNothingChanged() {
        TestAccount a = fixtures.newAccount();
        setApiAcl(a, List.of(), List.of("10.0.0.0/8"));
        List<Object> badNetmasks = new ArrayList<>();
        badNetmasks.add(null);
        Map<String, Object> noValue = new HashMap<>();
        noValue.put("description", "no address");

        Map<String, Api.Response> answers = new java.util.LinkedHashMap<>();
        for (String bad : List.of("10.0.0.0", "10.0.0.0/33", "10.0.0.300/8", "010.0.0.0/8", "example.com/8",
                "10.0.0.0/8 ", "")) {
            answers.put("netmask " + bad, put(apiAcl(a), a.adminToken(), INSIDE, Map.of("api_acl_policy",
                    Map.of("allow_address_netmasks", List.of(netmask("10.0.0.0/8", ""), netmask(bad, ""))))));
        }
        for (String bad : List.of("10.0.0.9-10.0.0.1", "10.0.0.1", "10.0.0.1-", "10.0.0.1/8-10.0.0.2",
                "2001:db8::1-2001:db8::2")) {
            answers.put("range " + bad, put(apiAcl(a), a.adminToken(), INSIDE, Map.of("api_acl_policy",
                    Map.of("allow_ip_ranges", List.of(range(bad, ""))))));
        }
        answers.put("null entry", put(apiAcl(a), a.adminToken(), INSIDE, Map.of("api_acl_policy",
                Map.of("allow_address_netmasks", badNetmasks))));
        answers.put("missing address", put(apiAcl(a), a.adminToken(), INSIDE, Map.of("api_acl_policy",
                Map.of("allow_address_netmasks", List.of(noValue)))));
        answers.put("long description", put(apiAcl(a), a.adminToken(), INSIDE, Map.of("api_acl_policy",
                Map.of("allow_address_netmasks", List.of(netmask("10.0.0.0/8", "d".repeat(256)))))));
        answers.put("bad vpc endpoint", put(apiAcl(a), a.adminToken(), INSIDE, Map.of("api_acl_policy",
                Map.of("allow_vpc_endpoints", List.of(Map.of("vpc_endpoint_id", "no spaces allowed"))))));
        answers.put("ipv6 list on the api", put(apiAcl(a), a.adminToken(), INSIDE, Map.of("api_acl_policy",
                Map.of("allow_address_netmasks_ipv6", List.of(netmask("2001:db8::/32", ""))))));
        answers.put("wrong type", put(apiAcl(a), a.adminToken(), INSIDE, Map.of("api_acl_policy",
                Map.of("allow_address_netmasks", "10.0.0.0/8"))));
        answers.put("no body key", put(apiAcl(a), a.adminToken(), INSIDE, Map.of("acl", Map.of())));

        answers.forEach((what, r) -> {
            assertThat(r.status()).as(what + ": " + r).isEqualTo(400);
            assertThat(r.errorCode()).as(what).isIn("IAM.0073", "IAM.0072", "IAM.0007");
        });
        assertThat(answers.get("netmask example.com/8").json().get("error_msg").asString())
                .contains("api_acl_policy.allow_address_netmasks[1].address_netmask").doesNotContain("example.com");
        assertThat(answers.get("range 10.0.0.9-10.0.0.1").json().get("error_msg").asString())
                .contains("allow_ip_ranges[0].ip_range").contains("higher");
        assertThat(answers.get("missing address").errorCode()).isEqualTo("IAM.0072");
        JsonNode stored = call("GET", apiAcl(a), a.adminToken(), INSIDE, null).json().get("api_acl_policy");
        assertThat(stored.get("allow_address_netmasks")).hasSize(1);
        assertThat(stored.get("allow_ip_ranges").isEmpty()).isTrue();
    }

    // ---- who may ---------------------------------------------------------------------------------

    @Test
    void aclWhenPlainUserOrAnotherAccountsAdministratorThenDenied() {
        TestAccount a = fixtures.newAccount();
        TestAccount other = fixtures.newAccount();
        String userToken = fixtures.token(fixtures.newUser(a));
        Map<String, Object> body = Map.of("api_acl_policy", Map.of("allow_address_netmasks", List.of()));
        Map<String, Object> consoleBody = Map.of("console_acl_policy", Map.of("allow_address_netmasks", List.of()));

        List<Api.Response> plain = List.of(api.get(apiAcl(a), userToken), api.put(apiAcl(a), userToken, body),
                api.get(consoleAcl(a), userToken), api.put(consoleAcl(a), userToken, consoleBody));
        List<Api.Response> foreign = List.of(api.get(apiAcl(a), other.adminToken()),
                api.put(apiAcl(a), other.adminToken(), body), api.get(consoleAcl(a), other.adminToken()),
                api.put(consoleAcl(a), other.adminToken(), consoleBody));
        Api.Response missing = api.get("/v3.0/OS-SECURITYPOLICY/domains/" + "0".repeat(32) + "/api-acl-policy",
                a.adminToken());

        plain.forEach(r -> {
            assertThat(r.status()).as(r.toString()).isEqualTo(403);
            assertThat(r.errorCode()).isEqualTo("IAM.0003");
        });
        foreign.forEach(r -> {
            assertThat(r.status()).as(r.toString()).isEqualTo(404);
            assertThat(r.errorCode()).isEqualTo("IAM.0004");
            assertThat(r.text()).isEqualTo(missing.text().replace("0".repeat(32), a.id()));
        });
        assertThat(operations(a)).contains(
                "iam:securitypolicies:updateApiAclPolicy failure api_acl_policy " + a.id());
    }

    // ---- helpers -------------------------------------------------------------------------------

    private void setApiAcl(TestAccount a, List<String> ranges, List<String> netmasks) {
        Api.Response r = put(apiAcl(a), a.adminToken(), INSIDE, Map.of("api_acl_policy", Map.of(
                "allow_ip_ranges", ranges.stream().map(x -> range(x, "")).toList(),
                "allow_address_netmasks", netmasks.stream().map(x -> netmask(x, "")).toList())));
        assertThat(r.status()).as(r.toString()).isEqualTo(200);
    }

    private Api.Response put(String path, String token, String from, Object body) {
        return call("PUT", path, token, from, body);
    }

    private Api.Response call(String method, String path, String token, String from, Object body) {
        Api.Call call = api.call(method, path).token(token).header("X-Forwarded-For", from);
        return body == null ? call.send() : call.json(body).send();
    }

    private Api.Response signIn(TestAccount a, String userName, String password, String from) {
        return api.call("POST", "/v3/auth/tokens").header("X-Forwarded-For", from)
                .json(Fixtures.passwordAuth(a.name(), userName, password)).send();
    }

    private List<String> operations(TestAccount a) {
        return afterSealing(jdbc).sql("""
                SELECT operation || ' ' || result || ' ' || resource_type || ' ' || resource_id FROM operation_log
                WHERE domain_id = :d ORDER BY id""").param("d", a.id()).query(String.class).list();
    }

    private static Map<String, Object> range(String value, String description) {
        Map<String, Object> m = new HashMap<>();
        m.put("ip_range", value);
        if (description != null) {
            m.put("description", description);
        }
        return m;
    }

    private static Map<String, Object> netmask(String value, String description) {
        return Map.of("address_netmask", value, "description", description);
    }

    private static String apiAcl(TestAccount a) {
        return "/v3.0/OS-SECURITYPOLICY/domains/" + a.id() + "/api-acl-policy";
    }

    private static String consoleAcl(TestAccount a) {
        return "/v3.0/OS-SECURITYPOLICY/domains/" + a.id() + "/console-acl-policy";
    }
}
