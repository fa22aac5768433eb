package io.gatehouse.security;

import static org.assertj.core.api.Assertions.assertThat;

import io.gatehouse.testsupport.Api;
import io.gatehouse.testsupport.Fixtures;
import io.gatehouse.testsupport.Fixtures.TestAccount;
import io.gatehouse.testsupport.Fixtures.TestUser;
import io.gatehouse.testsupport.IntegrationTest;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import tools.jackson.databind.JsonNode;

/** The protect policy: its fields, and {@code allow_user} on users changing their own password, email and mobile. */
class ProtectPolicyIT extends IntegrationTest {

    private static final String NEW_PASSWORD = "Changed-Pass-987";

    @Autowired
    JdbcClient jdbc;

    @Test
    void getWhenNeverSetThenHuaweiDefaults() {
        TestAccount a = fixtures.newAccount();

        Api.Response r = api.get(path(a), a.adminToken());

        assertThat(r.status()).as(r.toString()).isEqualTo(200);
        JsonNode p = r.json().get("protect_policy");
        assertThat(p.get("operation_protection").asBoolean()).isFalse();
        assertThat(p.get("admin_check").asString()).isEqualTo("off");
        JsonNode allow = p.get("allow_user");
        assertThat(List.of("manage_accesskey", "manage_email", "manage_mobile", "manage_password"))
                .allSatisfy(f -> assertThat(allow.get(f).asBoolean()).as(f).isTrue());
        assertThat(p.has("scene")).isFalse();
    }

    @Test
    void putWhenFieldsGivenThenStoredReturnedLoggedAndOmittedOnesKept() {
        TestAccount a = fixtures.newAccount();
        // Protection goes on last: while it is on, changing the policy needs a verification (OperationProtectionIT).
        Api.Response first = api.put(path(a), a.adminToken(), policy(Map.of("operation_protection", false,
                "allow_user", Map.of("manage_accesskey", false, "manage_email", false, "manage_mobile", true,
                        "manage_password", false),
                "admin_check", "on", "scene", "email", "email", "verifier@example.com",
                "mobile", "0086-13800000000")));

        Api.Response second = api.put(path(a), a.adminToken(), policy(Map.of("operation_protection", true,
                "allow_user", Map.of("manage_password", true))));
        JsonNode stored = api.get(path(a), a.adminToken()).json().get("protect_policy");

        assertThat(first.status()).as(first.toString()).isEqualTo(200);
        assertThat(first.json().get("protect_policy").get("operation_protection").asBoolean()).isFalse();
        assertThat(second.status()).as(second.toString()).isEqualTo(200);
        assertThat(stored.get("operation_protection").asBoolean()).isTrue();
        assertThat(stored.get("allow_user").get("manage_accesskey").asBoolean()).isFalse();
        assertThat(stored.get("allow_user").get("manage_email").asBoolean()).isFalse();
        assertThat(stored.get("allow_user").get("manage_mobile").asBoolean()).isTrue();
        assertThat(stored.get("allow_user").get("manage_password").asBoolean()).isTrue();
        assertThat(stored.get("admin_check").asString()).isEqualTo("on");
        assertThat(stored.get("scene").asString()).isEqualTo("email");
        assertThat(stored.get("email").asString()).isEqualTo("verifier@example.com");
        assertThat(stored.get("mobile").asString()).isEqualTo("0086-13800000000");
        assertThat(afterSealing(jdbc).sql("""
                SELECT COUNT(*) FROM operation_log WHERE domain_id = :d AND result = 'success'
                AND operation = 'iam:securitypolicies:updateProtectPolicy' AND resource_type = 'protect_policy'
                AND resource_id = :d""").param("d", a.id()).query(Integer.class).single()).isEqualTo(2);
    }

