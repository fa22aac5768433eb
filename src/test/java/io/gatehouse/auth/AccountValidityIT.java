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
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * The login policy's {@code account_validity_period}: the scheduled job disables users who have not
 * signed in for that many days. The test runs the job itself instead of waiting for its schedule, and
 * ages users in the database.
 */
class AccountValidityIT extends IntegrationTest {

    @Autowired
    AccountValidityJob job;

    @Autowired
    JdbcClient jdbc;

    @Test
    void runWhenUserIdleLongerThanPeriodThenDisabledTokensRevokedAndLogged() {
        TestAccount a = fixtures.newAccount();
        setValidity(a, 30);
        TestUser idle = fixtures.newUser(a);
        TestUser active = fixtures.newUser(a);
        String idleToken = fixtures.token(idle);
        String activeToken = fixtures.token(active);
        age(idle, "last_login_time", 31);
        age(active, "last_login_time", 29);
        age(active, "create_time", 300);

        job.run();

        assertThat(api.get("/v3.0/OS-USER/users/" + idle.id(), a.adminToken()).json().get("user").get("enabled")
                .asBoolean()).isFalse();
        assertThat(api.get("/v3/users/" + idle.id(), idleToken).status()).isEqualTo(401);
        Api.Response signIn = fixtures.signIn(a.name(), idle.name(), Fixtures.USER_PASSWORD);
        assertThat(signIn.status()).as(signIn.toString()).isEqualTo(403);
        assertThat(signIn.errorCode()).isEqualTo("IAM.0082");
        assertThat(api.get("/v3/users/" + active.id(), activeToken).status()).isEqualTo(200);
        List<Map<String, Object>> ops = afterSealing(jdbc).sql("SELECT resource_id, actor_id, actor_name, result FROM operation_log "
                + "WHERE domain_id = :d AND operation = 'gatehouse:users:disableInactiveUser'").param("d", a.id())
                .query().listOfRows();
        assertThat(ops).hasSize(1);
        assertThat(ops.get(0).get("resource_id")).isEqualTo(idle.id());
        assertThat(ops.get(0).get("actor_id")).isNull();
        assertThat(ops.get(0).get("actor_name")).isEqualTo("gatehouse");
        assertThat(ops.get(0).get("result")).isEqualTo("success");
    }

    @Test
    void runWhenUserNeverSignedInThenCreationTimeCounts() {
        TestAccount a = fixtures.newAccount();
        setValidity(a, 1);
        TestUser old = fixtures.newUser(a);
        TestUser fresh = fixtures.newUser(a);
        age(old, "create_time", 2);

        job.run();

        assertThat(enabled(a, old)).isFalse();
        assertThat(enabled(a, fresh)).isTrue();
    }

    @Test
    void runWhenPeriodZeroThenNobodyDisabled() {
        TestAccount a = fixtures.newAccount();
        TestUser u = fixtures.newUser(a);
        age(u, "create_time", 1000);

        job.run();

        assertThat(enabled(a, u)).isTrue();
    }

    @Test
    void runWhenOwnerIdleThenOwnerStaysEnabled() {
        TestAccount a = fixtures.newAccount();
        setValidity(a, 1);
        jdbc.sql("UPDATE iam_user SET last_login_time = :t, create_time = :t WHERE id = :id")
                .param("t", Instant.now().minus(10, ChronoUnit.DAYS).atOffset(ZoneOffset.UTC))
                .param("id", a.ownerId()).update();

        job.run();

        assertThat(fixtures.signIn(a.name(), "owner", Fixtures.OWNER_PASSWORD).status()).isEqualTo(201);
    }

    @Test
    void runWhenTwoNodesRunAtOnceThenEachUserDisabledOnce() {
        TestAccount a = fixtures.newAccount();
        setValidity(a, 5);
        List<TestUser> users = List.of(fixtures.newUser(a), fixtures.newUser(a), fixtures.newUser(a),
                fixtures.newUser(a));
        users.forEach(u -> age(u, "create_time", 6));

        CompletableFuture<Void> one = CompletableFuture.runAsync(job::run);
        CompletableFuture<Void> two = CompletableFuture.runAsync(job::run);
        CompletableFuture.allOf(one, two).join();

        users.forEach(u -> assertThat(enabled(a, u)).isFalse());
        long records = afterSealing(jdbc).sql("SELECT COUNT(*) FROM operation_log WHERE domain_id = :d "
                + "AND operation = 'gatehouse:users:disableInactiveUser'").param("d", a.id()).query(Long.class).single();
        assertThat(records).isEqualTo(users.size());
    }

    private void setValidity(TestAccount a, int days) {
        Api.Response r = api.put("/v3.0/OS-SECURITYPOLICY/domains/" + a.id() + "/login-policy", a.adminToken(),
                Map.of("login_policy", Map.of("account_validity_period", days)));
        assertThat(r.status()).as(r.toString()).isEqualTo(200);
    }

    private void age(TestUser u, String column, int days) {
        jdbc.sql("UPDATE iam_user SET " + column + " = :t WHERE id = :id")
                .param("t", Instant.now().minus(days, ChronoUnit.DAYS).atOffset(ZoneOffset.UTC)).param("id", u.id())
                .update();
    }

    private boolean enabled(TestAccount a, TestUser u) {
        Api.Response r = api.get("/v3.0/OS-USER/users/" + u.id(), a.adminToken());
        assertThat(r.status()).as(r.toString()).isEqualTo(200);
        return r.json().get("user").get("enabled").asBoolean();
    }
}
