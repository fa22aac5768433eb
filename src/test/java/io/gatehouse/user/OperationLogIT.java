package io.gatehouse.user;

import static org.assertj.core.api.Assertions.assertThat;

import io.gatehouse.testsupport.Api;
import io.gatehouse.testsupport.Fixtures;
import io.gatehouse.testsupport.Fixtures.TestAccount;
import io.gatehouse.testsupport.Fixtures.TestUser;
import io.gatehouse.testsupport.IntegrationTest;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;

/** Every write leaves an operation-log record in its own transaction; a refused write leaves a failure. */
class OperationLogIT extends IntegrationTest {

    @Autowired
    JdbcClient jdbc;

    @Test
    void writesWhenSucceededOrRefusedThenEachIsRecordedWithItsResult() {
        TestAccount account = fixtures.newAccount();
        TestUser user = fixtures.newUser(account, Map.of("email", "log-" + Fixtures.unique() + "@example.com"));
        api.put("/v3.0/OS-USER/users/" + user.id(), account.adminToken(), Map.of("user", Map.of("description", "d")));
        Api.Response refused = api.post("/v3.0/OS-USER/users", account.adminToken(),
                Map.of("user", Map.of("name", user.name(), "domain_id", account.id())));
        // Signed in before the protection is on: afterwards, signing in takes an emailed code.
        String userToken = fixtures.token(user);
        api.put("/v3.0/OS-USER/users/" + user.id() + "/login-protect", account.adminToken(),
                Map.of("login_protect", Map.of("enabled", true, "verification_method", "email")));
        api.post("/v3/users/" + user.id() + "/password", userToken,
                Map.of("user", Map.of("password", "Changed-Pass-987", "original_password", Fixtures.USER_PASSWORD)));
        String adminToken = fixtures.token(account, "owner", Fixtures.OWNER_PASSWORD);
        api.call("DELETE", "/v3/auth/tokens").token(adminToken).header("X-Subject-Token", adminToken).send();
        api.delete("/v3/users/" + user.id(), account.adminToken());

        List<Map<String, Object>> rows = afterSealing(jdbc).sql("SELECT * FROM operation_log WHERE domain_id = :d ORDER BY id")
                .param("d", account.id()).query().listOfRows();

        assertThat(refused.status()).isEqualTo(400);
        assertThat(rows).extracting(r -> r.get("operation") + " " + r.get("result") + " " + r.get("error_code"))
                .containsSubsequence(
                        "iam:users:createUser success null",
                        "iam:users:updateUser success null",
                        "iam:users:createUser failure 1109",
                        "iam:users:setUserLoginProtect success null",
                        "iam:users:updateUserPassword success null",
                        "iam:tokens:revokeToken success null",
                        "iam:users:deleteUser success null");
        Map<String, Object> update = rows.stream().filter(r -> r.get("operation").equals("iam:users:updateUser"))
                .findFirst().orElseThrow();
        assertThat(update.get("actor_id")).isEqualTo(account.ownerId());
        assertThat(update.get("actor_name")).isEqualTo("owner");
        assertThat(update.get("resource_type")).isEqualTo("user");
        assertThat(update.get("resource_id")).isEqualTo(user.id());
        assertThat(update.get("source_ip")).isEqualTo("127.0.0.1");
        assertThat(update.get("user_agent")).isNotNull();
        assertThat(update.get("request_id").toString()).matches("[0-9a-f]{32}");
        assertThat(update.get("occurred_at")).isNotNull();
    }

    @Test
    void refusedWriteWhenNotAuthorizedThenRecordedAsFailureWithTheCode() {
        TestAccount account = fixtures.newAccount();
        TestUser plain = fixtures.newUser(account);
        TestUser target = fixtures.newUser(account);

        api.delete("/v3/users/" + target.id(), fixtures.token(plain));

        Map<String, Object> row = afterSealing(jdbc).sql("SELECT * FROM operation_log WHERE resource_id = :id AND result = 'failure'")
                .param("id", target.id()).query().singleRow();
        assertThat(row.get("operation")).isEqualTo("iam:users:deleteUser");
        assertThat(row.get("error_code")).isEqualTo("IAM.0003");
        assertThat(row.get("actor_id")).isEqualTo(plain.id());
        assertThat(row.get("domain_id")).isEqualTo(account.id());
    }
}