    @Test
    void putWhenInvalidThen400AndNothingChanged() {
        TestAccount a = fixtures.newAccount();
        Map<String, Map<String, Object>> bad = new java.util.LinkedHashMap<>();
        bad.put("operation_protection missing", Map.of("allow_user", Map.of("manage_password", false)));
        bad.put("operation_protection a string", Map.of("operation_protection", "yes"));
        bad.put("admin_check unknown", Map.of("operation_protection", true, "admin_check", "maybe"));
        bad.put("scene unknown", Map.of("operation_protection", true, "scene", "fax"));
        bad.put("admin_check on without scene", Map.of("operation_protection", true, "admin_check", "on"));
        bad.put("scene mobile without mobile", Map.of("operation_protection", true, "admin_check", "on",
                "scene", "mobile"));
        bad.put("mobile malformed", Map.of("operation_protection", true, "mobile", "13800000000"));
        bad.put("email malformed", Map.of("operation_protection", true, "email", "not-an-email"));
        bad.put("unknown member", Map.of("operation_protection", true, "allow_user", Map.of("manage_keys", true)));

        bad.forEach((what, body) -> {
            Api.Response r = api.put(path(a), a.adminToken(), policy(body));
            assertThat(r.status()).as(what + ": " + r).isEqualTo(400);
            assertThat(r.errorCode()).as(what).isIn("IAM.0072", "IAM.0073", "IAM.0007");
        });
        Api.Response noBody = api.put(path(a), a.adminToken(), Map.of());
        JsonNode stored = api.get(path(a), a.adminToken()).json().get("protect_policy");

        assertThat(noBody.status()).isEqualTo(400);
        assertThat(stored.get("operation_protection").asBoolean()).isFalse();
        assertThat(stored.get("admin_check").asString()).isEqualTo("off");
        assertThat(stored.get("allow_user").get("manage_password").asBoolean()).isTrue();
    }

    @Test
    void changeOwnPasswordWhenManagePasswordOffThen403AndWhenOnThenChanged() {
        TestAccount a = fixtures.newAccount();
        TestUser u = fixtures.newUser(a);
        String token = fixtures.token(u);
        setAllowUser(a, Map.of("manage_password", false));

        Api.Response refused = api.post(password(u), token, passwordBody(Fixtures.USER_PASSWORD, NEW_PASSWORD));
        int stillOld = fixtures.signIn(a.name(), u.name(), Fixtures.USER_PASSWORD).status();
        setAllowUser(a, Map.of("manage_password", true));
        Api.Response allowed = api.post(password(u), token, passwordBody(Fixtures.USER_PASSWORD, NEW_PASSWORD));

        assertThat(refused.status()).as(refused.toString()).isEqualTo(403);
        assertThat(refused.errorCode()).isEqualTo("IAM.0003");
        assertThat(refused.json().get("error_msg").asString()).contains("protect policy").contains("password");
        assertThat(stillOld).isEqualTo(201);
        assertThat(allowed.status()).as(allowed.toString()).isEqualTo(204);
        assertThat(fixtures.signIn(a.name(), u.name(), NEW_PASSWORD).status()).isEqualTo(201);
    }

    @Test
    void updateOwnInfoWhenEmailOrMobileDisallowedThenThatFieldIsRefused() {
        TestAccount a = fixtures.newAccount();
        TestUser u = fixtures.newUser(a);
        String token = fixtures.token(u);
        String email = "self-" + Fixtures.unique() + "@example.com";
        setAllowUser(a, Map.of("manage_email", false, "manage_mobile", true));

        Api.Response emailRefused = api.put(info(u), token, info(email, null));
        Api.Response bothRefused = api.put(info(u), token, info(email, "0086-13900000001"));
        JsonNode afterRefusals = read(a, u);
        Api.Response mobileAllowed = api.put(info(u), token, info(null, "0086-13900000002"));
        setAllowUser(a, Map.of("manage_email", true, "manage_mobile", false));
        Api.Response mobileRefused = api.put(info(u), token, info(null, "0086-13900000003"));
        Api.Response emailAllowed = api.put(info(u), token, info(email, null));
        JsonNode end = read(a, u);

        for (Api.Response r : List.of(emailRefused, bothRefused, mobileRefused)) {
            assertThat(r.status()).as(r.toString()).isEqualTo(403);
            assertThat(r.errorCode()).isEqualTo("IAM.0003");
            assertThat(r.json().get("error_msg").asString()).contains("protect policy");
        }
        assertThat(emailRefused.json().get("error_msg").asString()).contains("email");
        assertThat(mobileRefused.json().get("error_msg").asString()).contains("mobile");
        assertThat(afterRefusals.path("email").asString()).isEmpty();
        assertThat(afterRefusals.path("phone").asString()).isEmpty();
        assertThat(mobileAllowed.status()).as(mobileAllowed.toString()).isEqualTo(204);
        assertThat(emailAllowed.status()).as(emailAllowed.toString()).isEqualTo(204);
        assertThat(end.get("email").asString()).isEqualTo(email);
        assertThat(end.get("phone").asString()).isEqualTo("13900000002");
    }

