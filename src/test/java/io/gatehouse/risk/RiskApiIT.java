package io.gatehouse.risk;

import static org.assertj.core.api.Assertions.assertThat;

import io.gatehouse.testsupport.Api;
import io.gatehouse.testsupport.Fixtures.TestAccount;
import io.gatehouse.testsupport.Fixtures.TestUser;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import tools.jackson.databind.JsonNode;

/** The risk rules' CRUD, the risk-event lists and the risk dashboard: answers, filters, paging and refusals. */
class RiskApiIT extends RiskIntegrationTest {

    private static final String RULES = "/gatehouse/v1/risk-rules";
    private static final String EVENTS = "/gatehouse/v1/risk-events";
    private static final String DASHBOARD = "/gatehouse/v1/risk-dashboard";

    @Autowired
    JdbcClient jdbc;

    // ---- rules --------------------------------------------------------------------------------

    @Test
    void createWhenOnlyNameAndTypeThenDefaultsAndReadableAndLogged() {
        TestAccount a = fixtures.newAccount();

        Api.Response r = createRule(a, Map.of("name", "ip watch", "risk_type", "abnormal_ip"));

        assertThat(r.status()).as(r.toString()).isEqualTo(201);
        JsonNode rule = r.json().get("risk_rule");
        assertThat(rule.get("id").asString()).matches("[0-9a-f]{32}");
        assertThat(rule.get("domain_id").asString()).isEqualTo(a.id());
        assertThat(rule.get("location_granularity").asString()).isEqualTo("city");
        assertThat(rule.get("frequency_threshold").asInt()).isEqualTo(3);
        assertThat(rule.get("period_days").asInt()).isEqualTo(30);
        assertThat(rule.get("notification").get("email").asBoolean()).isFalse();
        assertThat(rule.get("notification").get("sms").asBoolean()).isFalse();
        assertThat(rule.get("response").asString()).isEqualTo("allow");
        assertThat(rule.get("enabled").asBoolean()).isTrue();
        String id = rule.get("id").asString();
        assertThat(api.get(RULES + "/" + id, a.adminToken()).json().get("risk_rule")).isEqualTo(rule);
        assertThat(api.get(RULES, a.adminToken()).json().get("risk_rules").get(0)).isEqualTo(rule);
        assertThat(operations(a)).containsExactly("gatehouse:risk:createRiskRule/" + id + "/success");
    }

    @Test
    void updateWhenPartialThenOtherFieldsKeptAndDeleteRemovesIt() {
        TestAccount a = fixtures.newAccount();
        String id = ruleId(a, Map.of("name", "places", "risk_type", "abnormal_location", "location_granularity",
                "country", "frequency_threshold", 5, "period_days", 60, "notification", Map.of("sms", true)));

        Api.Response r = api.put(RULES + "/" + id, a.adminToken(), Map.of("risk_rule", Map.of("response",
                "second_factor", "notification", Map.of("email", true))));

        assertThat(r.status()).as(r.toString()).isEqualTo(200);
        JsonNode rule = r.json().get("risk_rule");
        assertThat(rule.get("name").asString()).isEqualTo("places");
        assertThat(rule.get("location_granularity").asString()).isEqualTo("country");
        assertThat(rule.get("frequency_threshold").asInt()).isEqualTo(5);
        assertThat(rule.get("period_days").asInt()).isEqualTo(60);
        assertThat(rule.get("notification").get("email").asBoolean()).isTrue();
        assertThat(rule.get("notification").get("sms").asBoolean()).isTrue();
        assertThat(rule.get("response").asString()).isEqualTo("second_factor");
        assertThat(api.delete(RULES + "/" + id, a.adminToken()).status()).isEqualTo(204);
        assertThat(api.get(RULES + "/" + id, a.adminToken()).status()).isEqualTo(404);
        assertThat(api.delete(RULES + "/" + id, a.adminToken()).status()).isEqualTo(404);
        assertThat(operations(a)).containsExactly("gatehouse:risk:createRiskRule/" + id + "/success",
                "gatehouse:risk:updateRiskRule/" + id + "/success", "gatehouse:risk:deleteRiskRule/" + id + "/success",
                "gatehouse:risk:deleteRiskRule/" + id + "/failure");
    }

