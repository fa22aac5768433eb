package io.gatehouse.mfa;

import static org.assertj.core.api.Assertions.assertThat;

import io.gatehouse.testsupport.Api;
import io.gatehouse.testsupport.Fixtures;
import io.gatehouse.testsupport.Fixtures.TestAccount;
import io.gatehouse.testsupport.Fixtures.TestUser;
import io.gatehouse.testsupport.IntegrationTest;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/** Login protection: {@code /v3.0/OS-USER/users/{id}/login-protect} and {@code /v3.0/OS-USER/login-protects}. */
class LoginProtectIT extends IntegrationTest {

    private static final String LIST = "/v3.0/OS-USER/login-protects";

    @Test
    void showWhenNeverSetThen404Iam0004() {
        TestAccount a = fixtures.newAccount();
        TestUser u = fixtures.newUser(a);

        Api.Response r = api.get(path(u), a.adminToken());

        assertRefused(r, 404, "IAM.0004");
    }

    @Test
    void showWhenUserUnknownThen404Iam0004() {
        TestAccount a = fixtures.newAccount();

        Api.Response r = api.get("/v3.0/OS-USER/users/" + "0".repeat(32) + "/login-protect", a.adminToken());

        assertRefused(r, 404, "IAM.0004");
    }

    @Test
    void updateWhenEmailMethodAndUserHasEmailThen200WithDocumentedBody() {
        TestAccount a = fixtures.newAccount();
        TestUser u = withEmail(a);

        Api.Response r = api.put(path(u), a.adminToken(), body(true, "email"));

        assertThat(r.status()).as(r.toString()).isEqualTo(200);
        JsonNode root = r.json();
        assertThat(root.propertyNames()).containsExactly("login_protect");
        JsonNode p = root.get("login_protect");
        assertThat(p.propertyNames()).containsExactlyInAnyOrder("user_id", "enabled", "verification_method");
        assertThat(p.get("user_id").asString()).isEqualTo(u.id());
        assertThat(p.get("enabled").isBoolean()).isTrue();
        assertThat(p.get("enabled").asBoolean()).isTrue();
        assertThat(p.get("verification_method").asString()).isEqualTo("email");
        Api.Response shown = api.get(path(u), a.adminToken());
        assertThat(shown.status()).isEqualTo(200);
        assertThat(shown.json()).isEqualTo(root);
    }

    @Test
    void updateWhenSmsAndUserHasPhoneThen200() {
        TestAccount a = fixtures.newAccount();
        TestUser u = fixtures.newUser(a, Map.of("areacode", "0086", "phone", "13800004444"));

        Api.Response r = api.put(path(u), a.adminToken(), body(true, "sms"));

        assertThat(r.status()).as(r.toString()).isEqualTo(200);
        assertThat(r.json().get("login_protect").get("verification_method").asString()).isEqualTo("sms");
    }

    @Test
    void updateWhenSmsAndUserHasNoPhoneThen400AndNothingStored() {
        TestAccount a = fixtures.newAccount();
        TestUser u = withEmail(a);

        Api.Response r = api.put(path(u), a.adminToken(), body(true, "sms"));

        assertRefused(r, 400, "IAM.0007");
        assertThat(r.json().get("error_msg").asString()).contains("sms").contains("mobile");
        assertRefused(api.get(path(u), a.adminToken()), 404, "IAM.0004");
    }

    @Test
    void updateWhenEmailAndUserHasNoEmailThen400AndPreviousSettingKept() {
        TestAccount a = fixtures.newAccount();
        TestUser u = fixtures.newUser(a, Map.of("areacode", "0086", "phone", "13800005555"));
        assertThat(api.put(path(u), a.adminToken(), body(true, "sms")).status()).isEqualTo(200);

        Api.Response r = api.put(path(u), a.adminToken(), body(true, "email"));

        assertRefused(r, 400, "IAM.0007");
        assertThat(r.json().get("error_msg").asString()).contains("email");
        JsonNode kept = api.get(path(u), a.adminToken()).json().get("login_protect");
        assertThat(kept.get("verification_method").asString()).isEqualTo("sms");
        assertThat(kept.get("enabled").asBoolean()).isTrue();
    }

    @Test
    void updateWhenVmfaThen400WithClearMessage() {
        TestAccount a = fixtures.newAccount();
        TestUser u = withEmail(a);

        Api.Response r = api.put(path(u), a.adminToken(), body(true, "vmfa"));

        assertRefused(r, 400, "IAM.0007");
        assertThat(r.json().get("error_msg").asString()).contains("vmfa").containsIgnoringCase("virtual MFA device");
        assertRefused(api.get(path(u), a.adminToken()), 404, "IAM.0004");
    }

