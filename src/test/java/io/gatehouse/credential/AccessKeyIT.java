package io.gatehouse.credential;

import static org.assertj.core.api.Assertions.assertThat;

import io.gatehouse.testsupport.AkSk;
import io.gatehouse.testsupport.Api;
import io.gatehouse.testsupport.Fixtures.TestAccount;
import io.gatehouse.testsupport.Fixtures.TestUser;
import io.gatehouse.testsupport.Grants;
import io.gatehouse.testsupport.IntegrationTest;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.logging.LogLevel;
import org.springframework.boot.logging.LoggingSystem;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.jdbc.core.simple.JdbcClient;
import tools.jackson.databind.JsonNode;

/** The permanent access keys of {@code /v3.0/OS-CREDENTIAL/credentials}, through HTTP. */
@ExtendWith(OutputCaptureExtension.class)
class AccessKeyIT extends IntegrationTest {

    private static final String BASE = "/v3.0/OS-CREDENTIAL/credentials";
    private static final String TIME = "\\d{4}-\\d\\d-\\d\\dT\\d\\d:\\d\\d:\\d\\d\\.\\d{6}Z";

    @Autowired
    JdbcClient jdbc;

    @Autowired
    LastUseRecorder lastUse;

    @Autowired
    LoggingSystem logging;

    @Autowired
    Grants grants;

    @Test
    void createWhenUserForItselfThenCreatedWithSecretShownOnceAndSealedAtRest() {
        TestAccount account = fixtures.newAccount();
        TestUser user = fixtures.newUser(account);
        String token = fixtures.token(user);

        Api.Response created = api.post(BASE, token, Map.of("credential", Map.of("user_id", user.id(),
                "description", "for the CI")));

        assertThat(created.status()).as(created.toString()).isEqualTo(201);
        JsonNode c = created.json().get("credential");
        String ak = c.get("access").asString();
        String sk = c.get("secret").asString();
        assertThat(ak).matches("[A-Z0-9]{20}");
        assertThat(sk).matches("[A-Za-z0-9]{40}");
        assertThat(c.get("status").asString()).isEqualTo("active");
        assertThat(c.get("user_id").asString()).isEqualTo(user.id());
        assertThat(c.get("description").asString()).isEqualTo("for the CI");
        assertThat(c.get("create_time").asString()).matches(TIME);

        Api.Response shown = api.get(BASE + "/" + ak, token);
        assertThat(shown.status()).isEqualTo(200);
        assertThat(shown.json().get("credential").get("last_use_time").asString())
                .isEqualTo(c.get("create_time").asString());
        Api.Response listed = api.get(BASE, token);
        assertThat(listed.json().get("credentials")).hasSize(1);
        assertThat(listed.json().get("credentials").get(0).get("access").asString()).isEqualTo(ak);
        for (Api.Response r : List.of(shown, listed)) {
            assertThat(r.text()).doesNotContain(sk).doesNotContain("\"secret\"");
        }

        String stored = jdbc.sql("SELECT secret_enc FROM access_key WHERE access_key = :ak").param("ak", ak)
                .query(String.class).single();
        assertThat(stored).startsWith("v1.").doesNotContain(sk);
        assertThat(afterSealing(jdbc).sql("SELECT COUNT(*) FROM operation_log WHERE operation = 'iam:credentials:createCredential' "
                + "AND resource_id = :ak AND actor_id = :user AND result = 'success'").param("ak", ak)
                .param("user", user.id()).query(Integer.class).single()).isEqualTo(1);
    }

    @Test
    void secretWhenCreatedAndUsedWithEverythingLoggedThenNeverInTheLog(CapturedOutput output) {
        TestAccount account = fixtures.newAccount();
        logging.setLogLevel("io.gatehouse", LogLevel.TRACE);
        logging.setLogLevel("org.springframework.web", LogLevel.TRACE);
        try {
            JsonNode c = api.post(BASE, account.adminToken(), Map.of("credential", Map.of("user_id",
                    account.ownerId()))).json().get("credential");
            String sk = c.get("secret").asString();
            AkSk.Key key = AkSk.Key.permanent(c.get("access").asString(), sk);
            assertThat(AkSk.signed(api, "GET", "/v3.0/OS-USER/users/" + account.ownerId(), null, key).send().status())
                    .isEqualTo(200);
            JsonNode t = api.post("/v3.0/OS-CREDENTIAL/securitytokens", account.adminToken(), Map.of("auth",
                    Map.of("identity", Map.of("methods", List.of("token"))))).json().get("credential");

            assertThat(output.getAll()).contains("OS-CREDENTIAL").doesNotContain(sk)
                    .doesNotContain(t.get("secret").asString());
        } finally {
            logging.setLogLevel("io.gatehouse", null);
            logging.setLogLevel("org.springframework.web", null);
        }
    }

