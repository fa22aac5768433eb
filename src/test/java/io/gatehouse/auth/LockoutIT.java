package io.gatehouse.auth;

import static org.assertj.core.api.Assertions.assertThat;

import io.gatehouse.testsupport.Api;
import io.gatehouse.testsupport.Fixtures;
import io.gatehouse.testsupport.Fixtures.TestAccount;
import io.gatehouse.testsupport.Fixtures.TestUser;
import io.gatehouse.testsupport.IntegrationTest;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import tools.jackson.databind.JsonNode;

/**
 * Sign-in lockout after failed passwords, as the account's login policy sets it, and the administrator's
 * view and unlock ({@code /gatehouse/v1/users/{user_id}/lockout}).
 */
class LockoutIT extends IntegrationTest {

    private static final String WRONG = "Wrong-Pass-0000";

    @Autowired
    JdbcClient jdbc;

    @Test
    void signInWhenFailuresReachThresholdThenLockedExactlyThere() {
        TestAccount a = fixtures.newAccount();
        TestUser u = fixtures.newUser(a);

        for (int i = 1; i <= 4; i++) {
            assertRefused(wrong(u), 401, "IAM.0001");
            JsonNode l = lockout(a, u);
            assertThat(l.get("locked").asBoolean()).as("after %d failures", i).isFalse();
            assertThat(l.get("failures").asInt()).isEqualTo(i);
        }
        // The fifth failure (the default threshold) is answered as a wrong password, and locks.
        assertRefused(wrong(u), 401, "IAM.0001");

        JsonNode l = lockout(a, u);
        assertThat(l.get("locked").asBoolean()).isTrue();
        assertThat(l.get("failures").asInt()).isEqualTo(5);
        Instant until = Instant.parse(l.get("locked_until").asString());
        assertThat(until).isBetween(Instant.now().plus(14, ChronoUnit.MINUTES), Instant.now().plus(16, ChronoUnit.MINUTES));
    }

    @Test
    void signInWhenLockedThenIam0061EvenWithRightPasswordAndNothingMore() {
        TestAccount a = fixtures.newAccount();
        TestUser u = fixtures.newUser(a);
        lock(u, 5);

        Api.Response right = right(u);
        Api.Response wrong = wrong(u);

        assertRefused(right, 401, "IAM.0061");
        assertThat(right.json().get("error_msg").asString()).isEqualTo("Account locked.");
        assertThat(right.header("X-Subject-Token")).isNull();
        assertThat(right.text()).doesNotContain("until").doesNotContain("minute");
        assertRefused(wrong, 401, "IAM.0061");
        assertThat(wrong.json()).isEqualTo(right.json());
        // Refused attempts while locked count nothing more.
        assertThat(lockout(a, u).get("failures").asInt()).isEqualTo(5);
    }

    @Test
    void signInWhenPolicyThresholdThreeThenLockedAfterThree() {
        TestAccount a = fixtures.newAccount();
        setPolicy(a, Map.of("login_failed_times", 3, "lockout_duration", 30));
        TestUser u = fixtures.newUser(a);

        lock(u, 3);

        JsonNode l = lockout(a, u);
        assertThat(l.get("locked").asBoolean()).isTrue();
        assertThat(l.get("failures").asInt()).isEqualTo(3);
        assertThat(Instant.parse(l.get("locked_until").asString()))
                .isAfter(Instant.now().plus(29, ChronoUnit.MINUTES));
        assertRefused(right(u), 401, "IAM.0061");
    }

    @Test
    void signInWhenTwentyConcurrentWrongPasswordsThenExactlyThresholdCountedAndLocked() throws Exception {
        TestAccount a = fixtures.newAccount();
        TestUser u = fixtures.newUser(a);

        List<Api.Response> answers = concurrently(20, () -> wrong(u));

        assertThat(answers).allSatisfy(r -> assertThat(r.status()).as(r.toString()).isEqualTo(401));
        assertThat(answers.stream().filter(r -> "IAM.0001".equals(r.errorCode()))).hasSize(5);
        assertThat(answers.stream().filter(r -> "IAM.0061".equals(r.errorCode()))).hasSize(15);
        JsonNode l = lockout(a, u);
        assertThat(l.get("locked").asBoolean()).isTrue();
        assertThat(l.get("failures").asInt()).isEqualTo(5);
        assertRefused(right(u), 401, "IAM.0061");
        // One lock, recorded once.
        assertThat(count("operation_log", "resource_id = :u AND operation = 'gatehouse:users:lock'", u.id())).isEqualTo(1);
        assertThat(count("signin_event", "user_id = :u AND cause = 'locked'", u.id())).isEqualTo(1);
    }

