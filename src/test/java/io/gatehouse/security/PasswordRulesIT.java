package io.gatehouse.security;

import static io.gatehouse.security.PasswordPolicyIT.assertRefused;
import static io.gatehouse.security.PasswordPolicyIT.path;
import static io.gatehouse.security.PasswordPolicyIT.policy;
import static org.assertj.core.api.Assertions.assertThat;

import io.gatehouse.common.time.WireTime;
import io.gatehouse.testsupport.Api;
import io.gatehouse.testsupport.Fixtures;
import io.gatehouse.testsupport.Fixtures.TestAccount;
import io.gatehouse.testsupport.Fixtures.TestUser;
import io.gatehouse.testsupport.IntegrationTest;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * The account's password policy applied to every way a password is set: creating a user (both APIs),
 * an administrator's update (PUT and PATCH), and a user's change of its own password. One password
 * that breaks each rule and one that keeps it, history, minimum age, and the list of common passwords.
 */
class PasswordRulesIT extends IntegrationTest {

    @Autowired
    JdbcClient jdbc;

    // ---- each rule, on every path ------------------------------------------------------------------

    @Test
    void setPasswordWhenCharCombinationThreeThenTwoKindsRefusedThreeAcceptedOnEveryPath() {
        TestAccount a = accountWith("password_char_combination", 3);

        everyPath(a, "zqkvwmtr4819", "zqkvwMTR4819", "at least 3 of");
    }

    @Test
    void setPasswordWhenCharCombinationFourThenThreeKindsRefusedFourAccepted() {
        TestAccount a = accountWith("password_char_combination", 4);

        assertRefused(createOs(a, "zqkvwMTR4819"), 400, "1118");
        assertThat(createOs(a, "zqkvwMTR-4819").status()).isEqualTo(201);
    }

    @Test
    void setPasswordWhenMinimumLengthTwelveThenElevenRefusedTwelveAcceptedOnEveryPath() {
        TestAccount a = accountWith("minimum_password_length", 12);

        everyPath(a, "Zqkv-wmt481", "Zqkv-wmt4819", "at least 12 characters");
    }

    @Test
    void setPasswordWhenMaximumConsecutiveTwoThenThreeInARowRefusedTwoAcceptedOnEveryPath() {
        TestAccount a = accountWith("maximum_consecutive_identical_chars", 2);

        everyPath(a, "Zqkvwww-4819", "Zqkvww-w4819", "more than 2 times in a row");
    }

    @Test
    void setPasswordWhenDefaultPolicyThenLongRunsAllowed() {
        TestAccount a = fixtures.newAccount();

        assertThat(createOs(a, "Zqkvwwwwwww-4819").status()).isEqualTo(201);
    }

    @Test
    void setPasswordWhenCommonPasswordInAnyCaseThen1118OnEveryPath() {
        TestAccount a = fixtures.newAccount();

        everyPath(a, "password1", "Zqkv-wmt4819", "commonly used");
        for (String common : new String[] {"Passw0rd", "PASSWORD1", "qwerty123", "Welcome1"}) {
            Api.Response r = createOs(a, common);
            assertRefused(r, 400, "1118");
            assertThat(r.json().get("error_msg").asString()).contains("commonly used");
        }
    }

    @Test
    void setPasswordWhenUserNameOrReversedThen1118UnlessRuleSwitchedOff() {
        TestAccount a = fixtures.newAccount();
        String name = "Kqv_" + Fixtures.unique();
        String reversed = new StringBuilder(name).reverse().toString();

        Api.Response same = createOs(a, name, name);
        Api.Response backwards = createOs(a, name, reversed);
        Api.Response sameOtherCase = createOs(a, name, name.toUpperCase());
        Api.Response longer = createOs(a, name, name + "!");

        assertRefused(same, 400, "1118");
        assertThat(same.json().get("error_msg").asString()).contains("user name");
        assertRefused(backwards, 400, "1118");
        assertRefused(sameOtherCase, 400, "1118");
        assertThat(longer.status()).as(longer.toString()).isEqualTo(201);
        String userId = longer.json().get("user").get("id").asString();
        assertRefused(api.put(osUser(userId), a.adminToken(), pw(name)), 400, "1118");
        assertThat(api.put(path(a), a.adminToken(), policy("password_not_username_or_invert", false)).status())
                .isEqualTo(200);
        assertThat(api.put(osUser(userId), a.adminToken(), pw(name)).status()).isEqualTo(200);
        assertThat(createOs(a, "Other_" + Fixtures.unique(), reversed).status()).isEqualTo(201);
    }

