package io.gatehouse.risk;

import static org.assertj.core.api.Assertions.assertThat;

import io.gatehouse.testsupport.Api;
import io.gatehouse.testsupport.Fixtures;
import io.gatehouse.testsupport.Fixtures.TestAccount;
import io.gatehouse.testsupport.Fixtures.TestUser;
import io.gatehouse.testsupport.Mailbox;
import jakarta.mail.internet.MimeMessage;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import tools.jackson.databind.JsonNode;

/**
 * Risk detection end to end: sign-ins through {@code POST /v3/auth/tokens} with chosen addresses and
 * User-Agents, the detector raising events off the request path, notifications through a real SMTP server,
 * and the adaptive responses of rules in the sign-in flow.
 */
class RiskDetectionIT extends RiskIntegrationTest {

    @Autowired
    JdbcClient jdbc;

    // ---- abnormal device ------------------------------------------------------------------------

    @Test
    void signInWhenDeviceNewThenAbnormalDeviceUntilUsedThresholdTimesThenNothing() {
        TestAccount a = fixtures.newAccount();
        ruleId(a, Map.of("name", "new device", "risk_type", "abnormal_device", "frequency_threshold", 3,
                "period_days", 30));
        TestUser u = fixtures.newUser(a);
        for (int i = 0; i < 3; i++) {
            signInOk(u, SYDNEY, CHROME_WINDOWS);
        }
        awaitCounted(u, 3);
        assertThat(riskEvents(u)).as("the first sign-ins set what is usual").isEmpty();

        for (int i = 0; i < 3; i++) {
            signInOk(u, SYDNEY, FIREFOX_LINUX);
        }
        awaitCounted(u, 6);
        List<JsonNode> events = riskEvents(u);
        assertThat(events).hasSize(3).allSatisfy(e -> {
            assertThat(e.get("risk_type").asString()).isEqualTo("abnormal_device");
            assertThat(e.get("rule_name").asString()).isEqualTo("new device");
            assertThat(e.get("device").asString()).isEqualTo("desktop, Ubuntu, Firefox");
            assertThat(e.get("unusual").asString()).isEqualTo("device desktop, Ubuntu, Firefox");
            assertThat(e.get("source_ip").asString()).isEqualTo(SYDNEY);
            assertThat(e.get("location").asString()).isEqualTo("Sydney, Australia");
            assertThat(e.get("signin_result").asString()).isEqualTo("success");
            assertThat(e.get("notification").asString()).isEqualTo("none");
        });
        JsonNode first = events.get(2);
        assertThat(first.get("usual").get(0).get("value").asString()).isEqualTo("desktop, Windows, Chrome");
        assertThat(first.get("usual").get(0).get("sign_ins").asLong()).isEqualTo(3);
        assertThat(first.get("usual")).hasSize(1);
        assertThat(first.get("description").asString()).contains(u.name()).contains("new device")
                .contains("device desktop, Ubuntu, Firefox has not been used for 3 successful sign-ins in the last "
                        + "30 days")
                .contains("Usual: desktop, Windows, Chrome (3 sign-ins)");
        // The newest was judged after two Firefox sign-ins: still under the threshold of 3.
        assertThat(events.get(0).get("usual")).hasSize(1);

        signInOk(u, SYDNEY, FIREFOX_LINUX);
        signInOk(u, SYDNEY, CHROME_WINDOWS);
        awaitCounted(u, 8);

        assertThat(riskEvents(u)).as("after 3 sign-ins the device is usual").hasSize(3);
    }

    // ---- abnormal IP --------------------------------------------------------------------------

    @Test
    void signInWhenAddressNewThenAbnormalIpWithTheUsualAddresses() {
        TestAccount a = fixtures.newAccount();
        ruleId(a, Map.of("name", "new address", "risk_type", "abnormal_ip", "frequency_threshold", 2));
        TestUser u = fixtures.newUser(a);
        signInOk(u, SYDNEY, CHROME_WINDOWS);
        signInOk(u, SYDNEY, CHROME_WINDOWS);
        signInOk(u, SYDNEY_2, CHROME_WINDOWS);
        signInOk(u, SYDNEY, CHROME_WINDOWS);
        awaitCounted(u, 4);

        List<JsonNode> events = riskEvents(u);
        assertThat(events).hasSize(1);
        JsonNode e = events.get(0);
        assertThat(e.get("risk_type").asString()).isEqualTo("abnormal_ip");
        assertThat(e.get("unusual").asString()).isEqualTo("IP address " + SYDNEY_2);
        assertThat(e.get("usual").get(0).get("value").asString()).isEqualTo(SYDNEY);
        assertThat(e.get("usual").get(0).get("sign_ins").asLong()).isEqualTo(2);
        assertThat(e.get("user_id").asString()).isEqualTo(u.id());
        assertThat(e.get("user_name").asString()).isEqualTo(u.name());
        assertThat(e.get("signin_event_id").asLong()).isPositive();
    }