    @Test
    void signInWhenLockExpiredThenRightPasswordWorksAndCounterRestarts() {
        TestAccount a = fixtures.newAccount();
        TestUser u = fixtures.newUser(a);
        lock(u, 5);
        jdbc.sql("UPDATE user_lockout SET locked_until = :t WHERE user_id = :u")
                .param("t", Instant.now().minusSeconds(1).atOffset(ZoneOffset.UTC)).param("u", u.id()).update();

        assertThat(lockout(a, u).get("locked").asBoolean()).isFalse();
        assertThat(lockout(a, u).get("failures").asInt()).isZero();
        // A failure after the lock ran out starts a new count instead of locking again at once.
        assertRefused(wrong(u), 401, "IAM.0001");
        JsonNode l = lockout(a, u);
        assertThat(l.get("locked").asBoolean()).isFalse();
        assertThat(l.get("failures").asInt()).isEqualTo(1);
        assertThat(right(u).status()).isEqualTo(201);
    }

    @Test
    void signInWhenFailureWindowPassedThenCountRestarts() {
        TestAccount a = fixtures.newAccount();
        TestUser u = fixtures.newUser(a);
        for (int i = 0; i < 4; i++) {
            assertRefused(wrong(u), 401, "IAM.0001");
        }
        // The default window is 15 minutes; these four failures are now 16 minutes old.
        jdbc.sql("UPDATE user_lockout SET window_start = :t WHERE user_id = :u")
                .param("t", Instant.now().minus(16, ChronoUnit.MINUTES).atOffset(ZoneOffset.UTC)).param("u", u.id())
                .update();
        assertThat(lockout(a, u).get("failures").asInt()).isZero();

        assertRefused(wrong(u), 401, "IAM.0001");

        JsonNode l = lockout(a, u);
        assertThat(l.get("locked").asBoolean()).isFalse();
        assertThat(l.get("failures").asInt()).isEqualTo(1);
        assertThat(right(u).status()).isEqualTo(201);
    }

    @Test
    void signInWhenSuccessAfterFailuresThenCounterReset() {
        TestAccount a = fixtures.newAccount();
        TestUser u = fixtures.newUser(a);
        for (int i = 0; i < 4; i++) {
            assertRefused(wrong(u), 401, "IAM.0001");
        }

        assertThat(right(u).status()).isEqualTo(201);

        assertThat(lockout(a, u).get("failures").asInt()).isZero();
        for (int i = 0; i < 4; i++) {
            assertRefused(wrong(u), 401, "IAM.0001");
        }
        assertThat(lockout(a, u).get("locked").asBoolean()).isFalse();
        assertThat(right(u).status()).isEqualTo(201);
    }

    @Test
    void signInWhenUnknownUserThenNeverLockedAndLooksLikeWrongPassword() {
        TestAccount a = fixtures.newAccount();
        TestUser u = fixtures.newUser(a);
        Api.Response known = wrong(u);

        List<Api.Response> unknown = new ArrayList<>();
        for (int i = 0; i < 7; i++) {
            unknown.add(fixtures.signIn(a.name(), "nobody-" + u.name(), WRONG));
        }

        assertThat(unknown).allSatisfy(r -> {
            assertRefused(r, 401, "IAM.0001");
            assertThat(r.json()).isEqualTo(known.json());
        });
        assertThat(count("user_lockout", "domain_id = :u", a.id())).isEqualTo(1);
    }

