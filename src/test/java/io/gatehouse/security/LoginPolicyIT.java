package io.gatehouse.security;

import static org.assertj.core.api.Assertions.assertThat;

import com.huaweicloud.sdk.core.http.HttpConfig;
import com.huaweicloud.sdk.iam.v3.IAMCredentials;
import com.huaweicloud.sdk.iam.v3.IamClient;
import com.huaweicloud.sdk.iam.v3.model.AuthScope;
import com.huaweicloud.sdk.iam.v3.model.AuthScopeDomain;
import com.huaweicloud.sdk.iam.v3.model.KeystoneCreateUserTokenByPasswordRequest;
import com.huaweicloud.sdk.iam.v3.model.KeystoneCreateUserTokenByPasswordRequestBody;
import com.huaweicloud.sdk.iam.v3.model.KeystoneCreateUserTokenByPasswordResponse;
import com.huaweicloud.sdk.iam.v3.model.LoginPolicyOption;
import com.huaweicloud.sdk.iam.v3.model.LoginPolicyResult;
import com.huaweicloud.sdk.iam.v3.model.PwdAuth;
import com.huaweicloud.sdk.iam.v3.model.PwdIdentity;
import com.huaweicloud.sdk.iam.v3.model.PwdPassword;
import com.huaweicloud.sdk.iam.v3.model.PwdPasswordUser;
import com.huaweicloud.sdk.iam.v3.model.PwdPasswordUserDomain;
import com.huaweicloud.sdk.iam.v3.model.ShowDomainLoginPolicyRequest;
import com.huaweicloud.sdk.iam.v3.model.UpdateDomainLoginPolicyRequest;
import com.huaweicloud.sdk.iam.v3.model.UpdateDomainLoginPolicyRequestBody;
import io.gatehouse.testsupport.Api;
import io.gatehouse.testsupport.Fixtures;
import io.gatehouse.testsupport.Fixtures.TestAccount;
import io.gatehouse.testsupport.IntegrationTest;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import tools.jackson.databind.JsonNode;

/** {@code GET|PUT /v3.0/OS-SECURITYPOLICY/domains/{domain_id}/login-policy}. */
class LoginPolicyIT extends IntegrationTest {

    @Autowired
    JdbcClient jdbc;

    @Test
    void showWhenNeverSetThenHuaweiDefaults() {
        TestAccount a = fixtures.newAccount();

        Api.Response r = api.get(path(a), a.adminToken());

        assertThat(r.status()).as(r.toString()).isEqualTo(200);
        assertThat(r.json().propertyNames()).containsExactly("login_policy");
        JsonNode p = r.json().get("login_policy");
        assertThat(p.propertyNames()).containsExactlyInAnyOrder("session_timeout", "period_with_login_failures",
                "login_failed_times", "lockout_duration", "account_validity_period", "show_recent_login_info",
                "custom_info_for_login");
        assertThat(p.get("session_timeout").isInt()).isTrue();
        assertThat(p.get("session_timeout").asInt()).isEqualTo(60);
        assertThat(p.get("period_with_login_failures").asInt()).isEqualTo(15);
        assertThat(p.get("login_failed_times").asInt()).isEqualTo(5);
        assertThat(p.get("lockout_duration").asInt()).isEqualTo(15);
        assertThat(p.get("account_validity_period").asInt()).isEqualTo(0);
        assertThat(p.get("show_recent_login_info").isBoolean()).isTrue();
        assertThat(p.get("show_recent_login_info").asBoolean()).isFalse();
        assertThat(p.get("custom_info_for_login").asString()).isEmpty();
    }

    @Test
    void updateWhenPartialThenOnlyGivenFieldsChangeAndShowAgrees() {
        TestAccount a = fixtures.newAccount();

        Api.Response r = api.put(path(a), a.adminToken(), body(Map.of("login_failed_times", 3,
                "custom_info_for_login", "Authorized use only.")));

        assertThat(r.status()).as(r.toString()).isEqualTo(200);
        JsonNode p = r.json().get("login_policy");
        assertThat(p.get("login_failed_times").asInt()).isEqualTo(3);
        assertThat(p.get("custom_info_for_login").asString()).isEqualTo("Authorized use only.");
        assertThat(p.get("session_timeout").asInt()).isEqualTo(60);
        assertThat(p.get("lockout_duration").asInt()).isEqualTo(15);
        Api.Response second = api.put(path(a), a.adminToken(), body(Map.of("show_recent_login_info", true)));
        assertThat(second.json().get("login_policy").get("login_failed_times").asInt()).isEqualTo(3);
        assertThat(second.json().get("login_policy").get("show_recent_login_info").asBoolean()).isTrue();
        assertThat(api.get(path(a), a.adminToken()).json()).isEqualTo(second.json());
    }