    @Test
    void selfServiceWhenCallerIsAdministratorThenNotLimitedByAllowUser() {
        TestAccount a = fixtures.newAccount();
        setAllowUser(a, Map.of("manage_password", false, "manage_email", false, "manage_mobile", false));
        String email = "owner-" + Fixtures.unique() + "@example.com";

        Api.Response info = api.put("/v3.0/OS-USER/users/" + a.ownerId() + "/info", a.adminToken(),
                info(email, "0086-13700000001"));
        Api.Response password = api.post("/v3/users/" + a.ownerId() + "/password", a.adminToken(),
                passwordBody(Fixtures.OWNER_PASSWORD, NEW_PASSWORD));

        assertThat(info.status()).as(info.toString()).isEqualTo(204);
        assertThat(password.status()).as(password.toString()).isEqualTo(204);
    }

    @Test
    void selfServiceWhenAnotherAccountDisallowsThenThisAccountIsNotAffected() {
        TestAccount strict = fixtures.newAccount();
        TestAccount a = fixtures.newAccount();
        setAllowUser(strict, Map.of("manage_password", false));
        TestUser u = fixtures.newUser(a);

        Api.Response r = api.post(password(u), fixtures.token(u), passwordBody(Fixtures.USER_PASSWORD, NEW_PASSWORD));

        assertThat(r.status()).as(r.toString()).isEqualTo(204);
    }

    @Test
    void protectPolicyWhenPlainUserOrAnotherAccountsAdministratorThenDenied() {
        TestAccount a = fixtures.newAccount();
        TestAccount other = fixtures.newAccount();
        String userToken = fixtures.token(fixtures.newUser(a));
        Map<String, Object> body = policy(Map.of("operation_protection", false,
                "allow_user", Map.of("manage_password", true)));

        List<Api.Response> plain = List.of(api.get(path(a), userToken), api.put(path(a), userToken, body));
        List<Api.Response> foreign = List.of(api.get(path(a), other.adminToken()),
                api.put(path(a), other.adminToken(), body));

        plain.forEach(r -> {
            assertThat(r.status()).as(r.toString()).isEqualTo(403);
            assertThat(r.errorCode()).isEqualTo("IAM.0003");
        });
        foreign.forEach(r -> {
            assertThat(r.status()).as(r.toString()).isEqualTo(404);
            assertThat(r.errorCode()).isEqualTo("IAM.0004");
        });
    }

    // ---- helpers -------------------------------------------------------------------------------

    private void setAllowUser(TestAccount a, Map<String, Object> allowUser) {
        Api.Response r = api.put(path(a), a.adminToken(), policy(Map.of("operation_protection", false,
                "allow_user", allowUser)));
        assertThat(r.status()).as(r.toString()).isEqualTo(200);
    }

    private JsonNode read(TestAccount a, TestUser u) {
        return api.get("/v3.0/OS-USER/users/" + u.id(), a.adminToken()).json().get("user");
    }

    private static Map<String, Object> policy(Map<String, Object> fields) {
        return Map.of("protect_policy", fields);
    }

    private static Map<String, Object> info(String email, String mobile) {
        Map<String, Object> user = new HashMap<>();
        if (email != null) {
            user.put("email", email);
        }
        if (mobile != null) {
            user.put("mobile", mobile);
        }
        return Map.of("user", user);
    }

    private static Map<String, Object> passwordBody(String original, String password) {
        return Map.of("user", Map.of("original_password", original, "password", password));
    }

    private static String path(TestAccount a) {
        return "/v3.0/OS-SECURITYPOLICY/domains/" + a.id() + "/protect-policy";
    }

    private static String password(TestUser u) {
        return "/v3/users/" + u.id() + "/password";
    }

    private static String info(TestUser u) {
        return "/v3.0/OS-USER/users/" + u.id() + "/info";
    }
}