    @Test
    void createWhenUserHasTwoKeysThenConflictAndNoThird() {
        TestAccount account = fixtures.newAccount();
        TestUser user = fixtures.newUser(account);
        for (int i = 0; i < 2; i++) {
            assertThat(api.post(BASE, account.adminToken(), create(user.id())).status()).isEqualTo(201);
        }

        Api.Response third = api.post(BASE, account.adminToken(), create(user.id()));

        assertThat(third.status()).as(third.toString()).isEqualTo(409);
        assertThat(third.errorCode()).isEqualTo("IAM.0005");
        assertThat(api.get(BASE + "?user_id=" + user.id(), account.adminToken()).json().get("credentials")).hasSize(2);
    }

    @Test
    void updateAndDeleteWhenOwnerThenChangedThenGone() {
        TestAccount account = fixtures.newAccount();
        TestUser user = fixtures.newUser(account);
        String token = fixtures.token(user);
        String ak = api.post(BASE, token, create(user.id())).json().get("credential").get("access").asString();

        Api.Response updated = api.put(BASE + "/" + ak, token, Map.of("credential", Map.of("status", "inactive",
                "description", "paused")));
        assertThat(updated.status()).as(updated.toString()).isEqualTo(200);
        assertThat(updated.json().get("credential").get("status").asString()).isEqualTo("inactive");
        assertThat(updated.json().get("credential").get("description").asString()).isEqualTo("paused");
        assertThat(api.get(BASE + "/" + ak, token).json().get("credential").get("status").asString())
                .isEqualTo("inactive");

        assertThat(api.delete(BASE + "/" + ak, token).status()).isEqualTo(204);
        Api.Response gone = api.get(BASE + "/" + ak, token);
        assertThat(gone.status()).isEqualTo(404);
        assertThat(gone.errorCode()).isEqualTo("IAM.0004");
    }

    @Test
    void requestsWhenInputInvalidThenBadRequestAndNothingWritten() {
        TestAccount account = fixtures.newAccount();
        String admin = account.adminToken();
        String owner = account.ownerId();
        assertError(api.post(BASE, admin, Map.of()), 400, "IAM.0072");
        assertError(api.post(BASE, admin, Map.of("credential", Map.of("description", "x"))), 400, "IAM.0072");
        assertError(api.post(BASE, admin, Map.of("credential", Map.of("user_id", owner, "description",
                "x".repeat(256)))), 400, "IAM.0073");
        assertError(api.post(BASE, admin, Map.of("credential", Map.of("user_id", owner, "description", "a\nb"))),
                400, "IAM.0073");
        assertError(api.post(BASE, admin, Map.of("credential", Map.of("user_id", owner, "extra", 1))), 400,
                "IAM.0007");
        assertError(api.post(BASE, admin, "{not json"), 400, "IAM.0011");
        assertThat(api.get(BASE, admin).json().get("credentials")).isEmpty();

        String ak = api.post(BASE, admin, create(owner)).json().get("credential").get("access").asString();
        assertError(api.put(BASE + "/" + ak, admin, Map.of("credential", Map.of("status", "paused"))), 400,
                "IAM.0073");
        assertError(api.put(BASE + "/" + ak, admin, Map.of("credential", Map.of())), 400, "1100");
        assertError(api.put(BASE + "/" + ak, admin, Map.of()), 400, "IAM.0072");
        assertThat(api.get(BASE + "/" + ak, admin).json().get("credential").get("status").asString())
                .isEqualTo("active");
        assertError(api.get(BASE + "/NOSUCHKEY00000000000", admin), 404, "IAM.0004");
    }