    @Test
    void updateWhenEmptyPolicyThenNothingChanges() {
        TestAccount a = fixtures.newAccount();
        JsonNode before = api.get(path(a), a.adminToken()).json();

        Api.Response r = api.put(path(a), a.adminToken(), body(Map.of()));

        assertThat(r.status()).as(r.toString()).isEqualTo(200);
        assertThat(r.json()).isEqualTo(before);
    }

    @ParameterizedTest
    @CsvSource({"session_timeout,15,1440", "period_with_login_failures,15,60", "login_failed_times,3,10",
            "lockout_duration,15,30", "account_validity_period,0,240"})
    void updateWhenFieldAtEitherBoundThenStored(String field, int min, int max) {
        TestAccount a = fixtures.newAccount();

        Api.Response low = api.put(path(a), a.adminToken(), body(Map.of(field, min)));
        assertThat(low.status()).as(low.toString()).isEqualTo(200);
        assertThat(api.get(path(a), a.adminToken()).json().get("login_policy").get(field).asInt()).isEqualTo(min);

        Api.Response high = api.put(path(a), a.adminToken(), body(Map.of(field, max)));
        assertThat(high.status()).as(high.toString()).isEqualTo(200);
        assertThat(api.get(path(a), a.adminToken()).json().get("login_policy").get(field).asInt()).isEqualTo(max);
    }

    @ParameterizedTest
    @CsvSource({"session_timeout,14", "session_timeout,1441", "period_with_login_failures,14",
            "period_with_login_failures,61", "login_failed_times,2", "login_failed_times,11", "lockout_duration,14",
            "lockout_duration,31", "account_validity_period,-1", "account_validity_period,241"})
    void updateWhenFieldOutOfRangeThen400Iam0073AndNothingChanged(String field, int value) {
        TestAccount a = fixtures.newAccount();
        JsonNode before = api.get(path(a), a.adminToken()).json();

        // A valid change in the same request must not be kept either.
        Api.Response r = api.put(path(a), a.adminToken(), body(Map.of(field, value, "show_recent_login_info", true)));

        assertRefused(r, 400, "IAM.0073");
        assertThat(r.json().get("error_msg").asString()).contains(field).doesNotContain("The value is");
        assertThat(api.get(path(a), a.adminToken()).json()).isEqualTo(before);
    }

    @Test
    void updateWhenNumberIsStringOrFractionThen400Iam0073() {
        TestAccount a = fixtures.newAccount();

        assertRefused(api.put(path(a), a.adminToken(), body(Map.of("session_timeout", "60"))), 400, "IAM.0073");
        assertRefused(api.put(path(a), a.adminToken(), "{\"login_policy\":{\"session_timeout\":60.5}}"), 400,
                "IAM.0073");
        assertRefused(api.put(path(a), a.adminToken(), body(Map.of("show_recent_login_info", "true"))), 400,
                "IAM.0073");
        assertRefused(api.put(path(a), a.adminToken(), body(Map.of("custom_info_for_login", 5))), 400, "IAM.0073");
        assertRefused(api.put(path(a), a.adminToken(), "{\"login_policy\":{\"login_failed_times\":99999999999}}"),
                400, "IAM.0073");
    }

    @Test
    void updateWhenCustomInfoAtMost64CharactersThenStoredElse400() {
        TestAccount a = fixtures.newAccount();
        // 64 characters, two of them outside the BMP: characters, not UTF-16 units, are counted.
        String longest = "\uD83D\uDD12".repeat(2) + "x".repeat(62);

        Api.Response ok = api.put(path(a), a.adminToken(), body(Map.of("custom_info_for_login", longest)));
        Api.Response tooLong = api.put(path(a), a.adminToken(), body(Map.of("custom_info_for_login", "y".repeat(65))));

        assertThat(ok.status()).as(ok.toString()).isEqualTo(200);
        assertThat(ok.json().get("login_policy").get("custom_info_for_login").asString()).isEqualTo(longest);
        assertRefused(tooLong, 400, "IAM.0073");
        assertThat(tooLong.json().get("error_msg").asString()).contains("custom_info_for_login").contains("64");
        assertThat(api.get(path(a), a.adminToken()).json().get("login_policy").get("custom_info_for_login")
                .asString()).isEqualTo(longest);
    }