    // ---- abnormal location --------------------------------------------------------------------

    @Test
    void signInWhenPlaceNewThenCityRuleRaisesForAnotherCityAndCountryRuleOnlyForAnotherCountry() {
        TestAccount a = fixtures.newAccount();
        ruleId(a, Map.of("name", "city", "risk_type", "abnormal_location", "location_granularity", "city",
                "frequency_threshold", 2));
        ruleId(a, Map.of("name", "country", "risk_type", "abnormal_location", "location_granularity", "country",
                "frequency_threshold", 2));
        TestUser u = fixtures.newUser(a);
        signInOk(u, SYDNEY, CHROME_WINDOWS);
        signInOk(u, SYDNEY_2, CHROME_WINDOWS);
        awaitCounted(u, 2);
        signInOk(u, MELBOURNE, CHROME_WINDOWS);
        awaitCounted(u, 3);

        List<JsonNode> afterMelbourne = riskEvents(u);
        assertThat(afterMelbourne).hasSize(1);
        assertThat(afterMelbourne.get(0).get("rule_name").asString()).isEqualTo("city");
        assertThat(afterMelbourne.get(0).get("unusual").asString()).isEqualTo("location Melbourne, Australia");
        assertThat(afterMelbourne.get(0).get("usual").get(0).get("value").asString()).isEqualTo("Sydney, Australia");

        signInOk(u, BERLIN, CHROME_WINDOWS);
        awaitCounted(u, 4);

        List<JsonNode> afterBerlin = riskEvents(u);
        assertThat(afterBerlin).hasSize(3);
        Map<String, JsonNode> byRule = new LinkedHashMap<>();
        afterBerlin.subList(0, 2).forEach(e -> byRule.put(e.get("rule_name").asString(), e));
        assertThat(byRule.get("city").get("unusual").asString()).isEqualTo("location Berlin, Germany");
        assertThat(byRule.get("country").get("unusual").asString()).isEqualTo("location Germany");
        assertThat(byRule.get("country").get("usual").get(0).get("value").asString()).isEqualTo("Australia");
        assertThat(byRule.get("country").get("usual").get(0).get("sign_ins").asLong()).isEqualTo(3);
        assertThat(byRule.get("country").get("location").asString()).isEqualTo("Berlin, Germany");
    }

    @Test
    void signInWhenNamedNetworkOrInternalThenItIsThePlaceAndUnknownPlacesRaiseNothing() {
        TestAccount a = fixtures.newAccount();
        ruleId(a, Map.of("name", "place", "risk_type", "abnormal_location", "frequency_threshold", 1));
        TestUser u = fixtures.newUser(a);
        signInOk(u, "10.1.2.3", CHROME_WINDOWS);
        awaitCounted(u, 1);
        signInOk(u, "10.1.200.9", CHROME_WINDOWS);
        signInOk(u, "8.8.8.8", CHROME_WINDOWS);
        signInOk(u, "198.51.100.200", CHROME_WINDOWS);
        signInOk(u, "192.168.7.7", CHROME_WINDOWS);
        awaitCounted(u, 5);

        List<JsonNode> events = riskEvents(u);
        assertThat(events).extracting(e -> e.get("unusual").asString())
                .containsExactly("location internal network", "location Berlin office");
        assertThat(events.get(1).get("usual").get(0).get("value").asString()).isEqualTo("Corporate VPN");
    }

    // ---- account locked and notifications -------------------------------------------------------

    @Test
    void lockoutWhenNoRuleThenRiskEventWithoutNotification() {
        TestAccount a = fixtures.newAccount();
        lockAfterThree(a);
        TestUser u = fixtures.newUser(a);
        signInOk(u, SYDNEY, CHROME_WINDOWS);
        for (int i = 0; i < 3; i++) {
            assertThat(signIn(u, "Wrong-Pass-0000", LONDON, SDK).status()).isEqualTo(401);
        }

        JsonNode e = awaitRiskEvent(u, x -> x.get("risk_type").asString().equals("account_locked"));

        assertThat(e.has("rule_id")).isFalse();
        assertThat(e.get("notification").asString()).isEqualTo("none");
        assertThat(e.get("source_ip").asString()).isEqualTo(LONDON);
        assertThat(e.get("unusual").asString()).contains(LONDON);
        assertThat(e.get("usual").get(0).get("value").asString()).isEqualTo(SYDNEY);
        assertThat(e.get("description").asString()).contains("locked out").contains(LONDON)
                .contains("London, United Kingdom");
    }

