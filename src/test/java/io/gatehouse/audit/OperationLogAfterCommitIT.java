package io.gatehouse.audit;

import static org.assertj.core.api.Assertions.assertThat;

import io.gatehouse.common.web.Caller;
import io.gatehouse.testsupport.Api;
import io.gatehouse.testsupport.Fixtures.TestAccount;
import io.gatehouse.testsupport.Fixtures.TestUser;
import io.gatehouse.testsupport.IntegrationTest;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.context.TestPropertySource;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;
import tools.jackson.databind.JsonNode;

/**
 * The operation log written after commit ({@code gatehouse.audit.operation-log.write=after-commit}): a
 * write's record skips the inbox, waits in memory until the sealer runs, and then lands in the chain
 * exactly as in the default mode; a write that rolls back leaves no record.
 */
@TestPropertySource(properties = {
        "gatehouse.audit.operation-log.write=after-commit",
        // The scheduled sealer keeps out of the way, so the test sees where records wait before sealing.
        "gatehouse.audit.seal-interval=1h"})
class OperationLogAfterCommitIT extends IntegrationTest {

    @Autowired
    JdbcClient jdbc;

    @Autowired
    ChainSealer sealer;

    @Autowired
    OperationLog operationLog;

    @Autowired
    PlatformTransactionManager transactions;

    @Test
    void writesWhenWrittenAfterCommitThenEachRecordedOnceAndChainedWithoutTheInbox() {
        TestAccount account = fixtures.newAccount();
        TestUser user = fixtures.newUser(account);
        for (String description : List.of("first", "second")) {
            Api.Response r = api.put("/v3.0/OS-USER/users/" + user.id(), account.adminToken(),
                    Map.of("user", Map.of("description", description)));
            assertThat(r.status()).as(r.toString()).isEqualTo(200);
        }
        Api.Response refused = api.delete("/v3/users/" + account.ownerId(), fixtures.token(user));
        assertThat(refused.status()).isEqualTo(403);

        assertThat(count("SELECT COUNT(*) FROM operation_log_inbox WHERE chain_key = :d", account))
                .as("no record went through the inbox").isZero();
        assertThat(count("SELECT COUNT(*) FROM operation_log WHERE domain_id = :d", account))
                .as("nothing is sealed before the sealer runs").isZero();

        JsonNode updates = api.get("/gatehouse/v1/operation-logs?resource_id=" + user.id()
                + "&operation=iam:users:updateUser", account.adminToken()).json();
        assertThat(updates.get("operation_logs").findValuesAsString("result")).containsExactly("success", "success");
        assertThat(jdbc.sql("SELECT resource_id FROM operation_log WHERE domain_id = :d AND result = 'failure'")
                .param("d", account.id()).query(String.class).list()).containsExactly(account.ownerId());
        JsonNode verification = api.get("/gatehouse/v1/operation-logs/verify", account.adminToken()).json()
                .get("verification");
        assertThat(verification.get("valid").asBoolean()).as(verification.toString()).isTrue();
        assertThat(verification.get("records_checked").asLong())
                .isEqualTo(count("SELECT COUNT(*) FROM operation_log WHERE domain_id = :d", account));
    }

    @Test
    void successWhenTheWritingTransactionRollsBackThenNoRecord() {
        TestAccount account = fixtures.newAccount();
        TransactionTemplate tx = new TransactionTemplate(transactions);

        tx.executeWithoutResult(status -> {
            operationLog.success(Caller.system(account.id()), "iam:users:updateUser", "user", "rolled-back");
            status.setRollbackOnly();
        });
        tx.executeWithoutResult(status -> operationLog.success(Caller.system(account.id()), "iam:users:updateUser",
                "user", "committed"));

        assertThat(afterSealing(jdbc).sql("SELECT resource_id FROM operation_log WHERE domain_id = :d "
                + "AND resource_id IN ('rolled-back', 'committed')").param("d", account.id()).query(String.class)
                .list()).containsExactly("committed");
    }

    @Test
    void shutdownWhenRecordsWaitInMemoryThenTheyAreSealedFirst() {
        TestAccount account = fixtures.newAccount();
        TestUser user = fixtures.newUser(account);

        sealer.sealBeforeShutdown();

        assertThat(jdbc.sql("SELECT COUNT(*) FROM operation_log WHERE domain_id = :d AND resource_id = :u")
                .param("d", account.id()).param("u", user.id()).query(Integer.class).single()).isPositive();
    }

    private int count(String sql, TestAccount account) {
        return jdbc.sql(sql).param("d", account.id()).query(Integer.class).single();
    }
}