    @ParameterizedTest
    @ValueSource(strings = {"<b>Welcome</b>", "Tom & Jerry", "line\nbreak", "bell\u0007", "x>y"})
    void updateWhenCustomInfoHasMarkupOrControlCharactersThen400Iam0073(String info) {
        TestAccount a = fixtures.newAccount();

        Api.Response r = api.put(path(a), a.adminToken(), body(Map.of("custom_info_for_login", info)));

        assertRefused(r, 400, "IAM.0073");
        assertThat(r.json().get("error_msg").asString()).contains("custom_info_for_login");
        assertThat(api.get(path(a), a.adminToken()).json().get("login_policy").get("custom_info_for_login")
                .asString()).isEmpty();
    }

    @Test
    void updateWhenCustomInfoEmptyThenCleared() {
        TestAccount a = fixtures.newAccount();
        api.put(path(a), a.adminToken(), body(Map.of("custom_info_for_login", "Hello")));

        Api.Response r = api.put(path(a), a.adminToken(), body(Map.of("custom_info_for_login", "")));

        assertThat(r.status()).isEqualTo(200);
        assertThat(r.json().get("login_policy").get("custom_info_for_login").asString()).isEmpty();
    }

    @Test
    void updateWhenUnknownMemberThen400Iam0007() {
        TestAccount a = fixtures.newAccount();

        Api.Response r = api.put(path(a), a.adminToken(), body(Map.of("session_timeout", 30, "max_sessions", 3)));

        assertRefused(r, 400, "IAM.0007");
        assertThat(api.get(path(a), a.adminToken()).json().get("login_policy").get("session_timeout").asInt())
                .isEqualTo(60);
    }

    @Test
    void updateWhenLoginPolicyMissingThen400Iam0072() {
        TestAccount a = fixtures.newAccount();

        assertRefused(api.put(path(a), a.adminToken(), "{}"), 400, "IAM.0072");
    }

    @Test
    void showAndUpdateWhenPlainUserThen403Iam0003() {
        TestAccount a = fixtures.newAccount();
        String userToken = fixtures.token(fixtures.newUser(a));

        assertRefused(api.get(path(a), userToken), 403, "IAM.0003");
        assertRefused(api.put(path(a), userToken, body(Map.of("login_failed_times", 10))), 403, "IAM.0003");
        assertThat(api.get(path(a), a.adminToken()).json().get("login_policy").get("login_failed_times").asInt())
                .isEqualTo(5);
    }

    @Test
    void showAndUpdateWhenAnotherAccountsDomainThen404Iam0004() {
        TestAccount a = fixtures.newAccount();
        TestAccount b = fixtures.newAccount();

        assertRefused(api.get(path(a), b.adminToken()), 404, "IAM.0004");
        assertRefused(api.put(path(a), b.adminToken(), body(Map.of("login_failed_times", 10))), 404, "IAM.0004");
        assertRefused(api.get("/v3.0/OS-SECURITYPOLICY/domains/" + "0".repeat(32) + "/login-policy", a.adminToken()),
                404, "IAM.0004");
        assertThat(api.get(path(a), a.adminToken()).json().get("login_policy").get("login_failed_times").asInt())
                .isEqualTo(5);
    }

    @Test
    void updateWhenDoneThenOneOperationLogRecord() {
        TestAccount a = fixtures.newAccount();

        api.put(path(a), a.adminToken(), body(Map.of("lockout_duration", 20)));
        api.put(path(a), a.adminToken(), body(Map.of("lockout_duration", 99)));

        List<Map<String, Object>> rows = afterSealing(jdbc).sql("SELECT operation, resource_type, resource_id, result, actor_id "
                + "FROM operation_log WHERE domain_id = :d AND operation = 'iam:securitypolicies:updateLoginPolicy' "
                + "ORDER BY id").param("d", a.id()).query().listOfRows();
        assertThat(rows).hasSize(2);
        assertThat(rows.get(0).get("result")).isEqualTo("success");
        assertThat(rows.get(0).get("resource_type")).isEqualTo("login_policy");
        assertThat(rows.get(0).get("resource_id")).isEqualTo(a.id());
        assertThat(rows.get(0).get("actor_id")).isEqualTo(a.ownerId());
        assertThat(rows.get(1).get("result")).isEqualTo("failure");
    }