    @Test
    void unlockWhenAdminThenUserSignsInAndBothEventsRecorded() {
        TestAccount a = fixtures.newAccount();
        TestUser u = fixtures.newUser(a);
        lock(u, 5);

        Api.Response r = api.delete(path(u), a.adminToken());

        assertThat(r.status()).as(r.toString()).isEqualTo(204);
        JsonNode l = lockout(a, u);
        assertThat(l.get("locked").asBoolean()).isFalse();
        assertThat(l.get("failures").asInt()).isZero();
        assertThat(l.has("locked_until")).isFalse();
        assertThat(right(u).status()).isEqualTo(201);
        List<Map<String, Object>> ops = afterSealing(jdbc).sql("SELECT operation, actor_id, actor_name, result FROM operation_log "
                + "WHERE resource_id = :u AND operation IN ('gatehouse:users:lock', 'gatehouse:users:unlock') ORDER BY id")
                .param("u", u.id()).query().listOfRows();
        assertThat(ops).extracting(m -> m.get("operation")).containsExactly("gatehouse:users:lock",
                "gatehouse:users:unlock");
        assertThat(ops.get(0).get("actor_id")).isNull();
        assertThat(ops.get(0).get("actor_name")).isEqualTo("gatehouse");
        assertThat(ops.get(1).get("actor_id")).isEqualTo(a.ownerId());
        List<String> causes = jdbc.sql("SELECT cause FROM signin_event WHERE user_id = :u "
                + "AND cause IN ('locked', 'unlocked') ORDER BY id").param("u", u.id()).query(String.class).list();
        assertThat(causes).containsExactly("locked", "unlocked");
    }

    @Test
    void lockoutWhenNoFailuresThenNotLockedAndZero() {
        TestAccount a = fixtures.newAccount();
        TestUser u = fixtures.newUser(a);

        Api.Response r = api.get(path(u), a.adminToken());

        assertThat(r.status()).as(r.toString()).isEqualTo(200);
        JsonNode l = r.json().get("lockout");
        assertThat(l.propertyNames()).containsExactlyInAnyOrder("user_id", "locked", "failures");
        assertThat(l.get("user_id").asString()).isEqualTo(u.id());
        assertThat(l.get("locked").asBoolean()).isFalse();
        assertThat(l.get("failures").asInt()).isZero();
    }

    @Test
    void lockoutWhenPlainUserThen403Iam0003() {
        TestAccount a = fixtures.newAccount();
        TestUser u = fixtures.newUser(a);
        TestUser other = fixtures.newUser(a);
        String token = fixtures.token(u);
        lock(other, 5);

        assertRefused(api.get(path(other), token), 403, "IAM.0003");
        assertRefused(api.get(path(u), token), 403, "IAM.0003");
        assertRefused(api.delete(path(other), token), 403, "IAM.0003");
        assertThat(lockout(a, other).get("locked").asBoolean()).isTrue();
    }

    @Test
    void lockoutWhenAnotherAccountsAdminOrUnknownUserThen404Iam0004() {
        TestAccount a = fixtures.newAccount();
        TestAccount b = fixtures.newAccount();
        TestUser u = fixtures.newUser(a);
        lock(u, 5);

        assertRefused(api.get(path(u), b.adminToken()), 404, "IAM.0004");
        assertRefused(api.delete(path(u), b.adminToken()), 404, "IAM.0004");
        assertRefused(api.get("/gatehouse/v1/users/" + "0".repeat(32) + "/lockout", a.adminToken()), 404, "IAM.0004");
        assertThat(lockout(a, u).get("locked").asBoolean()).isTrue();
    }

    // ---- what the user is told after signing in -------------------------------------------------

    @Test
    void signInWhenPolicySaysNothingThenNoLoginInfo() {
        TestAccount a = fixtures.newAccount();
        TestUser u = fixtures.newUser(a);
        wrong(u);

        Api.Response r = right(u);

        assertThat(r.status()).isEqualTo(201);
        assertThat(r.json().get("token").has("login_info")).isFalse();
    }

