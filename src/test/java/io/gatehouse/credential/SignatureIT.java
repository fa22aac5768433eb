package io.gatehouse.credential;

import static io.gatehouse.credential.AccessKeyIT.assertError;
import static io.gatehouse.credential.AccessKeyIT.create;
import static org.assertj.core.api.Assertions.assertThat;

import io.gatehouse.testsupport.AkSk;
import io.gatehouse.testsupport.Api;
import io.gatehouse.testsupport.Fixtures;
import io.gatehouse.testsupport.Fixtures.TestAccount;
import io.gatehouse.testsupport.Fixtures.TestUser;
import io.gatehouse.testsupport.IntegrationTest;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/**
 * Requests signed with permanent and temporary access keys (SDK-HMAC-SHA256), made with the SDK's own
 * signer and sent raw, so that each refusal can be provoked on its own.
 */
class SignatureIT extends IntegrationTest {

    private static final String KEYS = "/v3.0/OS-CREDENTIAL/credentials";
    private static final String TEMPORARY = "/v3.0/OS-CREDENTIAL/securitytokens";
    private static final DateTimeFormatter SDK_DATE = DateTimeFormatter.ofPattern("yyyyMMdd'T'HHmmss'Z'")
            .withZone(ZoneOffset.UTC);

    @Test
    void signedRequestWhenKeyAndSignatureRightThenAnsweredAsThatUser() {
        TestAccount account = fixtures.newAccount();
        TestUser user = fixtures.newUser(account);
        AkSk.Key key = keyOf(account, user.id());

        Api.Response shown = AkSk.signed(api, "GET", "/v3.0/OS-USER/users/" + user.id(), null, key).send();
        assertThat(shown.status()).as(shown.toString()).isEqualTo(200);
        assertThat(shown.json().get("user").get("id").asString()).isEqualTo(user.id());

        // The plain user may act on itself but not as an administrator: the same decisions as with a token.
        assertError(AkSk.signed(api, "GET", "/v3.0/OS-USER/users/" + account.ownerId(), null, key).send(), 403,
                "IAM.0003");
        Api.Response changed = AkSk.signed(api, "PUT", "/v3.0/OS-USER/users/" + user.id() + "/info",
                Map.of("user", Map.of("email", "signed@example.com")), key).send();
        assertThat(changed.status()).as(changed.toString()).isEqualTo(204);
    }

    @Test
    void signedRequestWhenSecretWrongThenUnauthorized() {
        TestAccount account = fixtures.newAccount();
        AkSk.Key key = keyOf(account, account.ownerId());
        AkSk.Key wrong = AkSk.Key.permanent(key.access(), key.secret().substring(1) + "x");

        Api.Response r = AkSk.signed(api, "GET", "/v3.0/OS-USER/users/" + account.ownerId(), null, wrong).send();

        assertError(r, 401, "APIGW.0301");
        assertThat(r.json().get("error_msg").asString()).contains("verify aksk signature fail");
    }

    @Test
    void signedRequestWhenBodyTamperedAfterSigningThenUnauthorizedAndNothingChanged() {
        TestAccount account = fixtures.newAccount();
        TestUser user = fixtures.newUser(account);
        AkSk.Key key = keyOf(account, account.ownerId());
        Api.Call call = AkSk.signed(api, "PUT", "/v3.0/OS-USER/users/" + user.id(),
                Map.of("user", Map.of("description", "signed")), key);

        Api.Response r = call.json(Map.of("user", Map.of("description", "tampered", "enabled", false))).send();

        assertError(r, 401, "APIGW.0301");
        JsonNode shown = api.get("/v3.0/OS-USER/users/" + user.id(), account.adminToken()).json().get("user");
        assertThat(shown.get("enabled").asBoolean()).isTrue();
        assertThat(shown.has("description") && shown.get("description").asString().equals("tampered")).isFalse();
    }

    @Test
    void signedRequestWhenBodyIntactThenControllerReadsIt() {
        TestAccount account = fixtures.newAccount();
        TestUser user = fixtures.newUser(account);
        AkSk.Key key = keyOf(account, account.ownerId());

        Api.Response r = AkSk.signed(api, "PUT", "/v3.0/OS-USER/users/" + user.id(),
                Map.of("user", Map.of("description", "signed é")), key).send();

        assertThat(r.status()).as(r.toString()).isEqualTo(200);
        assertThat(r.json().get("user").get("description").asString()).isEqualTo("signed é");
    }

