package io.gatehouse.user;

import static org.assertj.core.api.Assertions.assertThat;

import io.gatehouse.testsupport.Api;
import io.gatehouse.testsupport.Fixtures;
import io.gatehouse.testsupport.Fixtures.TestAccount;
import io.gatehouse.testsupport.Fixtures.TestUser;
import io.gatehouse.testsupport.IntegrationTest;
import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/**
 * What a user does to itself: {@code PUT /v3.0/OS-USER/users/{id}/info} (email and mobile) and
 * {@code POST /v3/users/{id}/password}.
 */
class SelfServiceIT extends IntegrationTest {

    // ---- PUT /v3.0/OS-USER/users/{id}/info ----------------------------------------------------

    @Test
    void updateInfoWhenSelfSetsEmailAndMobileThen204AndVisible() {
        TestAccount a = fixtures.newAccount();
        TestUser u = fixtures.newUser(a);
        String email = "me-" + Fixtures.unique() + "@example.com";

        Api.Response r = api.put(info(u), fixtures.token(u), info(email, "0086-13800000001"));

        assertThat(r.status()).as(r.toString()).isEqualTo(204);
        assertThat(r.text()).isEmpty();
        JsonNode user = read(a, u);
        assertThat(user.get("email").asString()).isEqualTo(email);
        assertThat(user.get("areacode").asString()).isEqualTo("0086");
        assertThat(user.get("phone").asString()).isEqualTo("13800000001");
    }

    @Test
    void updateInfoWhenOnlyEmailSentThenMobileKept() {
        TestAccount a = fixtures.newAccount();
        TestUser u = fixtures.newUser(a, Map.of("areacode", "0086", "phone", "13800000002"));
        String email = "only-" + Fixtures.unique() + "@example.com";

        Api.Response r = api.put(info(u), fixtures.token(u), info(email, null));

        assertThat(r.status()).as(r.toString()).isEqualTo(204);
        JsonNode user = read(a, u);
        assertThat(user.get("email").asString()).isEqualTo(email);
        assertThat(user.get("phone").asString()).isEqualTo("13800000002");
    }

    @Test
    void updateInfoWhenEmptyValuesThenCleared() {
        TestAccount a = fixtures.newAccount();
        TestUser u = fixtures.newUser(a, Map.of("email", "clr-" + Fixtures.unique() + "@example.com",
                "areacode", "0086", "phone", "13800000003"));

        Api.Response r = api.put(info(u), fixtures.token(u), info("", ""));

        assertThat(r.status()).as(r.toString()).isEqualTo(204);
        JsonNode user = read(a, u);
        assertThat(user.get("email").asString()).isEmpty();
        assertThat(user.get("areacode").asString()).isEmpty();
        assertThat(user.get("phone").asString()).isEmpty();
    }

    @Test
    void updateInfoWhenMobileMalformedThen1104AndUnchanged() {
        TestAccount a = fixtures.newAccount();
        TestUser u = fixtures.newUser(a, Map.of("areacode", "0086", "phone", "13800000004"));
        String token = fixtures.token(u);
        JsonNode before = read(a, u);

        Api.Response noAreacode = api.put(info(u), token, info(null, "13800000005"));
        Api.Response letters = api.put(info(u), token, info(null, "0086-1380000abcd"));
        Api.Response tooLong = api.put(info(u), token, info(null, "0086-" + "1".repeat(33)));

        assertRefused(noAreacode, 400, "1104");
        assertRefused(letters, 400, "1104");
        assertRefused(tooLong, 400, "1104");
        assertThat(read(a, u)).isEqualTo(before);
    }

    @Test
    void updateInfoWhenEmailMalformedThen1102AndUnchanged() {
        TestAccount a = fixtures.newAccount();
        TestUser u = fixtures.newUser(a);
        String token = fixtures.token(u);
        JsonNode before = read(a, u);

        Api.Response r = api.put(info(u), token, info("no-at-sign", "0086-13800000006"));

        assertRefused(r, 400, "1102");
        assertThat(read(a, u)).isEqualTo(before);
    }