    @Test
    void updateWhenMethodFaxThen400AndNothingStored() {
        TestAccount a = fixtures.newAccount();
        TestUser u = withEmail(a);

        Api.Response r = api.put(path(u), a.adminToken(), body(true, "fax"));

        assertRefused(r, 400, "IAM.0007");
        assertThat(r.json().get("error_msg").asString()).contains("verification_method");
        assertRefused(api.get(path(u), a.adminToken()), 404, "IAM.0004");
    }

    @Test
    void updateWhenEnabledMissingThen400AndNothingStored() {
        TestAccount a = fixtures.newAccount();
        TestUser u = withEmail(a);
        Map<String, Object> inner = new LinkedHashMap<>();
        inner.put("verification_method", "email");

        Api.Response r = api.put(path(u), a.adminToken(), Map.of("login_protect", inner));

        assertRefused(r, 400, "IAM.0072");
        assertThat(r.json().get("error_msg").asString()).contains("enabled");
        assertRefused(api.get(path(u), a.adminToken()), 404, "IAM.0004");
    }

    @Test
    void updateWhenEnabledNotBooleanThen400() {
        TestAccount a = fixtures.newAccount();
        TestUser u = withEmail(a);

        Api.Response r = api.put(path(u), a.adminToken(),
                Map.of("login_protect", Map.of("enabled", "true", "verification_method", "email")));

        assertThat(r.status()).as(r.toString()).isEqualTo(400);
        assertThat(r.errorCode()).isIn("IAM.0073", "IAM.0007");
        assertRefused(api.get(path(u), a.adminToken()), 404, "IAM.0004");
    }

    @Test
    void updateWhenBodyLacksLoginProtectThen400() {
        TestAccount a = fixtures.newAccount();
        TestUser u = withEmail(a);

        Api.Response r = api.put(path(u), a.adminToken(), "{}");

        assertRefused(r, 400, "IAM.0072");
    }

    @Test
    void updateWhenDisablingThenNoReachableChannelNeeded() {
        TestAccount a = fixtures.newAccount();
        TestUser u = fixtures.newUser(a);

        Api.Response r = api.put(path(u), a.adminToken(), body(false, "sms"));

        assertThat(r.status()).as(r.toString()).isEqualTo(200);
        JsonNode p = api.get(path(u), a.adminToken()).json().get("login_protect");
        assertThat(p.get("enabled").asBoolean()).isFalse();
        assertThat(p.get("verification_method").asString()).isEqualTo("sms");
    }

    @Test
    void listWhenSettingsInTwoAccountsThenOnlyCallersAccount() {
        TestAccount a = fixtures.newAccount();
        TestAccount b = fixtures.newAccount();
        TestUser a1 = withEmail(a);
        TestUser a2 = withEmail(a);
        TestUser b1 = withEmail(b);
        assertThat(api.put(path(a1), a.adminToken(), body(true, "email")).status()).isEqualTo(200);
        assertThat(api.put(path(a2), a.adminToken(), body(false, "email")).status()).isEqualTo(200);
        assertThat(api.put(path(b1), b.adminToken(), body(true, "email")).status()).isEqualTo(200);

        Api.Response r = api.get(LIST, a.adminToken());

        assertThat(r.status()).as(r.toString()).isEqualTo(200);
        List<String> users = new ArrayList<>();
        r.json().get("login_protects").forEach(p -> users.add(p.get("user_id").asString()));
        assertThat(users).containsExactlyInAnyOrder(a1.id(), a2.id());
        Api.Response other = api.get(LIST, b.adminToken());
        assertThat(other.json().get("login_protects").size()).isEqualTo(1);
        assertThat(other.json().get("login_protects").get(0).get("user_id").asString()).isEqualTo(b1.id());
    }

    @Test
    void listWhenNothingSetThenEmptyArray() {
        TestAccount a = fixtures.newAccount();

        Api.Response r = api.get(LIST, a.adminToken());

        assertThat(r.status()).isEqualTo(200);
        assertThat(r.json().get("login_protects").isArray()).isTrue();
        assertThat(r.json().get("login_protects").size()).isZero();
    }

    @Test
    void listWhenPlainUserThen403Iam0003() {
        TestAccount a = fixtures.newAccount();
        TestUser u = fixtures.newUser(a);

        Api.Response r = api.get(LIST, fixtures.token(u));

        assertRefused(r, 403, "IAM.0003");
    }

    @Test
    void showWhenPlainUserReadsOwnThen200() {
        TestAccount a = fixtures.newAccount();
        TestUser u = withEmail(a);
        // Signed in before the protection is on: afterwards, signing in takes an emailed code.
        String token = fixtures.token(u);
        assertThat(api.put(path(u), a.adminToken(), body(true, "email")).status()).isEqualTo(200);

        Api.Response r = api.get(path(u), token);

        assertThat(r.status()).as(r.toString()).isEqualTo(200);
        assertThat(r.json().get("login_protect").get("user_id").asString()).isEqualTo(u.id());
        assertThat(r.json().get("login_protect").get("verification_method").asString()).isEqualTo("email");
    }