    @Test
    void signedRequestWhenSdkDateStaleOrAheadOrMissingThenUnauthorized() {
        TestAccount account = fixtures.newAccount();
        AkSk.Key key = keyOf(account, account.ownerId());
        String path = "/v3.0/OS-USER/users/" + account.ownerId();
        Instant now = Instant.now();

        Api.Response stale = AkSk.signed(api, "GET", path, null, key,
                Map.of("X-Sdk-Date", SDK_DATE.format(now.minus(16, ChronoUnit.MINUTES)))).send();
        assertError(stale, 401, "APIGW.0301");
        assertThat(stale.json().get("error_msg").asString()).contains("X-Sdk-Date");
        assertError(AkSk.signed(api, "GET", path, null, key,
                Map.of("X-Sdk-Date", SDK_DATE.format(now.plus(16, ChronoUnit.MINUTES)))).send(), 401, "APIGW.0301");
        assertThat(AkSk.signed(api, "GET", path, null, key,
                Map.of("X-Sdk-Date", SDK_DATE.format(now.minus(10, ChronoUnit.MINUTES)))).send().status()).isEqualTo(200);
        assertError(AkSk.signed(api, "GET", path, null, key, Map.of("X-Sdk-Date", "yesterday")).send(), 401,
                "APIGW.0301");
    }

    @Test
    void signedRequestWhenAccessKeyUnknownThenUnauthorizedNamingIt() {
        Api.Response r = AkSk.signed(api, "GET", "/v3/users", null,
                AkSk.Key.permanent("NOSUCHACCESSKEY00000", "x".repeat(40))).send();

        assertError(r, 401, "APIGW.0301");
        assertThat(r.json().get("error_msg").asString()).contains("NOSUCHACCESSKEY00000").contains("not exist");
    }

    @Test
    void signedRequestWhenAuthorizationMalformedOrHeadersUnsignedThenUnauthorized() {
        assertError(api.call("GET", "/v3/users").header("Authorization", "SDK-HMAC-SHA256 Access=AK").send(), 401,
                "APIGW.0301");
        assertError(api.call("GET", "/v3/users").header("Authorization",
                "SDK-HMAC-SHA256 Access=AK, SignedHeaders=user-agent, Signature=" + "0".repeat(64))
                .header("X-Sdk-Date", SDK_DATE.format(Instant.now())).send(), 401, "APIGW.0301");
    }

    @Test
    void signedRequestWhenAlsoCarryingATokenThenUnauthorized() {
        TestAccount account = fixtures.newAccount();
        AkSk.Key key = keyOf(account, account.ownerId());

        assertError(AkSk.signed(api, "GET", "/v3/users", null, key).token(account.adminToken()).send(), 401,
                "IAM.0001");
    }

    @Test
    void signedRequestWhenKeyInactiveThenRefusedUntilActiveAgain() {
        TestAccount account = fixtures.newAccount();
        AkSk.Key key = keyOf(account, account.ownerId());
        String path = "/v3.0/OS-USER/users/" + account.ownerId();
        assertThat(api.put(KEYS + "/" + key.access(), account.adminToken(),
                Map.of("credential", Map.of("status", "inactive"))).status()).isEqualTo(200);

        Api.Response refused = AkSk.signed(api, "GET", path, null, key).send();
        assertError(refused, 400, "IAM.1107");
        assertThat(refused.json().get("error_msg").asString()).contains(key.access());

        api.put(KEYS + "/" + key.access(), account.adminToken(), Map.of("credential", Map.of("status", "active")));
        assertThat(AkSk.signed(api, "GET", path, null, key).send().status()).isEqualTo(200);
    }

    @Test
    void signedRequestWhenUserDisabledOrConsoleOnlyThenForbiddenWithItsCode() {
        TestAccount account = fixtures.newAccount();
        TestUser user = fixtures.newUser(account);
        AkSk.Key key = keyOf(account, user.id());
        String path = "/v3.0/OS-USER/users/" + user.id();

        api.put(path, account.adminToken(), Map.of("user", Map.of("enabled", false)));
        assertError(AkSk.signed(api, "GET", path, null, key).send(), 403, "IAM.0080");

        api.put(path, account.adminToken(), Map.of("user", Map.of("enabled", true, "access_mode", "console")));
        assertError(AkSk.signed(api, "GET", path, null, key).send(), 403, "IAM.0081");

        api.put(path, account.adminToken(), Map.of("user", Map.of("access_mode", "programmatic")));
        assertThat(AkSk.signed(api, "GET", path, null, key).send().status()).isEqualTo(200);
    }