    @Test
    void setPasswordWhenContainsEmailOrMobileThen1118() {
        TestAccount a = fixtures.newAccount();
        String email = "pw-" + Fixtures.unique() + "@example.com";
        TestUser u = fixtures.newUser(a, Map.of("email", email, "areacode", "0086", "phone", "13912340000"));

        assertRefused(api.put(osUser(u.id()), a.adminToken(), pw("X1-" + email.toUpperCase())), 400, "1118");
        assertRefused(api.put(osUser(u.id()), a.adminToken(), pw("Pw-13912340000")), 400, "1118");
        assertThat(api.put(osUser(u.id()), a.adminToken(), pw("Pw-1391234000")).status()).isEqualTo(200);
    }

    // ---- history -------------------------------------------------------------------------------

    @Test
    void setPasswordWhenLastThreeDisallowedThenLastThreeRefusedAndFourthBackAccepted() {
        TestAccount a = accountWith("number_of_recent_passwords_disallowed", 3);
        TestUser u = fixtures.newUser(a); // first password: Fixtures.USER_PASSWORD
        String p2 = "Hist-Zqkv-0002";
        String p3 = "Hist-Zqkv-0003";
        String p4 = "Hist-Zqkv-0004";
        for (String p : new String[] {p2, p3, p4}) {
            assertThat(api.put(osUser(u.id()), a.adminToken(), pw(p)).status()).isEqualTo(200);
        }

        Api.Response current = api.put(osUser(u.id()), a.adminToken(), pw(p4));
        Api.Response second = api.put(osUser(u.id()), a.adminToken(), pw(p3));
        Api.Response third = api.patch(ksUser(u.id()), a.adminToken(), pw(p2));
        String token = fixtures.signIn(a.name(), u.name(), p4).header("X-Subject-Token");
        Api.Response selfThird = api.post(self(u.id()), token, selfChange(p4, p2));

        assertRefused(current, 400, "1108");
        assertRefused(second, 400, "1108");
        assertThat(second.json().get("error_msg").asString()).contains("last 3 passwords");
        assertRefused(third, 400, "1108");
        assertRefused(selfThird, 400, "1108");
        Api.Response fourthBack = api.post(self(u.id()), token, selfChange(p4, Fixtures.USER_PASSWORD));
        assertThat(fourthBack.status()).as(fourthBack.toString()).isEqualTo(204);
        assertThat(fixtures.signIn(a.name(), u.name(), Fixtures.USER_PASSWORD).status()).isEqualTo(201);
    }

    @Test
    void setPasswordWhenDefaultPolicyThenOnlyTheCurrentPasswordRefused() {
        TestAccount a = fixtures.newAccount();
        TestUser u = fixtures.newUser(a);
        assertThat(api.put(osUser(u.id()), a.adminToken(), pw("Hist-Zqkv-0002")).status()).isEqualTo(200);

        assertRefused(api.put(osUser(u.id()), a.adminToken(), pw("Hist-Zqkv-0002")), 400, "1108");
        assertThat(api.put(osUser(u.id()), a.adminToken(), pw(Fixtures.USER_PASSWORD)).status()).isEqualTo(200);
    }

    @Test
    void setPasswordWhenTwentyFourDisallowedThenHistoryKeepsTwentyFour() {
        TestAccount a = accountWith("number_of_recent_passwords_disallowed", 24);
        TestUser u = fixtures.newUser(a);
        for (int i = 2; i <= 25; i++) {
            assertThat(api.put(osUser(u.id()), a.adminToken(), pw("Hist-Zqkv-" + (1000 + i))).status()).isEqualTo(200);
        }

        // The 24 latest are passwords 2..25; password 1 (the fixture's) is the 25th back.
        assertRefused(api.put(osUser(u.id()), a.adminToken(), pw("Hist-Zqkv-1002")), 400, "1108");
        assertThat(jdbc.sql("SELECT COUNT(*) FROM password_history WHERE user_id = :u").param("u", u.id())
                .query(Long.class).single()).isEqualTo(24L);
        assertThat(api.put(osUser(u.id()), a.adminToken(), pw(Fixtures.USER_PASSWORD)).status()).isEqualTo(200);
    }

    // ---- minimum password age ------------------------------------------------------------------