    @Test
    void updateInfoWhenEmailOrMobileTakenThen1110Or1111AndUnchanged() {
        TestAccount a = fixtures.newAccount();
        String email = "own-" + Fixtures.unique() + "@example.com";
        fixtures.newUser(a, Map.of("email", email, "areacode", "0086", "phone", "13800000007"));
        TestUser u = fixtures.newUser(a);
        String token = fixtures.token(u);
        JsonNode before = read(a, u);

        Api.Response emailTaken = api.put(info(u), token, info(email.toUpperCase(), null));
        Api.Response mobileTaken = api.put(info(u), token, info(null, "0086-13800000007"));

        assertRefused(emailTaken, 400, "1110");
        assertRefused(mobileTaken, 400, "1111");
        assertThat(read(a, u)).isEqualTo(before);
    }

    @Test
    void updateInfoWhenAnotherPlainUserThen403AndUnchanged() {
        TestAccount a = fixtures.newAccount();
        TestUser target = fixtures.newUser(a);
        TestUser other = fixtures.newUser(a);
        JsonNode before = read(a, target);

        Api.Response r = api.put(info(target), fixtures.token(other),
                info("evil-" + Fixtures.unique() + "@example.com", "0086-13800000008"));

        assertRefused(r, 403, "IAM.0003");
        assertThat(read(a, target)).isEqualTo(before);
    }

    @Test
    void updateInfoWhenNeitherFieldSentThen1100() {
        TestAccount a = fixtures.newAccount();
        TestUser u = fixtures.newUser(a);

        Api.Response r = api.put(info(u), fixtures.token(u), Map.of("user", Map.of()));

        assertRefused(r, 400, "1100");
    }

    // ---- POST /v3/users/{id}/password ---------------------------------------------------------

    @Test
    void changePasswordWhenOriginalWrongThen1103AndOldPasswordStillWorks() {
        TestAccount a = fixtures.newAccount();
        TestUser u = fixtures.newUser(a);
        String token = fixtures.token(u);

        Api.Response r = api.post(password(u), token, change("Not-The-Pass-1", "Brand-New-Pass-1"));

        assertRefused(r, 400, "1103");
        assertThat(api.get("/v3.0/OS-USER/users/" + u.id(), token).status()).isEqualTo(200);
        assertThat(fixtures.signIn(a.name(), u.name(), Fixtures.USER_PASSWORD).status()).isEqualTo(201);
        assertThat(fixtures.signIn(a.name(), u.name(), "Brand-New-Pass-1").status()).isEqualTo(401);
    }

    @Test
    void changePasswordWhenSameAsOldThen1108AndTokenKept() {
        TestAccount a = fixtures.newAccount();
        TestUser u = fixtures.newUser(a);
        String token = fixtures.token(u);

        Api.Response r = api.post(password(u), token, change(Fixtures.USER_PASSWORD, Fixtures.USER_PASSWORD));

        assertRefused(r, 400, "1108");
        assertThat(api.get("/v3.0/OS-USER/users/" + u.id(), token).status()).isEqualTo(200);
    }

    @Test
    void changePasswordWhenWeakThen1118AndOldPasswordStillWorks() {
        TestAccount a = fixtures.newAccount();
        TestUser u = fixtures.newUser(a);
        String token = fixtures.token(u);

        Api.Response tooShort = api.post(password(u), token, change(Fixtures.USER_PASSWORD, "Ab1-"));
        Api.Response oneKind = api.post(password(u), token, change(Fixtures.USER_PASSWORD, "onlylowercaseletters"));

        assertRefused(tooShort, 400, "1118");
        assertRefused(oneKind, 400, "1118");
        assertThat(api.get("/v3.0/OS-USER/users/" + u.id(), token).status()).isEqualTo(200);
        assertThat(fixtures.signIn(a.name(), u.name(), Fixtures.USER_PASSWORD).status()).isEqualTo(201);
    }