    @Test
    void signedRequestWhenUserDeletedThenItsKeyIsUnknown() {
        TestAccount account = fixtures.newAccount();
        TestUser user = fixtures.newUser(account);
        AkSk.Key key = keyOf(account, user.id());
        assertThat(AkSk.signed(api, "GET", "/v3.0/OS-USER/users/" + user.id(), null, key).send().status())
                .isEqualTo(200);

        assertThat(api.delete("/v3/users/" + user.id(), account.adminToken()).status()).isEqualTo(204);

        assertError(AkSk.signed(api, "GET", "/v3.0/OS-USER/users/" + user.id(), null, key).send(), 401, "APIGW.0301");
    }

    @Test
    void signedQueryWhenSpacesAndReservedCharactersThenVerifiesAndFilters() {
        TestAccount account = fixtures.newAccount();
        String name = "Ann " + Fixtures.unique() + " o.k-x_y";
        api.post("/v3.0/OS-USER/users", account.adminToken(), Map.of("user", Map.of("name", name,
                "domain_id", account.id())));
        AkSk.Key key = keyOf(account, account.ownerId());

        Api.Response found = AkSk.signed(api, "GET", "/v3/users?name=" + encode(name) + "&enabled=true", null, key)
                .send();
        assertThat(found.status()).as(found.toString()).isEqualTo(200);
        assertThat(found.json().get("users")).hasSize(1);
        assertThat(found.json().get("users").get(0).get("name").asString()).isEqualTo(name);

        Api.Response reserved = AkSk.signed(api, "GET", "/v3/users?name=" + encode("a&b=c/d?e%f+g*h~i é"), null, key)
                .send();
        assertThat(reserved.status()).as(reserved.toString()).isEqualTo(200);
        assertThat(reserved.json().get("users")).isEmpty();
    }

    @Test
    void scopeWhenDomainAndProjectHeadersThenCallerScopedAndPathDomainChecked() {
        TestAccount account = fixtures.newAccount();
        TestAccount other = fixtures.newAccount();
        AkSk.Key key = keyOf(account, account.ownerId());
        String own = "/v3.0/OS-SECURITYPOLICY/domains/" + account.id() + "/password-policy";
        String foreign = "/v3.0/OS-SECURITYPOLICY/domains/" + other.id() + "/password-policy";

        assertThat(AkSk.signed(api, "GET", own, null, key, Map.of("X-Domain-Id", account.id())).send().status())
                .isEqualTo(200);
        assertError(AkSk.signed(api, "GET", foreign, null, key, Map.of("X-Domain-Id", account.id())).send(), 404,
                "IAM.0004");
        assertError(AkSk.signed(api, "GET", foreign, null, key, Map.of("X-Domain-Id", other.id())).send(), 401,
                "IAM.0001");
        assertError(AkSk.signed(api, "GET", own, null, key, Map.of("X-Project-Id", "0".repeat(32))).send(), 401,
                "IAM.0001");
    }

    @Test
    void apiAclWhenAddressNotAllowedThenSignedRequestRefusedAsTokenRequestIs() {
        TestAccount account = fixtures.newAccount();
        AkSk.Key key = keyOf(account, account.ownerId());
        Api.Response acl = api.call("PUT", "/v3.0/OS-SECURITYPOLICY/domains/" + account.id() + "/api-acl-policy")
                .token(account.adminToken()).header("X-Forwarded-For", "10.1.2.3")
                .json(Map.of("api_acl_policy", Map.of("allow_address_netmasks",
                        List.of(Map.of("address_netmask", "10.0.0.0/8"))))).send();
        assertThat(acl.status()).as(acl.toString()).isEqualTo(200);

        assertError(AkSk.signed(api, "GET", "/v3/users", null, key).send(), 403, "IAM.0002");
        assertThat(AkSk.signed(api, "GET", "/v3/users", null, key).header("X-Forwarded-For", "10.9.9.9").send()
                .status()).isEqualTo(200);
    }