    @Test
    void everyEndpointWhenNoTokenThenUnauthorized() {
        assertError(api.post(BASE, null, create("u")), 401, "IAM.0001");
        assertError(api.get(BASE, null), 401, "IAM.0001");
        assertError(api.get(BASE + "/AK", null), 401, "IAM.0001");
        assertError(api.put(BASE + "/AK", null, Map.of("credential", Map.of("status", "active"))), 401, "IAM.0001");
        assertError(api.delete(BASE + "/AK", null), 401, "IAM.0001");
        assertError(api.post("/v3.0/OS-CREDENTIAL/securitytokens", null, Map.of()), 401, "IAM.0001");
    }

    @Test
    void plainUserWhenOtherUsersKeysThenForbiddenAndUntouched() {
        TestAccount account = fixtures.newAccount();
        TestUser alice = fixtures.newUser(account);
        TestUser bob = fixtures.newUser(account);
        String bobToken = fixtures.token(bob);
        String ak = api.post(BASE, account.adminToken(), create(alice.id())).json().get("credential").get("access")
                .asString();

        assertError(api.post(BASE, bobToken, create(alice.id())), 403, "IAM.0003");
        assertError(api.get(BASE + "?user_id=" + alice.id(), bobToken), 403, "IAM.0003");
        assertError(api.get(BASE + "/" + ak, bobToken), 403, "IAM.0003");
        assertError(api.put(BASE + "/" + ak, bobToken, Map.of("credential", Map.of("status", "inactive"))), 403,
                "IAM.0003");
        assertError(api.delete(BASE + "/" + ak, bobToken), 403, "IAM.0003");

        JsonNode listed = api.get(BASE + "?user_id=" + alice.id(), account.adminToken()).json().get("credentials");
        assertThat(listed).hasSize(1);
        assertThat(listed.get(0).get("status").asString()).isEqualTo("active");
        assertThat(api.get(BASE, bobToken).json().get("credentials")).isEmpty();
    }

    @Test
    void grantedUserWhenOtherUsersKeysThenWhatItsPoliciesAllow() {
        TestAccount account = fixtures.newAccount();
        TestUser alice = fixtures.newUser(account);
        TestUser reader = fixtures.newUser(account);
        grants.onAccount(reader, Grants.IAM_READ_ONLY_ACCESS);
        TestUser keeper = fixtures.newUser(account);
        grants.onAccount(keeper, Grants.SECURITY_ADMINISTRATOR);
        String readerToken = fixtures.token(reader);
        String ak = api.post(BASE, account.adminToken(), create(alice.id())).json().get("credential").get("access")
                .asString();

        assertThat(api.get(BASE + "?user_id=" + alice.id(), readerToken).json().get("credentials")).hasSize(1);
        assertThat(api.get(BASE + "/" + ak, readerToken).json().get("credential").get("user_id").asString())
                .isEqualTo(alice.id());
        assertError(api.put(BASE + "/" + ak, readerToken, Map.of("credential", Map.of("status", "inactive"))), 403,
                "IAM.0003");
        assertError(api.delete(BASE + "/" + ak, readerToken), 403, "IAM.0003");

        String keeperToken = fixtures.token(keeper);
        assertThat(api.put(BASE + "/" + ak, keeperToken, Map.of("credential", Map.of("status", "inactive")))
                .status()).isEqualTo(200);
        assertThat(api.delete(BASE + "/" + ak, keeperToken).status()).isEqualTo(204);
        assertThat(api.get(BASE + "?user_id=" + alice.id(), account.adminToken()).json().get("credentials")).isEmpty();
    }

