package io.gatehouse.risk;

import static org.assertj.core.api.Assertions.assertThat;

import io.gatehouse.common.time.WireTime;
import io.gatehouse.testsupport.Api;
import io.gatehouse.testsupport.Fixtures;
import io.gatehouse.testsupport.Fixtures.TestAccount;
import io.gatehouse.testsupport.Fixtures.TestUser;
import io.gatehouse.testsupport.Mailbox;
import io.gatehouse.testsupport.TotpCodes;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import tools.jackson.databind.JsonNode;

/**
 * Every way a password sign-in ends is a sign-in event with its cause, and every event carries where it
 * came from (address, location) and with what (device type, OS, browser, application). Each sign-in here
 * comes from London (GeoIP test database) with Chrome on Windows, and its event is found by its request id.
 */
class SignInEventEnrichmentIT extends RiskIntegrationTest {

    private static final String TOKENS = "/v3/auth/tokens";

    @Autowired
    JdbcClient jdbc;

    @Test
    void signInWhenSuccessfulThenEventWithLocationDeviceAndApplication() {
        TestUser u = fixtures.newUser(fixtures.newAccount());

        Map<String, Object> e = event(signIn(u, LONDON, CHROME_WINDOWS), 201);

        assertThat(e).containsEntry("result", "success").containsEntry("method", "password")
                .containsEntry("user_id", u.id());
        assertThat(e.get("cause")).isNull();
        assertEnriched(e);
    }

    @Test
    void signInWhenUnknownUserOrWrongPasswordThenEachCause() {
        TestAccount a = fixtures.newAccount();
        TestUser u = fixtures.newUser(a);

        Map<String, Object> unknown = event(send(Fixtures.passwordAuth(a.name(), "nobody-" + Fixtures.unique(),
                Fixtures.USER_PASSWORD)), 401);
        Map<String, Object> wrong = event(signIn(u, "Wrong-Pass-0000", LONDON, CHROME_WINDOWS), 401);

        assertThat(unknown).containsEntry("cause", "unknown_user").containsEntry("result", "failure");
        assertThat(unknown.get("user_id")).isNull();
        assertEnriched(unknown);
        assertThat(wrong).containsEntry("cause", "wrong_password").containsEntry("user_id", u.id());
        assertEnriched(wrong);
    }

    @Test
    void signInWhenDisabledConsoleOnlyOrScopeRefusedThenEachCause() {
        TestAccount a = fixtures.newAccount();
        TestUser disabled = fixtures.newUser(a, Map.of("enabled", false));
        TestUser console = fixtures.newUser(a, Map.of("access_mode", "console"));
        TestUser u = fixtures.newUser(a);
        Map<String, Object> scoped = new LinkedHashMap<>(Map.of("auth", Map.of(
                "identity", Map.of("methods", List.of("password"), "password", Map.of("user", Map.of("name", u.name(),
                        "password", Fixtures.USER_PASSWORD, "domain", Map.of("name", a.name())))),
                "scope", Map.of("project", Map.of("name", "no-such-project", "domain", Map.of("name", a.name()))))));

        assertCause(event(signIn(disabled, LONDON, CHROME_WINDOWS), 403), "disabled");
        assertCause(event(signIn(console, LONDON, CHROME_WINDOWS), 403), "console_only");
        assertCause(event(send(scoped), 401), "scope");
    }

    @Test
    void signInWhenPasswordExpiredThenCausePasswordExpired() {
        TestAccount a = fixtures.newAccount();
        TestUser u = fixtures.newUser(a);
        jdbc.sql("UPDATE iam_user SET password_expires_at = :t WHERE id = :id")
                .param("t", WireTime.toSql(WireTime.truncate(Instant.now().minus(Duration.ofMinutes(1)))))
                .param("id", u.id()).update();

        assertCause(event(signIn(u, LONDON, CHROME_WINDOWS), 401), "password_expired");
    }