    @Test
    void changeOwnPasswordWhenYoungerThanMinimumAgeThen400UntilItIsOlder() {
        TestAccount a = accountWith("minimum_password_age", 60);
        TestUser u = fixtures.newUser(a);
        String token = fixtures.token(u);

        Api.Response tooSoon = api.post(self(u.id()), token, selfChange(Fixtures.USER_PASSWORD, "Aged-Zqkv-0001"));
        ageAllPasswords(u, Duration.ofMinutes(61));
        Api.Response later = api.post(self(u.id()), token, selfChange(Fixtures.USER_PASSWORD, "Aged-Zqkv-0001"));

        assertRefused(tooSoon, 400, "IAM.0007");
        assertThat(tooSoon.json().get("error_msg").asString()).contains("less than 60 minutes ago");
        assertThat(later.status()).as(later.toString()).isEqualTo(204);
    }

    @Test
    void adminSetWhenYoungerThanMinimumAgeThenAllowed() {
        TestAccount a = accountWith("minimum_password_age", 60);
        TestUser u = fixtures.newUser(a);

        Api.Response r = api.put(osUser(u.id()), a.adminToken(), pw("Aged-Zqkv-0001"));

        assertThat(r.status()).as(r.toString()).isEqualTo(200);
    }

    // ---- helpers ------------------------------------------------------------------------------

    /**
     * The failing password is refused with 1118 and the reason, and the passing one accepted, on each
     * of the five ways to set a password.
     */
    private void everyPath(TestAccount a, String failing, String passing, String reason) {
        Api.Response osBad = createOs(a, failing);
        assertRefused(osBad, 400, "1118");
        assertThat(osBad.json().get("error_msg").asString()).contains(reason);
        assertThat(createOs(a, passing).status()).isEqualTo(201);

        assertRefused(createKs(a, failing), 400, "1118");
        assertThat(createKs(a, passing).status()).isEqualTo(201);

        TestUser put = fixtures.newUser(a);
        assertRefused(api.put(osUser(put.id()), a.adminToken(), pw(failing)), 400, "1118");
        assertThat(api.put(osUser(put.id()), a.adminToken(), pw(passing)).status()).isEqualTo(200);

        TestUser patch = fixtures.newUser(a);
        assertRefused(api.patch(ksUser(patch.id()), a.adminToken(), pw(failing)), 400, "1118");
        assertThat(api.patch(ksUser(patch.id()), a.adminToken(), pw(passing)).status()).isEqualTo(200);

        TestUser self = fixtures.newUser(a);
        String token = fixtures.token(self);
        Api.Response selfBad = api.post(self(self.id()), token, selfChange(Fixtures.USER_PASSWORD, failing));
        assertRefused(selfBad, 400, "1118");
        assertThat(selfBad.json().get("error_msg").asString()).contains(reason);
        assertThat(api.post(self(self.id()), token, selfChange(Fixtures.USER_PASSWORD, passing)).status())
                .isEqualTo(204);
        assertThat(fixtures.signIn(a.name(), self.name(), passing).status()).isEqualTo(201);
    }

    private TestAccount accountWith(String field, Object value) {
        TestAccount a = fixtures.newAccount();
        Api.Response r = api.put(path(a), a.adminToken(), policy(field, value));
        assertThat(r.status()).as(r.toString()).isEqualTo(200);
        return a;
    }

    private void ageAllPasswords(TestUser u, Duration by) {
        jdbc.sql("UPDATE iam_user SET pwd_create_time = :t, modify_pwd_time = :t WHERE id = :id")
                .param("t", WireTime.toSql(WireTime.truncate(Instant.now().minus(by)))).param("id", u.id()).update();
    }

    private Api.Response createOs(TestAccount a, String password) {
        return createOs(a, "user-" + Fixtures.unique(), password);
    }

    private Api.Response createOs(TestAccount a, String name, String password) {
        Map<String, Object> user = new HashMap<>(Map.of("name", name, "domain_id", a.id(), "password", password,
                "pwd_status", false));
        return api.post("/v3.0/OS-USER/users", a.adminToken(), Map.of("user", user));
    }

    private Api.Response createKs(TestAccount a, String password) {
        return api.post("/v3/users", a.adminToken(),
                Map.of("user", Map.of("name", "ks-" + Fixtures.unique(), "password", password)));
    }

    private static String osUser(String id) {
        return "/v3.0/OS-USER/users/" + id;
    }

    private static String ksUser(String id) {
        return "/v3/users/" + id;
    }

    private static String self(String id) {
        return "/v3/users/" + id + "/password";
    }

    private static Map<String, Object> pw(String password) {
        return Map.of("user", Map.of("password", password));
    }

    static Map<String, Object> selfChange(String original, String password) {
        return Map.of("user", Map.of("original_password", original, "password", password));
    }
}