    @Test
    void otherAccountsAdminWhenKeysOrUsersOfThisAccountThenNotFound() {
        TestAccount account = fixtures.newAccount();
        TestAccount other = fixtures.newAccount();
        TestUser alice = fixtures.newUser(account);
        String ak = api.post(BASE, account.adminToken(), create(alice.id())).json().get("credential").get("access")
                .asString();
        String stranger = other.adminToken();

        assertError(api.post(BASE, stranger, create(alice.id())), 404, "IAM.0004");
        assertError(api.get(BASE + "?user_id=" + alice.id(), stranger), 404, "IAM.0004");
        assertError(api.get(BASE + "/" + ak, stranger), 404, "IAM.0004");
        assertError(api.put(BASE + "/" + ak, stranger, Map.of("credential", Map.of("status", "inactive"))), 404,
                "IAM.0004");
        assertError(api.delete(BASE + "/" + ak, stranger), 404, "IAM.0004");
        assertThat(api.get(BASE + "/" + ak, account.adminToken()).json().get("credential").get("status").asString())
                .isEqualTo("active");
    }

    @Test
    void ownKeysWhenProtectPolicyForbidsManagingThemThenUserRefusedAndAdministratorAllowed() {
        TestAccount account = fixtures.newAccount();
        TestUser user = fixtures.newUser(account);
        String token = fixtures.token(user);
        String ak = api.post(BASE, token, create(user.id())).json().get("credential").get("access").asString();
        Api.Response policy = api.put("/v3.0/OS-SECURITYPOLICY/domains/" + account.id() + "/protect-policy",
                account.adminToken(), Map.of("protect_policy", Map.of("operation_protection", false,
                        "allow_user", Map.of("manage_accesskey", false))));
        assertThat(policy.status()).as(policy.toString()).isEqualTo(200);

        assertError(api.post(BASE, token, create(user.id())), 403, "IAM.0003");
        assertError(api.put(BASE + "/" + ak, token, Map.of("credential", Map.of("status", "inactive"))), 403,
                "IAM.0003");
        assertError(api.delete(BASE + "/" + ak, token), 403, "IAM.0003");
        assertThat(api.get(BASE, token).json().get("credentials")).hasSize(1);
        assertThat(api.get(BASE + "/" + ak, token).status()).isEqualTo(200);

        assertThat(api.post(BASE, account.adminToken(), create(user.id())).status()).isEqualTo(201);
        assertThat(api.delete(BASE + "/" + ak, account.adminToken()).status()).isEqualTo(204);
    }

    @Test
    void createWhenOperationProtectionOnAndNoVerificationThenRefused() {
        TestAccount account = fixtures.newAccount();
        Api.Response on = api.put("/v3.0/OS-SECURITYPOLICY/domains/" + account.id() + "/protect-policy",
                account.adminToken(), Map.of("protect_policy", Map.of("operation_protection", true)));
        assertThat(on.status()).as(on.toString()).isEqualTo(200);

        assertError(api.post(BASE, account.adminToken(), create(account.ownerId())), 403, "IAM.0002");
        assertThat(api.get(BASE, account.adminToken()).json().get("credentials")).isEmpty();
    }

    @Test
    void lastUseTimeWhenKeySignedARequestThenRecordedAtTheNextFlush() {
        TestAccount account = fixtures.newAccount();
        JsonNode c = api.post(BASE, account.adminToken(), create(account.ownerId())).json().get("credential");
        String ak = c.get("access").asString();
        AkSk.Key key = AkSk.Key.permanent(ak, c.get("secret").asString());
        assertThat(jdbc.sql("SELECT last_use_time FROM access_key WHERE access_key = :ak").param("ak", ak)
                .query(java.time.OffsetDateTime.class).optional()).isEmpty();

        assertThat(AkSk.signed(api, "GET", "/v3.0/OS-USER/users/" + account.ownerId(), null, key).send().status())
                .isEqualTo(200);
        lastUse.flush();

        assertThat(jdbc.sql("SELECT last_use_time FROM access_key WHERE access_key = :ak").param("ak", ak)
                .query(java.time.OffsetDateTime.class).optional()).isPresent();
        String lastUsed = api.get(BASE + "/" + ak, account.adminToken()).json().get("credential").get("last_use_time")
                .asString();
        assertThat(lastUsed).matches(TIME).isGreaterThan(c.get("create_time").asString());
    }

    static Map<String, Object> create(String userId) {
        return Map.of("credential", Map.of("user_id", userId));
    }

    static void assertError(Api.Response r, int status, String code) {
        assertThat(r.status()).as(r.toString()).isEqualTo(status);
        assertThat(r.errorCode()).as(r.toString()).isEqualTo(code);
    }
}