    @Test
    void unsignedPayloadWhenBodyPresentThenRefused() {
        TestAccount account = fixtures.newAccount();
        TestUser user = fixtures.newUser(account);
        AkSk.Key key = keyOf(account, account.ownerId());

        assertError(AkSk.signed(api, "PUT", "/v3.0/OS-USER/users/" + user.id(), Map.of("user",
                Map.of("description", "x")), key, Map.of("X-Sdk-Content-Sha256", "UNSIGNED-PAYLOAD")).send(), 401,
                "APIGW.0301");
        assertThat(AkSk.signed(api, "GET", "/v3.0/OS-USER/users/" + user.id(), null, key,
                Map.of("X-Sdk-Content-Sha256", "UNSIGNED-PAYLOAD")).send().status()).isEqualTo(200);
    }

    // ---- temporary access keys ------------------------------------------------------------------

    @Test
    void temporaryKeyWhenIssuedByTokenThenSignsWithItsSecurityTokenForFifteenMinutes() {
        TestAccount account = fixtures.newAccount();
        TestUser user = fixtures.newUser(account);
        Instant before = Instant.now();

        Api.Response issued = api.post(TEMPORARY, fixtures.token(user), byToken(null));

        assertThat(issued.status()).as(issued.toString()).isEqualTo(201);
        JsonNode c = issued.json().get("credential");
        assertThat(c.get("access").asString()).matches("[A-Z0-9]{20}");
        assertThat(c.get("secret").asString()).matches("[A-Za-z0-9]{40}");
        Instant expires = Instant.parse(c.get("expires_at").asString());
        assertThat(expires).isBetween(before.plus(15, ChronoUnit.MINUTES).minusSeconds(1),
                Instant.now().plus(15, ChronoUnit.MINUTES).plusSeconds(1));
        AkSk.Key key = temporary(c);
        Api.Response shown = AkSk.signed(api, "GET", "/v3.0/OS-USER/users/" + user.id(), null, key).send();
        assertThat(shown.status()).as(shown.toString()).isEqualTo(200);

        // Without its security token the temporary access key is no key at all.
        assertError(AkSk.signed(api, "GET", "/v3.0/OS-USER/users/" + user.id(), null,
                AkSk.Key.permanent(key.access(), key.secret())).send(), 401, "APIGW.0301");
        // A security token is bound to its access key and cannot be altered.
        AkSk.Key other = temporary(api.post(TEMPORARY, fixtures.token(user), byToken(null)).json().get("credential"));
        assertError(AkSk.signed(api, "GET", "/v3.0/OS-USER/users/" + user.id(), null,
                new AkSk.Key(key.access(), key.secret(), other.securityToken())).send(), 401, "APIGW.0301");
        String token = key.securityToken();
        String altered = token.substring(0, token.length() - 2) + (token.endsWith("A") ? "BB" : "AA");
        assertError(AkSk.signed(api, "GET", "/v3.0/OS-USER/users/" + user.id(), null,
                new AkSk.Key(key.access(), key.secret(), altered)).send(), 401, "APIGW.0301");
        // It never appears again in a list of permanent keys.
        assertThat(api.get(KEYS, fixtures.token(user)).json().get("credentials")).isEmpty();
    }

    @Test
    void temporaryKeyWhenDurationGivenThenWithinItsBoundsOrRefused() {
        TestAccount account = fixtures.newAccount();
        String token = account.adminToken();

        Api.Response hour = api.post(TEMPORARY, token, byToken(3600));
        assertThat(hour.status()).isEqualTo(201);
        assertThat(Instant.parse(hour.json().get("credential").get("expires_at").asString()))
                .isAfter(Instant.now().plus(59, ChronoUnit.MINUTES));
        assertError(api.post(TEMPORARY, token, byToken(899)), 400, "IAM.0073");
        assertError(api.post(TEMPORARY, token, byToken(86401)), 400, "IAM.0073");
        assertError(api.post(TEMPORARY, token, Map.of("auth", Map.of("identity", Map.of("methods",
                List.of("password"))))), 400, "IAM.0007");
        assertError(api.post(TEMPORARY, token, Map.of("auth", Map.of("identity", Map.of("methods", List.of("token"),
                "policy", Map.of("Version", "1.1"))))), 400, "IAM.0007");
        assertError(api.post(TEMPORARY, token, Map.of("auth", Map.of("identity", Map.of("methods", List.of("token"),
                "token", Map.of("id", "another-token"))))), 400, "IAM.0007");
        assertError(api.post(TEMPORARY, token, Map.of()), 400, "IAM.0072");
        assertThat(api.post(TEMPORARY, token, Map.of("auth", Map.of("identity", Map.of("methods", List.of("token"),
                "token", Map.of("id", token))))).status()).isEqualTo(201);
    }