    @Test
    void changePasswordWhenNewContainsOwnEmailThen1118() {
        TestAccount a = fixtures.newAccount();
        String email = "pw-" + Fixtures.unique() + "@example.com";
        TestUser u = fixtures.newUser(a, Map.of("email", email));

        Api.Response r = api.post(password(u), fixtures.token(u), change(Fixtures.USER_PASSWORD, "X1-" + email));

        assertRefused(r, 400, "1118");
    }

    @Test
    void changePasswordWhenValidThen204OldTokenRevokedAndNewPasswordSignsIn() {
        TestAccount a = fixtures.newAccount();
        TestUser u = fixtures.newUser(a, Map.of("pwd_status", true));
        String token = fixtures.token(u);
        String fresh = "Brand-New-" + Fixtures.unique();

        Api.Response r = api.post(password(u), token, change(Fixtures.USER_PASSWORD, fresh));

        assertThat(r.status()).as(r.toString()).isEqualTo(204);
        assertThat(r.text()).isEmpty();
        assertRefused(api.get("/v3.0/OS-USER/users/" + u.id(), token), 401, "IAM.0067");
        assertThat(fixtures.signIn(a.name(), u.name(), Fixtures.USER_PASSWORD).status()).isEqualTo(401);
        Api.Response signIn = fixtures.signIn(a.name(), u.name(), fresh);
        assertThat(signIn.status()).isEqualTo(201);
        String newToken = signIn.header("X-Subject-Token");
        Api.Response self = api.get("/v3.0/OS-USER/users/" + u.id(), newToken);
        assertThat(self.status()).isEqualTo(200);
        // Changing it oneself satisfies a forced change.
        assertThat(self.json().get("user").get("pwd_status").asBoolean()).isFalse();
    }

    @Test
    void changePasswordWhenAnotherUserOrAdminThen403AndPasswordKept() {
        TestAccount a = fixtures.newAccount();
        TestUser target = fixtures.newUser(a);
        TestUser other = fixtures.newUser(a);

        Api.Response byOther = api.post(password(target), fixtures.token(other),
                change(Fixtures.USER_PASSWORD, "Taken-Over-1234"));
        Api.Response byAdmin = api.post(password(target), a.adminToken(),
                change(Fixtures.USER_PASSWORD, "Taken-Over-1234"));

        assertRefused(byOther, 403, "IAM.0003");
        assertRefused(byAdmin, 403, "IAM.0003");
        assertThat(fixtures.signIn(a.name(), target.name(), Fixtures.USER_PASSWORD).status()).isEqualTo(201);
    }

    @Test
    void changePasswordWhenOriginalMissingThen1100() {
        TestAccount a = fixtures.newAccount();
        TestUser u = fixtures.newUser(a);

        Api.Response r = api.post(password(u), fixtures.token(u), Map.of("user", Map.of("password", "Brand-New-Pass-1")));

        assertRefused(r, 400, "1100");
        assertThat(fixtures.signIn(a.name(), u.name(), Fixtures.USER_PASSWORD).status()).isEqualTo(201);
    }

    // ---- helpers ------------------------------------------------------------------------------

    private static String info(TestUser u) {
        return "/v3.0/OS-USER/users/" + u.id() + "/info";
    }

    private static String password(TestUser u) {
        return "/v3/users/" + u.id() + "/password";
    }

    private static Map<String, Object> info(String email, String mobile) {
        Map<String, Object> user = new LinkedHashMap<>();
        if (email != null) {
            user.put("email", email);
        }
        if (mobile != null) {
            user.put("mobile", mobile);
        }
        return Map.of("user", user);
    }

    private static Map<String, Object> change(String original, String password) {
        return Map.of("user", Map.of("original_password", original, "password", password));
    }

    private JsonNode read(TestAccount a, TestUser u) {
        Api.Response r = api.get("/v3.0/OS-USER/users/" + u.id(), a.adminToken());
        assertThat(r.status()).as(r.toString()).isEqualTo(200);
        return r.json().get("user");
    }

    private static void assertRefused(Api.Response r, int status, String code) {
        assertThat(r.status()).as(r.toString()).isEqualTo(status);
        assertThat(r.errorCode()).as(r.toString()).isEqualTo(code);
    }
}
