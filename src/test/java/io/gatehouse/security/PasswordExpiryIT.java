package io.gatehouse.security;

import static io.gatehouse.security.PasswordPolicyIT.assertRefused;
import static io.gatehouse.security.PasswordPolicyIT.path;
import static io.gatehouse.security.PasswordPolicyIT.policy;
import static io.gatehouse.security.PasswordRulesIT.selfChange;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import io.gatehouse.common.time.WireTime;
import io.gatehouse.testsupport.Api;
import io.gatehouse.testsupport.Fixtures;
import io.gatehouse.testsupport.Fixtures.TestAccount;
import io.gatehouse.testsupport.Fixtures.TestUser;
import io.gatehouse.testsupport.IntegrationTest;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import tools.jackson.databind.JsonNode;

/**
 * The password validity period: the expiry a password gets when it is set (and when the period
 * changes), the refused sign-in once it has passed, and the token-less change that lets the user
 * recover. Passwords are aged by moving their expiry into the past in the database.
 */
class PasswordExpiryIT extends IntegrationTest {

    private static final String NEW_PASSWORD = "Renewed-Zqkv-77";

    @Autowired
    JdbcClient jdbc;

    @Test
    void createWhenValidityPeriodOnThenExpiryShownInUserAndToken() {
        TestAccount a = accountWithValidity(30);
        Instant before = Instant.now();

        TestUser u = fixtures.newUser(a);

        Instant expected = before.plus(Duration.ofDays(30));
        JsonNode os = api.get("/v3.0/OS-USER/users/" + u.id(), a.adminToken()).json().get("user");
        assertThat(userTime(os.get("password_expires_at").asString())).isCloseTo(expected, within(1, ChronoUnit.MINUTES));
        JsonNode ks = api.get("/v3/users/" + u.id(), a.adminToken()).json().get("user");
        assertThat(ks.get("password_expires_at").asString()).isEqualTo(os.get("password_expires_at").asString());
        Api.Response signIn = fixtures.signIn(a.name(), u.name(), Fixtures.USER_PASSWORD);
        String inToken = signIn.json().get("token").get("user").get("password_expires_at").asString();
        assertThat(Instant.parse(inToken)).isCloseTo(expected, within(1, ChronoUnit.MINUTES));
    }

    @Test
    void createWhenValidityPeriodOffThenNoExpiry() {
        TestAccount a = fixtures.newAccount();

        TestUser u = fixtures.newUser(a);

        assertThat(expiry(u)).isNull();
        Api.Response signIn = fixtures.signIn(a.name(), u.name(), Fixtures.USER_PASSWORD);
        assertThat(signIn.json().get("token").get("user").get("password_expires_at").asString()).isEmpty();
    }

    @Test
    void updatePolicyWhenValidityChangedThenExistingPasswordsFollowAndOffClearsThem() {
        TestAccount a = fixtures.newAccount();
        TestUser u = fixtures.newUser(a);
        Instant setAt = Instant.now();

        assertThat(api.put(path(a), a.adminToken(), policy("password_validity_period", 10)).status()).isEqualTo(200);
        Instant tenDays = expiry(u);
        assertThat(api.put(path(a), a.adminToken(), policy("password_validity_period", 0)).status()).isEqualTo(200);
        Instant off = expiry(u);

        assertThat(tenDays).isCloseTo(setAt.plus(Duration.ofDays(10)), within(1, ChronoUnit.MINUTES));
        assertThat(off).isNull();
        // The bulk change moved the row version; ordinary updates still go through.
        assertThat(api.put("/v3.0/OS-USER/users/" + u.id(), a.adminToken(),
                Map.of("user", Map.of("description", "after"))).status()).isEqualTo(200);
    }

    @Test
    void signInWhenPasswordExpiredThen401SayingSoAndSignInEventRecorded() {
        TestAccount a = accountWithValidity(30);
        TestUser u = fixtures.newUser(a);
        expire(u);

        Api.Response r = fixtures.signIn(a.name(), u.name(), Fixtures.USER_PASSWORD);

        assertRefused(r, 401, "IAM.0001");
        assertThat(r.json().get("error_msg").asString()).contains("password has expired")
                .contains("/v3/users/" + u.id() + "/password");
        assertThat(r.header("X-Subject-Token")).isNull();
        assertThat(lastSignInEvent(u)).containsEntry("result", "failure").containsEntry("cause", "password_expired");
    }

    @Test
    void signInWhenPasswordExpiredButWrongThenOrdinaryWrongCredentials() {
        TestAccount a = accountWithValidity(30);
        TestUser u = fixtures.newUser(a);
        expire(u);

        Api.Response r = fixtures.signIn(a.name(), u.name(), "Not-The-Pass-1");

        assertRefused(r, 401, "IAM.0001");
        assertThat(r.json().get("error_msg").asString()).doesNotContain("expired");
        assertThat(lastSignInEvent(u)).containsEntry("cause", "wrong_password");
    }

    @Test
    void changeWithoutTokenWhenExpiredAndOriginalRightThen204AndNewPasswordSignsIn() {
        TestAccount a = accountWithValidity(30);
        TestUser u = fixtures.newUser(a);
        expire(u);
        Instant before = Instant.now();

        Api.Response r = api.post(self(u), null, selfChange(Fixtures.USER_PASSWORD, NEW_PASSWORD));

        assertThat(r.status()).as(r.toString()).isEqualTo(204);
        assertThat(fixtures.signIn(a.name(), u.name(), NEW_PASSWORD).status()).isEqualTo(201);
        assertThat(fixtures.signIn(a.name(), u.name(), Fixtures.USER_PASSWORD).status()).isEqualTo(401);
        assertThat(expiry(u)).isCloseTo(before.plus(Duration.ofDays(30)), within(1, ChronoUnit.MINUTES));
        Map<String, Object> logged = afterSealing(jdbc).sql("""
                SELECT * FROM operation_log WHERE resource_id = :id AND operation = 'iam:users:updateUserPassword'""")
                .param("id", u.id()).query().singleRow();
        assertThat(logged).containsEntry("actor_id", u.id()).containsEntry("result", "success")
                .containsEntry("domain_id", a.id());
    }