    @Test
    void createWhenInvalidThen400AndNothingStored() {
        TestAccount a = fixtures.newAccount();
        assertRefused(createRule(a, Map.of("risk_type", "abnormal_ip")), 400, "IAM.0072");
        assertRefused(createRule(a, Map.of("name", "x")), 400, "IAM.0072");
        assertRefused(createRule(a, Map.of("name", "x", "risk_type", "abnormal_weather")), 400, "IAM.0073");
        assertRefused(createRule(a, Map.of("name", "x", "risk_type", "abnormal_ip", "frequency_threshold", 0)), 400,
                "IAM.0073");
        assertRefused(createRule(a, Map.of("name", "x", "risk_type", "abnormal_ip", "period_days", 181)), 400,
                "IAM.0073");
        assertRefused(createRule(a, Map.of("name", "x", "risk_type", "abnormal_location", "location_granularity",
                "street")), 400, "IAM.0073");
        assertRefused(createRule(a, Map.of("name", "x", "risk_type", "abnormal_ip", "response", "pray")), 400,
                "IAM.0073");
        assertRefused(createRule(a, Map.of("name", "x", "risk_type", "account_locked", "response", "deny")), 400,
                "IAM.0073");
        assertRefused(createRule(a, Map.of("name", "", "risk_type", "abnormal_ip")), 400, "IAM.0073");
        assertRefused(createRule(a, Map.of("name", "x".repeat(65), "risk_type", "abnormal_ip")), 400, "IAM.0073");
        assertRefused(createRule(a, Map.of("name", "x", "risk_type", "abnormal_ip", "colour", "red")), 400,
                "IAM.0007");
        assertRefused(createRule(a, Map.of("name", "x", "risk_type", "abnormal_ip", "frequency_threshold", "many")),
                400, "IAM.0073");
        assertRefused(api.post(RULES, a.adminToken(), Map.of()), 400, "IAM.0072");
        assertThat(api.get(RULES, a.adminToken()).json().get("risk_rules")).isEmpty();

        ruleId(a, Map.of("name", "dup", "risk_type", "abnormal_ip"));
        assertRefused(createRule(a, Map.of("name", "dup", "risk_type", "abnormal_device")), 409, "IAM.0005");
    }

    @Test
    void rulesWhenNoTokenPlainUserOrOtherAccountThenRefused() {
        TestAccount a = fixtures.newAccount();
        TestAccount other = fixtures.newAccount();
        String id = ruleId(a, Map.of("name", "mine", "risk_type", "abnormal_ip"));
        String plain = fixtures.token(fixtures.newUser(a));
        Map<String, Object> body = Map.of("risk_rule", Map.of("name", "y", "risk_type", "abnormal_ip"));

        assertRefused(api.get(RULES, null), 401, "IAM.0001");
        assertRefused(api.post(RULES, null, body), 401, "IAM.0001");
        assertRefused(api.get(RULES, plain), 403, "IAM.0003");
        assertRefused(api.post(RULES, plain, body), 403, "IAM.0003");
        assertRefused(api.get(RULES + "/" + id, plain), 403, "IAM.0003");
        assertRefused(api.put(RULES + "/" + id, plain, body), 403, "IAM.0003");
        assertRefused(api.delete(RULES + "/" + id, plain), 403, "IAM.0003");
        assertRefused(api.get(RULES + "/" + id, other.adminToken()), 404, "IAM.0004");
        assertRefused(api.put(RULES + "/" + id, other.adminToken(), body), 404, "IAM.0004");
        assertRefused(api.delete(RULES + "/" + id, other.adminToken()), 404, "IAM.0004");
        assertThat(api.get(RULES, other.adminToken()).json().get("risk_rules")).isEmpty();
        assertThat(api.get(RULES + "/" + id, a.adminToken()).json().get("risk_rule").get("name").asString())
                .isEqualTo("mine");
    }

    // ---- events -------------------------------------------------------------------------------