    @Test
    void updateWhenConcurrentPartialUpdatesThenNoneIsLost() throws Exception {
        TestAccount a = fixtures.newAccount();
        List<Map<String, Object>> changes = List.of(Map.of("session_timeout", 100), Map.of("login_failed_times", 7),
                Map.of("lockout_duration", 25), Map.of("account_validity_period", 90),
                Map.of("period_with_login_failures", 45), Map.of("show_recent_login_info", true),
                Map.of("custom_info_for_login", "All at once"));
        ExecutorService pool = Executors.newFixedThreadPool(changes.size());
        try {
            List<Future<Api.Response>> sent = new ArrayList<>();
            for (Map<String, Object> change : changes) {
                sent.add(pool.submit(() -> api.put(path(a), a.adminToken(), body(change))));
            }
            for (Future<Api.Response> f : sent) {
                assertThat(f.get().status()).as(f.get().toString()).isEqualTo(200);
            }
        } finally {
            pool.shutdownNow();
        }

        JsonNode p = api.get(path(a), a.adminToken()).json().get("login_policy");
        assertThat(p.get("session_timeout").asInt()).isEqualTo(100);
        assertThat(p.get("login_failed_times").asInt()).isEqualTo(7);
        assertThat(p.get("lockout_duration").asInt()).isEqualTo(25);
        assertThat(p.get("account_validity_period").asInt()).isEqualTo(90);
        assertThat(p.get("period_with_login_failures").asInt()).isEqualTo(45);
        assertThat(p.get("show_recent_login_info").asBoolean()).isTrue();
        assertThat(p.get("custom_info_for_login").asString()).isEqualTo("All at once");
    }

    @Test
    void sdkWhenShowAndUpdateThenFieldsRoundTripAndSignInReadsLoginInfoBody() {
        TestAccount a = fixtures.newAccount();
        IamClient client = sdk(a.adminToken());

        LoginPolicyResult updated = client.updateDomainLoginPolicy(new UpdateDomainLoginPolicyRequest()
                .withDomainId(a.id()).withBody(new UpdateDomainLoginPolicyRequestBody().withLoginPolicy(
                        new LoginPolicyOption().withLoginFailedTimes(4).withLockoutDuration(30)
                                .withShowRecentLoginInfo(true).withCustomInfoForLogin("Hello from the SDK"))))
                .getLoginPolicy();
        // The token answer now carries token.login_info, which the SDK must still read.
        KeystoneCreateUserTokenByPasswordResponse signedIn = sdk(null).keystoneCreateUserTokenByPassword(
                new KeystoneCreateUserTokenByPasswordRequest().withBody(new KeystoneCreateUserTokenByPasswordRequestBody()
                        .withAuth(new PwdAuth().withIdentity(new PwdIdentity()
                                .withMethods(List.of(PwdIdentity.MethodsEnum.PASSWORD))
                                .withPassword(new PwdPassword().withUser(new PwdPasswordUser().withName("owner")
                                        .withPassword(Fixtures.OWNER_PASSWORD)
                                        .withDomain(new PwdPasswordUserDomain().withName(a.name())))))
                                .withScope(new AuthScope().withDomain(new AuthScopeDomain().withName(a.name()))))));
        assertThat(signedIn.getXSubjectToken()).isNotBlank();
        assertThat(signedIn.getToken().getUser().getId()).isEqualTo(a.ownerId());
        LoginPolicyResult shown = client.showDomainLoginPolicy(new ShowDomainLoginPolicyRequest().withDomainId(a.id()))
                .getLoginPolicy();

        assertThat(updated.getLoginFailedTimes()).isEqualTo(4);
        assertThat(shown.getLoginFailedTimes()).isEqualTo(4);
        assertThat(shown.getLockoutDuration()).isEqualTo(30);
        assertThat(shown.getSessionTimeout()).isEqualTo(60);
        assertThat(shown.getPeriodWithLoginFailures()).isEqualTo(15);
        assertThat(shown.getAccountValidityPeriod()).isZero();
        assertThat(shown.getShowRecentLoginInfo()).isTrue();
        assertThat(shown.getCustomInfoForLogin()).isEqualTo("Hello from the SDK");
    }

    private IamClient sdk(String token) {
        return IamClient.newBuilder().withCredential(new IAMCredentials().withXAuthToken(token))
                .withEndpoints(List.of("http://127.0.0.1:" + port))
                .withHttpConfig(HttpConfig.getDefaultHttpConfig().withIgnoreSSLVerification(true)).build();
    }

    private static String path(TestAccount a) {
        return "/v3.0/OS-SECURITYPOLICY/domains/" + a.id() + "/login-policy";
    }

    private static Map<String, Object> body(Map<String, Object> policy) {
        return Map.of("login_policy", new HashMap<>(policy));
    }

    private static void assertRefused(Api.Response r, int status, String code) {
        assertThat(r.status()).as(r.toString()).isEqualTo(status);
        assertThat(r.errorCode()).as(r.toString()).isEqualTo(code);
    }
}