    @Test
    void lockoutWhenRuleNotifiesByEmailThenMailSentAndRecorded() {
        TestAccount a = fixtures.newAccount();
        lockAfterThree(a);
        ruleId(a, Map.of("name", "tell me", "risk_type", "account_locked", "notification", Map.of("email", true)));
        String email = "locked-" + Fixtures.unique() + "@example.test";
        TestUser u = fixtures.newUser(a, Map.of("email", email));
        for (int i = 0; i < 3; i++) {
            assertThat(signIn(u, "Wrong-Pass-0000", BERLIN, SDK).status()).isEqualTo(401);
        }

        MimeMessage mail = Mailbox.onlyMailTo(SMTP, email);
        JsonNode e = awaitRiskEvent(u, x -> x.get("notification").asString().equals("sent"));

        assertThat(e.get("risk_type").asString()).isEqualTo("account_locked");
        assertThat(e.get("rule_name").asString()).isEqualTo("tell me");
        assertThat(subject(mail)).isEqualTo("Your user " + u.name() + " was locked out");
        assertThat(Mailbox.text(mail)).contains(BERLIN).contains("Berlin, Germany").contains("change your password");
    }

    @Test
    void signInWhenUnusualAndRuleNotifiesByEmailThenTheUserIsToldWhatAndFromWhere() {
        TestAccount a = fixtures.newAccount();
        ruleId(a, Map.of("name", "address watch", "risk_type", "abnormal_ip", "frequency_threshold", 1,
                "notification", Map.of("email", true, "sms", false)));
        String email = "risk-" + Fixtures.unique() + "@example.test";
        TestUser u = fixtures.newUser(a, Map.of("email", email));
        signInOk(u, SYDNEY, CHROME_WINDOWS);
        awaitCounted(u, 1);
        signInOk(u, LONDON, SAFARI_IPHONE);

        MimeMessage mail = Mailbox.onlyMailTo(SMTP, email);
        JsonNode e = awaitRiskEvent(u, x -> x.get("notification").asString().equals("sent"));

        assertThat(subject(mail)).isEqualTo("Unusual sign-in to your user " + u.name());
        assertThat(Mailbox.text(mail)).contains("Hello " + u.name()).contains("IP address " + LONDON)
                .contains("London, United Kingdom").contains("mobile, iOS, Mobile Safari")
                .contains("Usual: " + SYDNEY + " (1 sign-in)");
        assertThat(e.get("device").asString()).isEqualTo("mobile, iOS, Mobile Safari");
    }

    // ---- adaptive responses ---------------------------------------------------------------------

    @Test
    void signInWhenDenyRuleFindsItUnusualThen403AndEventAndUsualAddressStillWorks() {
        TestAccount a = fixtures.newAccount();
        ruleId(a, Map.of("name", "known addresses only", "risk_type", "abnormal_ip", "frequency_threshold", 1,
                "response", "deny"));
        TestUser u = fixtures.newUser(a);
        signInOk(u, SYDNEY, CHROME_WINDOWS);
        awaitCounted(u, 1);

        Api.Response denied = signIn(u, LONDON, CHROME_WINDOWS);

        assertThat(denied.status()).as(denied.toString()).isEqualTo(403);
        assertThat(denied.errorCode()).isEqualTo("IAM.0002");
        assertThat(denied.json().get("error_msg").asString()).contains("known addresses only")
                .contains("IP address " + LONDON);
        assertThat(denied.header("X-Subject-Token")).isNull();
        assertThat(cause(denied)).isEqualTo("risk_denied");
        signInOk(u, SYDNEY, CHROME_WINDOWS);
        JsonNode e = awaitRiskEvent(u, x -> x.get("signin_result").asString().equals("failure"));
        assertThat(e.get("source_ip").asString()).isEqualTo(LONDON);
        assertThat(e.get("description").asString()).contains("tried to sign in").contains("refused");
    }