    @Test
    void eventsWhenFilteredByTypeAndPeriodAndPagedThenEachOnceNewestFirst() {
        TestAccount a = fixtures.newAccount();
        ruleId(a, Map.of("name", "ip", "risk_type", "abnormal_ip", "frequency_threshold", 1));
        ruleId(a, Map.of("name", "device", "risk_type", "abnormal_device", "frequency_threshold", 1));
        TestUser u = fixtures.newUser(a);
        TestUser v = fixtures.newUser(a);
        signInOk(u, SYDNEY, CHROME_WINDOWS);
        signInOk(v, SYDNEY, CHROME_WINDOWS);
        awaitCounted(u, 1);
        awaitCounted(v, 1);
        signInOk(u, LONDON, CHROME_WINDOWS);
        signInOk(u, BERLIN, FIREFOX_LINUX);
        signInOk(v, MELBOURNE, SAFARI_IPHONE);
        awaitCounted(u, 3);
        awaitCounted(v, 2);

        List<JsonNode> all = page(EVENTS + "?limit=500", a.adminToken());
        assertThat(all).extracting(e -> e.get("risk_type").asString() + "@" + e.get("source_ip").asString())
                .containsExactly("abnormal_device@" + MELBOURNE, "abnormal_ip@" + MELBOURNE,
                        "abnormal_device@" + BERLIN, "abnormal_ip@" + BERLIN, "abnormal_ip@" + LONDON);
        assertThat(page(EVENTS + "?risk_type=abnormal_device", a.adminToken())).hasSize(2);
        assertThat(page(EVENTS + "?user_id=" + v.id(), a.adminToken())).hasSize(2);
        assertThat(page(EVENTS + "?period=today&risk_type=abnormal_ip", a.adminToken())).hasSize(3);
        assertThat(page(EVENTS + "?from=2099-01-01T00:00:00Z", a.adminToken())).isEmpty();
        assertThat(page("/gatehouse/v1/users/" + u.id() + "/risk-events?risk_type=abnormal_ip",
                fixtures.token(u))).hasSize(2);

        List<Long> paged = new ArrayList<>();
        String marker = null;
        int pages = 0;
        do {
            Api.Response r = api.get(EVENTS + "?limit=2" + (marker == null ? "" : "&marker=" + marker),
                    a.adminToken());
            assertThat(r.status()).as(r.toString()).isEqualTo(200);
            r.json().get("risk_events").forEach(e -> paged.add(e.get("id").asLong()));
            assertThat(r.json().get("page_info").get("current_count").asInt())
                    .isEqualTo(r.json().get("risk_events").size());
            JsonNode next = r.json().get("page_info").get("next_marker");
            marker = next == null || next.isNull() ? null : next.asString();
            pages++;
        } while (marker != null);
        assertThat(pages).isEqualTo(3);
        assertThat(paged).isEqualTo(all.stream().map(e -> e.get("id").asLong()).toList());

        assertRefused(api.get(EVENTS + "?risk_type=weather", a.adminToken()), 400, "IAM.0007");
        assertRefused(api.get(EVENTS + "?period=1y", a.adminToken()), 400, "IAM.0007");
        assertRefused(api.get(EVENTS + "?limit=0", a.adminToken()), 400, "IAM.0007");
        assertRefused(api.get(EVENTS + "?marker=abc", a.adminToken()), 400, "IAM.0007");
        assertRefused(api.get(EVENTS + "?from=yesterday", a.adminToken()), 400, "IAM.0007");
    }

    @Test
    void eventsWhenNoTokenPlainUserAnotherUserOrAnotherAccountThenRefused() {
        TestAccount a = fixtures.newAccount();
        TestAccount other = fixtures.newAccount();
        TestUser u = fixtures.newUser(a);
        TestUser v = fixtures.newUser(a);
        String own = "/gatehouse/v1/users/" + u.id() + "/risk-events";

        assertRefused(api.get(own, null), 401, "IAM.0001");
        assertRefused(api.get(EVENTS, null), 401, "IAM.0001");
        assertRefused(api.get(DASHBOARD, null), 401, "IAM.0001");
        assertThat(api.get(own, fixtures.token(u)).status()).isEqualTo(200);
        assertRefused(api.get(own, fixtures.token(v)), 403, "IAM.0003");
        assertRefused(api.get(EVENTS, fixtures.token(u)), 403, "IAM.0003");
        assertRefused(api.get(DASHBOARD, fixtures.token(u)), 403, "IAM.0003");
        assertRefused(api.get(own, other.adminToken()), 404, "IAM.0004");
        assertThat(api.get(own, a.adminToken()).status()).isEqualTo(200);
    }