    @Test
    void signInWhenApiAclRefusesTheAddressThenCauseAcl() {
        TestAccount a = fixtures.newAccount();
        TestUser u = fixtures.newUser(a);
        Api.Response acl = api.call("PUT", "/v3.0/OS-SECURITYPOLICY/domains/" + a.id() + "/api-acl-policy")
                .token(a.adminToken()).header("X-Forwarded-For", "10.0.0.1")
                .json(Map.of("api_acl_policy", Map.of("allow_address_netmasks",
                        List.of(Map.of("address_netmask", "10.0.0.0/8", "description", "inside"))))).send();
        assertThat(acl.status()).as(acl.toString()).isEqualTo(200);

        assertCause(event(signIn(u, LONDON, CHROME_WINDOWS), 403), "acl");
    }

    @Test
    void signInWhenLockedThenLockRecordAndCauseAccountLocked() {
        TestAccount a = fixtures.newAccount();
        Api.Response policy = api.put("/v3.0/OS-SECURITYPOLICY/domains/" + a.id() + "/login-policy", a.adminToken(),
                Map.of("login_policy", Map.of("login_failed_times", 3, "lockout_duration", 30)));
        assertThat(policy.status()).as(policy.toString()).isEqualTo(200);
        TestUser u = fixtures.newUser(a);
        event(signIn(u, "Wrong-Pass-0000", LONDON, CHROME_WINDOWS), 401);
        event(signIn(u, "Wrong-Pass-0000", LONDON, CHROME_WINDOWS), 401);
        Api.Response third = signIn(u, "Wrong-Pass-0000", LONDON, CHROME_WINDOWS);

        List<Map<String, Object>> lockedRows = rows(third);
        assertThat(lockedRows).extracting(r -> r.get("cause")).containsExactlyInAnyOrder("wrong_password", "locked");
        lockedRows.forEach(this::assertEnriched);
        assertCause(event(signIn(u, LONDON, CHROME_WINDOWS), 401), "account_locked");
    }

    @Test
    void signInWhenVirtualMfaRequiredMissingOrWrongThenMfaCauses() {
        TestAccount a = fixtures.newAccount();
        TestUser u = fixtures.newUser(a);
        String seed = bindDevice(u);
        Api.Response protect = api.put("/v3.0/OS-USER/users/" + u.id() + "/login-protect", a.adminToken(),
                Map.of("login_protect", Map.of("enabled", true, "verification_method", "vmfa")));
        assertThat(protect.status()).as(protect.toString()).isEqualTo(200);

        assertCause(event(signIn(u, LONDON, CHROME_WINDOWS), 401), "mfa_required");
        String right = TotpCodes.code(seed, TotpCodes.currentStep());
        String wrong = right.substring(0, 5) + (right.charAt(5) == '9' ? '0' : (char) (right.charAt(5) + 1));
        Map<String, Object> failed = event(send(totpAuth(u, wrong)), 401);
        assertCause(failed, "mfa_failed");
        assertThat(failed).containsEntry("method", "password+totp");
    }

    @Test
    void signInWhenEmailCodeSentThenWrongThenCodeCausesWithTheEmailMethod() {
        TestAccount a = fixtures.newAccount();
        String email = "enrich-" + Fixtures.unique() + "@example.test";
        TestUser u = fixtures.newUser(a, Map.of("email", email));
        Api.Response protect = api.put("/v3.0/OS-USER/users/" + u.id() + "/login-protect", a.adminToken(),
                Map.of("login_protect", Map.of("enabled", true, "verification_method", "email")));
        assertThat(protect.status()).as(protect.toString()).isEqualTo(200);

        Api.Response first = signIn(u, LONDON, CHROME_WINDOWS);
        Map<String, Object> sent = event(first, 401);
        String code = Mailbox.codeIn(Mailbox.onlyMailTo(SMTP, email));
        String wrongCode = code.equals("000000") ? "111111" : "000000";
        Map<String, Object> wrong = event(send(Map.of("auth", Map.of("identity", Map.of(
                "methods", List.of("password", "verification_code"),
                "password", Map.of("user", Map.of("name", u.name(), "password", Fixtures.USER_PASSWORD,
                        "domain", Map.of("name", a.name()))),
                "verification_code", Map.of("id", first.json().get("verification").get("id").asString(),
                        "code", wrongCode))))), 401);

        assertCause(sent, "code_sent");
        assertThat(sent).containsEntry("method", "password+email");
        assertCause(wrong, "code_wrong");
        assertThat(wrong).containsEntry("method", "password+email");
    }