    @Test
    void temporaryKeyWhenUsersPasswordChangesOrTokenRevokedThenRevoked() {
        TestAccount account = fixtures.newAccount();
        TestUser user = fixtures.newUser(account);
        String path = "/v3.0/OS-USER/users/" + user.id();
        String token = fixtures.token(user);
        AkSk.Key fromToken = temporary(api.post(TEMPORARY, token, byToken(null)).json().get("credential"));
        String otherToken = fixtures.token(user);
        AkSk.Key fromOtherToken = temporary(api.post(TEMPORARY, otherToken, byToken(null)).json().get("credential"));
        assertThat(AkSk.signed(api, "GET", path, null, fromToken).send().status()).isEqualTo(200);

        assertThat(api.call("DELETE", "/v3/auth/tokens").token(otherToken).header("X-Subject-Token", otherToken)
                .send().status()).isEqualTo(204);
        assertError(AkSk.signed(api, "GET", path, null, fromOtherToken).send(), 401, "APIGW.0301");
        assertThat(AkSk.signed(api, "GET", path, null, fromToken).send().status()).isEqualTo(200);

        api.put(path, account.adminToken(), Map.of("user", Map.of("password", "Changed-Pass-987")));
        assertError(AkSk.signed(api, "GET", path, null, fromToken).send(), 401, "APIGW.0301");
    }

    @Test
    void temporaryKeyWhenIssuedByPermanentKeyThenDiesWithItAndCannotIssueAnother() {
        TestAccount account = fixtures.newAccount();
        AkSk.Key permanent = keyOf(account, account.ownerId());
        String path = "/v3.0/OS-USER/users/" + account.ownerId();
        Api.Response issued = AkSk.signed(api, "POST", TEMPORARY, byToken(900), permanent).send();
        assertThat(issued.status()).as(issued.toString()).isEqualTo(201);
        AkSk.Key temp = temporary(issued.json().get("credential"));
        assertThat(AkSk.signed(api, "GET", path, null, temp).send().status()).isEqualTo(200);

        assertError(AkSk.signed(api, "POST", TEMPORARY, byToken(900), temp).send(), 403, "IAM.0002");

        api.delete(KEYS + "/" + permanent.access(), account.adminToken());
        assertError(AkSk.signed(api, "GET", path, null, temp).send(), 401, "APIGW.0301");
    }

    @Test
    void temporaryKeyWhenUserDisabledThenForbidden() {
        TestAccount account = fixtures.newAccount();
        TestUser user = fixtures.newUser(account);
        AkSk.Key temp = temporary(api.post(TEMPORARY, fixtures.token(user), byToken(null)).json().get("credential"));
        api.put("/v3.0/OS-USER/users/" + user.id(), account.adminToken(), Map.of("user", Map.of("enabled", false)));
        api.put("/v3.0/OS-USER/users/" + user.id(), account.adminToken(), Map.of("user", Map.of("enabled", true)));

        // Disabling revoked everything issued before; the key stays dead after the user is enabled again.
        assertError(AkSk.signed(api, "GET", "/v3.0/OS-USER/users/" + user.id(), null, temp).send(), 401,
                "APIGW.0301");
    }

    static Map<String, Object> byToken(Integer durationSeconds) {
        Map<String, Object> token = durationSeconds == null ? Map.of() : Map.of("duration_seconds", durationSeconds);
        return Map.of("auth", Map.of("identity", Map.of("methods", List.of("token"), "token", token)));
    }

    static AkSk.Key temporary(JsonNode credential) {
        return new AkSk.Key(credential.get("access").asString(), credential.get("secret").asString(),
                credential.get("securitytoken").asString());
    }

    private AkSk.Key keyOf(TestAccount account, String userId) {
        Api.Response r = api.post(KEYS, account.adminToken(), create(userId));
        assertThat(r.status()).as(r.toString()).isEqualTo(201);
        JsonNode c = r.json().get("credential");
        return AkSk.Key.permanent(c.get("access").asString(), c.get("secret").asString());
    }

    private static String encode(String value) {
        return java.net.URLEncoder.encode(value, java.nio.charset.StandardCharsets.UTF_8).replace("+", "%20");
    }
}