    @Test
    void signInWhenPolicyShowsRecentLoginAndCustomInfoThenLoginInfoInTokenBody() {
        TestAccount a = fixtures.newAccount();
        setPolicy(a, Map.of("show_recent_login_info", true, "custom_info_for_login", "Authorized use only."));
        TestUser u = fixtures.newUser(a);

        JsonNode first = right(u).json().get("token").get("login_info");
        wrong(u);
        Api.Response r = right(u);
        JsonNode afterSuccess = right(u).json().get("token").get("login_info");

        assertThat(first.propertyNames()).containsExactly("custom_info");
        assertThat(first.get("custom_info").asString()).isEqualTo("Authorized use only.");
        JsonNode info = r.json().get("token").get("login_info");
        assertThat(info.get("custom_info").asString()).isEqualTo("Authorized use only.");
        JsonNode recent = info.get("recent_login");
        assertThat(recent.propertyNames()).containsExactlyInAnyOrder("time", "ip", "result");
        assertThat(recent.get("result").asString()).isEqualTo("failure");
        assertThat(recent.get("ip").asString()).isEqualTo("127.0.0.1");
        assertThat(recent.get("time").asString()).matches("\\d{4}-\\d\\d-\\d\\dT\\d\\d:\\d\\d:\\d\\d\\.\\d{6}Z");
        assertThat(afterSuccess.get("recent_login").get("result").asString()).isEqualTo("success");
        // Only the answer to a sign-in carries it, not a validation of the token.
        Api.Response validated = api.call("GET", "/v3/auth/tokens").token(a.adminToken())
                .header("X-Subject-Token", r.header("X-Subject-Token")).send();
        assertThat(validated.status()).isEqualTo(200);
        assertThat(validated.json().get("token").has("login_info")).isFalse();
    }

    @Test
    void signInWhenOnlyRecentLoginShownThenNoCustomInfo() {
        TestAccount a = fixtures.newAccount();
        setPolicy(a, Map.of("show_recent_login_info", true));
        TestUser u = fixtures.newUser(a);
        assertThat(right(u).json().get("token").has("login_info")).isFalse();

        JsonNode info = right(u).json().get("token").get("login_info");

        assertThat(info.propertyNames()).containsExactly("recent_login");
        assertThat(info.get("recent_login").get("result").asString()).isEqualTo("success");
    }

    // ---- helpers ---------------------------------------------------------------------------------

    private Api.Response wrong(TestUser u) {
        return fixtures.signIn(u.account().name(), u.name(), WRONG);
    }

    private Api.Response right(TestUser u) {
        return fixtures.signIn(u.account().name(), u.name(), Fixtures.USER_PASSWORD);
    }

    private void lock(TestUser u, int threshold) {
        for (int i = 0; i < threshold; i++) {
            assertRefused(wrong(u), 401, "IAM.0001");
        }
        assertRefused(right(u), 401, "IAM.0061");
    }

    private JsonNode lockout(TestAccount a, TestUser u) {
        Api.Response r = api.get(path(u), a.adminToken());
        assertThat(r.status()).as(r.toString()).isEqualTo(200);
        return r.json().get("lockout");
    }

    private void setPolicy(TestAccount a, Map<String, Object> policy) {
        Api.Response r = api.put("/v3.0/OS-SECURITYPOLICY/domains/" + a.id() + "/login-policy", a.adminToken(),
                Map.of("login_policy", policy));
        assertThat(r.status()).as(r.toString()).isEqualTo(200);
    }

    private long count(String table, String condition, String value) {
        return afterSealing(jdbc).sql("SELECT COUNT(*) FROM " + table + " WHERE " + condition).param("u", value)
                .query(Long.class).single();
    }

    private static String path(TestUser u) {
        return "/gatehouse/v1/users/" + u.id() + "/lockout";
    }

    static List<Api.Response> concurrently(int n, java.util.concurrent.Callable<Api.Response> call) throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(n);
        CountDownLatch start = new CountDownLatch(1);
        try {
            List<Future<Api.Response>> sent = new ArrayList<>();
            for (int i = 0; i < n; i++) {
                sent.add(pool.submit(() -> {
                    start.await();
                    return call.call();
                }));
            }
            start.countDown();
            List<Api.Response> answers = new ArrayList<>();
            for (Future<Api.Response> f : sent) {
                answers.add(f.get());
            }
            return answers;
        } finally {
            pool.shutdownNow();
        }
    }

    private static void assertRefused(Api.Response r, int status, String code) {
        assertThat(r.status()).as(r.toString()).isEqualTo(status);
        assertThat(r.errorCode()).as(r.toString()).isEqualTo(code);
    }
}