    // ---- helpers ------------------------------------------------------------------------------

    private Api.Response send(Map<String, Object> body) {
        return api.call("POST", TOKENS).header("X-Forwarded-For", LONDON).header("User-Agent", CHROME_WINDOWS)
                .json(body).send();
    }

    private Map<String, Object> event(Api.Response r, int status) {
        assertThat(r.status()).as(r.toString()).isEqualTo(status);
        List<Map<String, Object>> found = rows(r);
        assertThat(found).hasSize(1);
        return found.get(0);
    }

    private List<Map<String, Object>> rows(Api.Response r) {
        return jdbc.sql("""
                SELECT user_id, result, cause, method, channel, source_ip, location, country_code, city, device_type,
                  os, browser, application FROM signin_event WHERE request_id = :id ORDER BY id""")
                .param("id", r.header("X-Request-Id"))
                .query((rs, n) -> {
                    Map<String, Object> row = new LinkedHashMap<>();
                    for (int i = 1; i <= rs.getMetaData().getColumnCount(); i++) {
                        row.put(rs.getMetaData().getColumnLabel(i).toLowerCase(), rs.getObject(i));
                    }
                    return row;
                }).list();
    }

    private void assertCause(Map<String, Object> e, String cause) {
        assertThat(e).containsEntry("cause", cause).containsEntry("result", "failure");
        assertEnriched(e);
    }

    private void assertEnriched(Map<String, Object> e) {
        assertThat(e).containsEntry("channel", "api").containsEntry("source_ip", LONDON)
                .containsEntry("location", "London, United Kingdom").containsEntry("country_code", "GB")
                .containsEntry("city", "London").containsEntry("device_type", "desktop")
                .containsEntry("os", "Windows").containsEntry("browser", "Chrome")
                .containsEntry("application", "Chrome");
    }

    private String bindDevice(TestUser u) {
        String token = fixtures.token(u);
        Api.Response created = api.post("/v3.0/OS-MFA/virtual-mfa-devices", token,
                Map.of("virtual_mfa_device", Map.of("name", "phone-" + Fixtures.unique(), "user_id", u.id())));
        assertThat(created.status()).as(created.toString()).isEqualTo(201);
        JsonNode d = created.json().get("virtual_mfa_device");
        String seed = d.get("base32_string_seed").asString();
        long step = TotpCodes.awaitStepWithAtLeast(8);
        Api.Response bound = api.put("/v3.0/OS-MFA/mfa-devices/bind", token, Map.of("user_id", u.id(),
                "serial_number", d.get("serial_number").asString(),
                "authentication_code_first", TotpCodes.code(seed, step - 2),
                "authentication_code_second", TotpCodes.code(seed, step - 1)));
        assertThat(bound.status()).as(bound.toString()).isEqualTo(204);
        return seed;
    }

    private static Map<String, Object> totpAuth(TestUser u, String passcode) {
        return Map.of("auth", Map.of(
                "identity", Map.of("methods", List.of("password", "totp"),
                        "password", Map.of("user", Map.of("name", u.name(), "password", Fixtures.USER_PASSWORD,
                                "domain", Map.of("name", u.account().name()))),
                        "totp", Map.of("user", Map.of("id", u.id(), "passcode", passcode))),
                "scope", Map.of("domain", Map.of("name", u.account().name()))));
    }
}