    @Test
    void updateWhenPlainUserSetsOwnThen403Iam0003AndUnchanged() {
        TestAccount a = fixtures.newAccount();
        TestUser u = withEmail(a);
        // Signed in before the protection is on: afterwards, signing in takes an emailed code.
        String token = fixtures.token(u);
        assertThat(api.put(path(u), a.adminToken(), body(true, "email")).status()).isEqualTo(200);

        Api.Response r = api.put(path(u), token, body(false, "email"));

        assertRefused(r, 403, "IAM.0003");
        assertThat(api.get(path(u), a.adminToken()).json().get("login_protect").get("enabled").asBoolean()).isTrue();
    }

    @Test
    void showWhenPlainUserReadsAnotherUsersThen403Iam0003() {
        TestAccount a = fixtures.newAccount();
        TestUser u = fixtures.newUser(a);
        TestUser other = withEmail(a);
        assertThat(api.put(path(other), a.adminToken(), body(true, "email")).status()).isEqualTo(200);

        Api.Response r = api.get(path(other), fixtures.token(u));

        assertRefused(r, 403, "IAM.0003");
        assertThat(r.text()).doesNotContain("verification_method");
    }

    @Test
    void showOrUpdateWhenOtherAccountsAdminThen404AndUnchanged() {
        TestAccount a = fixtures.newAccount();
        TestAccount b = fixtures.newAccount();
        TestUser u = withEmail(a);
        assertThat(api.put(path(u), a.adminToken(), body(true, "email")).status()).isEqualTo(200);

        Api.Response shown = api.get(path(u), b.adminToken());
        Api.Response updated = api.put(path(u), b.adminToken(), body(false, "email"));

        assertRefused(shown, 404, "IAM.0004");
        assertRefused(updated, 404, "IAM.0004");
        assertThat(api.get(path(u), a.adminToken()).json().get("login_protect").get("enabled").asBoolean()).isTrue();
    }

    @Test
    void showWhenUserDeletedThenSettingGoneWithIt() {
        TestAccount a = fixtures.newAccount();
        TestUser u = withEmail(a);
        assertThat(api.put(path(u), a.adminToken(), body(true, "email")).status()).isEqualTo(200);

        assertThat(api.delete("/v3/users/" + u.id(), a.adminToken()).status()).isEqualTo(204);

        assertRefused(api.get(path(u), a.adminToken()), 404, "IAM.0004");
        assertThat(api.get(LIST, a.adminToken()).json().get("login_protects").size()).isZero();
    }

    @Test
    void updateWhenManyAtOnceForSameUserThenEveryOneSucceedsAndOneSettingRemains() throws Exception {
        TestAccount a = fixtures.newAccount();
        TestUser u = fixtures.newUser(a, Map.of("email", "lp-" + Fixtures.unique() + "@example.com",
                "areacode", "0086", "phone", "13800006666"));
        ExecutorService pool = Executors.newFixedThreadPool(8);
        List<Integer> statuses = new ArrayList<>();
        try {
            for (int round = 0; round < 4; round++) {
                List<Future<Api.Response>> calls = new ArrayList<>();
                for (int i = 0; i < 8; i++) {
                    Map<String, Object> b = body(i % 2 == 0, i % 3 == 0 ? "sms" : "email");
                    calls.add(pool.submit(() -> api.put(path(u), a.adminToken(), b)));
                }
                for (Future<Api.Response> call : calls) {
                    Api.Response r = call.get(30, TimeUnit.SECONDS);
                    assertThat(r.status()).as(r.toString()).isEqualTo(200);
                    statuses.add(r.status());
                }
            }
        } finally {
            pool.shutdownNow();
        }

        assertThat(statuses).hasSize(32);
        Api.Response list = api.get(LIST, a.adminToken());
        assertThat(list.json().get("login_protects").size()).isEqualTo(1);
        assertThat(api.get(path(u), a.adminToken()).status()).isEqualTo(200);
    }

    // ---- helpers ------------------------------------------------------------------------------

    private TestUser withEmail(TestAccount a) {
        return fixtures.newUser(a, Map.of("email", "lp-" + Fixtures.unique() + "@example.com"));
    }

    private static String path(TestUser u) {
        return "/v3.0/OS-USER/users/" + u.id() + "/login-protect";
    }

    private static Map<String, Object> body(boolean enabled, String method) {
        return Map.of("login_protect", Map.of("enabled", enabled, "verification_method", method));
    }

    private static void assertRefused(Api.Response r, int status, String code) {
        assertThat(r.status()).as(r.toString()).isEqualTo(status);
        assertThat(r.errorCode()).as(r.toString()).isEqualTo(code);
    }
}