    @Test
    void signInWhenSecondFactorRuleFindsItUnusualThenCodeByEmailAndTheSecondStepSignsIn() {
        TestAccount a = fixtures.newAccount();
        ruleId(a, Map.of("name", "confirm new devices", "risk_type", "abnormal_device", "frequency_threshold", 1,
                "response", "second_factor"));
        String email = "stepup-" + Fixtures.unique() + "@example.test";
        TestUser u = fixtures.newUser(a, Map.of("email", email));
        signInOk(u, SYDNEY, CHROME_WINDOWS);
        awaitCounted(u, 1);

        Api.Response first = signIn(u, SYDNEY, FIREFOX_LINUX);

        assertThat(first.status()).as(first.toString()).isEqualTo(401);
        assertThat(first.header("X-Subject-Token")).isNull();
        JsonNode verification = first.json().get("verification");
        assertThat(verification.get("channel").asString()).isEqualTo("email");
        String code = Mailbox.codeIn(Mailbox.onlyMailTo(SMTP, email));
        Api.Response second = api.call("POST", "/v3/auth/tokens").header("X-Forwarded-For", SYDNEY)
                .header("User-Agent", FIREFOX_LINUX).json(codeAuth(u, verification.get("id").asString(), code)).send();
        assertThat(second.status()).as(second.toString()).isEqualTo(201);
        signInOk(u, SYDNEY, CHROME_WINDOWS);
    }

    @Test
    void signInWhenSecondFactorRuleAndUserHasNoFactorThen403() {
        TestAccount a = fixtures.newAccount();
        ruleId(a, Map.of("name", "confirm", "risk_type", "abnormal_device", "frequency_threshold", 1,
                "response", "second_factor"));
        TestUser u = fixtures.newUser(a);
        signInOk(u, SYDNEY, CHROME_WINDOWS);
        awaitCounted(u, 1);

        Api.Response r = signIn(u, SYDNEY, FIREFOX_LINUX);

        assertThat(r.status()).as(r.toString()).isEqualTo(403);
        assertThat(r.errorCode()).isEqualTo("IAM.0002");
        assertThat(r.json().get("error_msg").asString()).contains("no second factor");
        assertThat(cause(r)).isEqualTo("no_second_factor");
    }

    @Test
    void signInWhenRuleDisabledOrAllowThenNoAdaptiveResponse() {
        TestAccount a = fixtures.newAccount();
        String rule = ruleId(a, Map.of("name", "deny", "risk_type", "abnormal_ip", "frequency_threshold", 1,
                "response", "deny", "enabled", false));
        TestUser u = fixtures.newUser(a);
        signInOk(u, SYDNEY, CHROME_WINDOWS);
        awaitCounted(u, 1);

        signInOk(u, LONDON, CHROME_WINDOWS);
        awaitCounted(u, 2);
        assertThat(riskEvents(u)).as("a disabled rule raises nothing").isEmpty();
        Api.Response enabled = api.put("/gatehouse/v1/risk-rules/" + rule, a.adminToken(),
                Map.of("risk_rule", Map.of("enabled", true)));
        assertThat(enabled.status()).as(enabled.toString()).isEqualTo(200);

        // The node's cache of the account's rules followed the change at once.
        assertThat(signIn(u, BERLIN, CHROME_WINDOWS).status()).isEqualTo(403);
        signInOk(u, LONDON, CHROME_WINDOWS);
    }

    // ---- helpers ------------------------------------------------------------------------------

    private void lockAfterThree(TestAccount a) {
        Api.Response r = api.put("/v3.0/OS-SECURITYPOLICY/domains/" + a.id() + "/login-policy", a.adminToken(),
                Map.of("login_policy", Map.of("login_failed_times", 3, "lockout_duration", 30)));
        assertThat(r.status()).as(r.toString()).isEqualTo(200);
    }

    private String cause(Api.Response r) {
        return jdbc.sql("SELECT cause FROM signin_event WHERE request_id = :id").param("id", r.header("X-Request-Id"))
                .query(String.class).single();
    }

    private static String subject(MimeMessage mail) {
        try {
            return mail.getSubject();
        } catch (jakarta.mail.MessagingException e) {
            throw new IllegalStateException(e);
        }
    }

    private static Map<String, Object> codeAuth(TestUser u, String verificationId, String code) {
        return Map.of("auth", Map.of(
                "identity", Map.of("methods", List.of("password", "verification_code"),
                        "password", Map.of("user", Map.of("name", u.name(), "password", Fixtures.USER_PASSWORD,
                                "domain", Map.of("name", u.account().name()))),
                        "verification_code", Map.of("id", verificationId, "code", code)),
                "scope", Map.of("domain", Map.of("name", u.account().name()))));
    }
}