    @Test
    void changeWithoutTokenWhenOriginalWrongThen401AndFailedSignInRecorded() {
        TestAccount a = accountWithValidity(30);
        TestUser u = fixtures.newUser(a);
        expire(u);

        Api.Response r = api.post(self(u), null, selfChange("Not-The-Pass-1", NEW_PASSWORD));

        assertRefused(r, 401, "IAM.0001");
        assertThat(lastSignInEvent(u)).containsEntry("result", "failure").containsEntry("cause", "wrong_password")
                .containsEntry("domain_id", a.id());
        assertThat(fixtures.signIn(a.name(), u.name(), NEW_PASSWORD).status()).isEqualTo(401);
    }

    @Test
    void changeWithoutTokenWhenNewPasswordBreaksPolicyThen400AndStillExpired() {
        TestAccount a = accountWithValidity(30);
        TestUser u = fixtures.newUser(a);
        expire(u);

        Api.Response weak = api.post(self(u), null, selfChange(Fixtures.USER_PASSWORD, "password1"));
        Api.Response same = api.post(self(u), null, selfChange(Fixtures.USER_PASSWORD, Fixtures.USER_PASSWORD));

        assertRefused(weak, 400, "1118");
        assertRefused(same, 400, "1108");
        assertThat(fixtures.signIn(a.name(), u.name(), Fixtures.USER_PASSWORD).json().get("error_msg").asString())
                .contains("expired");
    }

    @Test
    void changeWithoutTokenWhenPasswordNotExpiredThen401AndUnchanged() {
        TestAccount a = accountWithValidity(30);
        TestUser u = fixtures.newUser(a);

        Api.Response r = api.post(self(u), null, selfChange(Fixtures.USER_PASSWORD, NEW_PASSWORD));

        assertRefused(r, 401, "IAM.0001");
        assertThat(fixtures.signIn(a.name(), u.name(), Fixtures.USER_PASSWORD).status()).isEqualTo(201);
    }

    @Test
    void changeWithoutTokenWhenValidityOffThen401() {
        TestAccount a = fixtures.newAccount();
        TestUser u = fixtures.newUser(a);

        Api.Response r = api.post(self(u), null, selfChange(Fixtures.USER_PASSWORD, NEW_PASSWORD));

        assertRefused(r, 401, "IAM.0001");
        assertThat(fixtures.signIn(a.name(), u.name(), Fixtures.USER_PASSWORD).status()).isEqualTo(201);
    }

    @Test
    void changeWithoutTokenWhenUserUnknownThen401AndFailedSignInRecorded() {
        String unknown = "f".repeat(32);

        Api.Response r = api.post("/v3/users/" + unknown + "/password", null,
                selfChange(Fixtures.USER_PASSWORD, NEW_PASSWORD));

        assertRefused(r, 401, "IAM.0001");
        List<Map<String, Object>> events = jdbc.sql("""
                SELECT * FROM signin_event WHERE attempted_name = :name ORDER BY id DESC""")
                .param("name", unknown).query().listOfRows();
        assertThat(events).isNotEmpty();
        assertThat(events.get(0)).containsEntry("cause", "unknown_user");
    }

    @Test
    void changeWithTokenWhenExpiredUsersOldTokenStillValidThenOrdinaryChange() {
        TestAccount a = accountWithValidity(30);
        TestUser u = fixtures.newUser(a);
        String token = fixtures.token(u);
        expire(u);

        Api.Response r = api.post(self(u), token, selfChange(Fixtures.USER_PASSWORD, NEW_PASSWORD));

        assertThat(r.status()).as(r.toString()).isEqualTo(204);
        assertThat(fixtures.signIn(a.name(), u.name(), NEW_PASSWORD).status()).isEqualTo(201);
    }

    // ---- helpers ------------------------------------------------------------------------------

    private TestAccount accountWithValidity(int days) {
        TestAccount a = fixtures.newAccount();
        Api.Response r = api.put(path(a), a.adminToken(), policy("password_validity_period", days));
        assertThat(r.status()).as(r.toString()).isEqualTo(200);
        return a;
    }

    /** Test-only ageing: the password expired a minute ago. */
    private void expire(TestUser u) {
        jdbc.sql("UPDATE iam_user SET password_expires_at = :t WHERE id = :id")
                .param("t", WireTime.toSql(WireTime.truncate(Instant.now().minus(Duration.ofMinutes(1)))))
                .param("id", u.id()).update();
    }

    private Instant expiry(TestUser u) {
        JsonNode user = api.get("/v3.0/OS-USER/users/" + u.id(), u.account().adminToken()).json().get("user");
        JsonNode value = user.get("password_expires_at");
        return value == null || value.isNull() || value.asString().isEmpty() ? null : userTime(value.asString());
    }

    private Map<String, Object> lastSignInEvent(TestUser u) {
        return jdbc.sql("SELECT * FROM signin_event WHERE user_id = :id ORDER BY id DESC LIMIT 1").param("id", u.id())
                .query().singleRow();
    }

    private static Instant userTime(String value) {
        return LocalDateTime.parse(value).toInstant(ZoneOffset.UTC);
    }

    private static String self(TestUser u) {
        return "/v3/users/" + u.id() + "/password";
    }
}