    // ---- dashboard ----------------------------------------------------------------------------

    @Test
    void dashboardWhenEventsTodayThenPerDayByTypeAndTopDevicesAndAddresses() {
        TestAccount a = fixtures.newAccount();
        ruleId(a, Map.of("name", "ip", "risk_type", "abnormal_ip", "frequency_threshold", 1));
        ruleId(a, Map.of("name", "device", "risk_type", "abnormal_device", "frequency_threshold", 1));
        TestUser u = fixtures.newUser(a);
        signInOk(u, SYDNEY, CHROME_WINDOWS);
        awaitCounted(u, 1);
        signInOk(u, LONDON, FIREFOX_LINUX);
        signInOk(u, BERLIN, SAFARI_IPHONE);
        awaitCounted(u, 3);
        // Usual now (one success each): nothing more.
        signInOk(u, LONDON, FIREFOX_LINUX);
        awaitCounted(u, 4);

        Api.Response r = api.get(DASHBOARD + "?period=7d", a.adminToken());

        assertThat(r.status()).as(r.toString()).isEqualTo(200);
        JsonNode d = r.json().get("risk_dashboard");
        LocalDate today = LocalDate.now(ZoneOffset.UTC);
        assertThat(d.get("from").asString()).isEqualTo(today.minusDays(6).toString());
        assertThat(d.get("to").asString()).isEqualTo(today.toString());
        assertThat(d.get("total").asLong()).isEqualTo(4);
        assertThat(d.get("daily")).hasSize(7);
        JsonNode last = d.get("daily").get(6);
        assertThat(last.get("date").asString()).isEqualTo(today.toString());
        assertThat(last.get("count").asLong()).isEqualTo(4);
        assertThat(last.get("abnormal_ip").asLong()).isEqualTo(2);
        assertThat(last.get("abnormal_device").asLong()).isEqualTo(2);
        assertThat(last.get("abnormal_location").asLong()).isZero();
        Map<String, Long> ips = tops(d.get("top_abnormal_ips"));
        assertThat(ips).containsExactlyInAnyOrderEntriesOf(Map.of(LONDON, 1L, BERLIN, 1L));
        assertThat(tops(d.get("top_abnormal_devices"))).containsExactlyInAnyOrderEntriesOf(Map.of(
                "desktop, Ubuntu, Firefox", 1L, "mobile, iOS, Mobile Safari", 1L));
        assertThat(api.get(DASHBOARD, fixtures.newAccount().adminToken()).json().get("risk_dashboard").get("total")
                .asLong()).isZero();
        assertRefused(api.get(DASHBOARD + "?period=custom&from=" + today, a.adminToken()), 400, "IAM.0072");
        assertRefused(api.get(DASHBOARD + "?period=90d", a.adminToken()), 400, "IAM.0007");
        assertThat(api.get(DASHBOARD + "?period=custom&from=" + today + "&to=" + today, a.adminToken()).json()
                .get("risk_dashboard").get("total").asLong()).isEqualTo(4);
    }

    // ---- helpers ------------------------------------------------------------------------------

    private List<JsonNode> page(String path, String token) {
        Api.Response r = api.get(path, token);
        assertThat(r.status()).as(r.toString()).isEqualTo(200);
        List<JsonNode> events = new ArrayList<>();
        r.json().get("risk_events").forEach(events::add);
        return events;
    }

    private static Map<String, Long> tops(JsonNode list) {
        Map<String, Long> found = new HashMap<>();
        list.forEach(t -> found.put(t.get("name").asString(), t.get("count").asLong()));
        return found;
    }

    private List<String> operations(TestAccount a) {
        return afterSealing(jdbc).sql("SELECT operation, resource_id, result FROM operation_log WHERE domain_id = :d "
                + "AND resource_type = 'risk_rule' ORDER BY id").param("d", a.id())
                .query((rs, n) -> rs.getString(1) + "/" + rs.getString(2) + "/" + rs.getString(3)).list();
    }

    private static void assertRefused(Api.Response r, int status, String code) {
        assertThat(r.status()).as(r.toString()).isEqualTo(status);
        assertThat(r.errorCode()).as(r.toString()).isEqualTo(code);
    }
}
