package io.gatehouse.audit;

import static org.assertj.core.api.Assertions.assertThat;

import io.gatehouse.testsupport.Api;
import io.gatehouse.testsupport.Fixtures.TestAccount;
import io.gatehouse.testsupport.Fixtures.TestUser;
import io.gatehouse.testsupport.IntegrationTest;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import tools.jackson.databind.JsonNode;

/**
 * Retention: old records go and the rest stays, the operation log's chain still verifies from its
 * anchor afterwards, and a lease another node holds keeps this one from purging. The tests run the job
 * themselves rather than wait for its schedule.
 */
class RetentionIT extends IntegrationTest {

    @Autowired
    RetentionJob job;

    @Autowired
    OperationLogRetention operationLogRetention;

    @Autowired
    JdbcClient jdbc;

    @Test
    void runWhenSignInEventsPassTheirRetentionThenOnlyThoseAreDeleted() {
        TestAccount account = fixtures.newAccount();
        Instant now = Instant.now();
        for (int i = 0; i < 5; i++) {
            signInEvent(account.id(), now.minus(Duration.ofDays(181 + i)), "old-" + i);
        }
        for (int i = 0; i < 3; i++) {
            signInEvent(account.id(), now.minus(Duration.ofDays(179 - i)), "kept-" + i);
        }

        Map<String, Long> deleted = job.run();

        assertThat(deleted.get("signin-event")).isGreaterThanOrEqualTo(5);
        assertThat(names(account)).containsExactly("kept-2", "kept-1", "kept-0");
    }

    @Test
    void purgeWhenOperationLogIsCutThenTheChainVerifiesFromItsAnchorAndStillCatchesEdits() throws Exception {
        TestAccount account = fixtures.newAccount();
        TestUser user = fixtures.newUser(account);
        update(account, user, 3);
        int old = count(account);
        Thread.sleep(5);
        Instant cutoff = Instant.now();
        Thread.sleep(5);
        update(account, user, 3);

        long deleted = job.purge(operationLogRetention, cutoff);

        assertThat(deleted).isGreaterThanOrEqualTo(old);
        assertThat(count(account)).isEqualTo(3);
        JsonNode v = verify(account);
        assertThat(v.get("valid").asBoolean()).as(v.toString()).isTrue();
        assertThat(v.get("first_sequence").asLong()).isEqualTo(old + 1);
        assertThat(v.get("records_checked").asLong()).isEqualTo(3);
        // Writing goes on from the head; the anchor holds the link to what was deleted.
        update(account, user, 1);
        assertThat(verify(account).get("valid").asBoolean()).isTrue();
        long firstKept = afterSealing(jdbc).sql("SELECT id FROM operation_log WHERE chain_key = :d AND chain_seq = :s")
                .param("d", account.id()).param("s", old + 1).query(Long.class).single();
        jdbc.sql("UPDATE operation_log SET prev_hash = :h WHERE id = :id").param("h", "f".repeat(64))
                .param("id", firstKept).update();
        JsonNode broken = verify(account);
        assertThat(broken.get("valid").asBoolean()).isFalse();
        assertThat(broken.get("first_broken").get("id").asLong()).isEqualTo(firstKept);
    }

    @Test
    void purgeWhenEveryRecordIsOldThenTheEmptyChainVerifiesAndGrowsOn() throws Exception {
        TestAccount account = fixtures.newAccount();
        TestUser user = fixtures.newUser(account);
        int all = count(account);
        Thread.sleep(5);

        job.purge(operationLogRetention, Instant.now());

        assertThat(count(account)).isZero();
        JsonNode empty = verify(account);
        assertThat(empty.get("valid").asBoolean()).isTrue();
        assertThat(empty.get("records_checked").asLong()).isZero();
        update(account, user, 2);
        JsonNode v = verify(account);
        assertThat(v.get("valid").asBoolean()).as(v.toString()).isTrue();
        assertThat(v.get("first_sequence").asLong()).isEqualTo(all + 1);
        assertThat(v.get("last_sequence").asLong()).isEqualTo(all + 2);
    }

    @Test
    void purgeWhenARecordWasRemovedFromTheChainThenThePurgeStopsAtTheGapAndVerifyStillNamesIt() throws Exception {
        TestAccount account = fixtures.newAccount();
        TestUser user = fixtures.newUser(account);
        update(account, user, 3);
        int all = count(account);
        long removed = afterSealing(jdbc).sql("SELECT id FROM operation_log WHERE chain_key = :d AND chain_seq = 3")
                .param("d", account.id()).query(Long.class).single();
        long afterGap = jdbc.sql("SELECT id FROM operation_log WHERE chain_key = :d AND chain_seq = 4")
                .param("d", account.id()).query(Long.class).single();
        jdbc.sql("DELETE FROM operation_log WHERE id = :id").param("id", removed).update();
        Thread.sleep(5);

        job.purge(operationLogRetention, Instant.now());

        // Records 1 and 2 went; the one after the gap stays, so the removal is still evident.
        assertThat(count(account)).isEqualTo(all - 3);
        JsonNode v = verify(account);
        assertThat(v.get("valid").asBoolean()).as(v.toString()).isFalse();
        assertThat(v.get("first_broken").get("id").asLong()).isEqualTo(afterGap);
        assertThat(v.get("first_broken").get("problem").asString()).isEqualTo("missing");
    }

    @Test
    void runWhenAnotherNodeHoldsTheLeaseThenNothingIsDeletedUntilItExpires() {
        TestAccount account = fixtures.newAccount();
        signInEvent(account.id(), Instant.now().minus(Duration.ofDays(400)), "old");
        jdbc.sql("UPDATE job_lease SET holder = 'another-node', expires_at = :until WHERE name = 'retention'")
                .param("until", OffsetDateTime.now(ZoneOffset.UTC).plusMinutes(5)).update();
        try {
            assertThat(job.run()).isEmpty();
            assertThat(names(account)).containsExactly("old");

            // The other node died: its lease runs out and this node takes over.
            jdbc.sql("UPDATE job_lease SET expires_at = :past WHERE name = 'retention'")
                    .param("past", OffsetDateTime.now(ZoneOffset.UTC).minusSeconds(1)).update();
            assertThat(job.run()).containsKey("signin-event");
            assertThat(names(account)).isEmpty();
            assertThat(jdbc.sql("SELECT holder FROM job_lease WHERE name = 'retention'").query(String.class)
                    .optional()).isEmpty();
        } finally {
            jdbc.sql("UPDATE job_lease SET holder = NULL WHERE name = 'retention'").update();
        }
    }

    private void signInEvent(String domainId, Instant at, String name) {
        jdbc.sql("""
                INSERT INTO signin_event (occurred_at, domain_id, attempted_name, channel, method, result, cause)
                VALUES (:at, :d, :name, 'api', 'password', 'failure', 'unknown_user')""")
                .param("at", OffsetDateTime.ofInstant(at.truncatedTo(ChronoUnit.MICROS), ZoneOffset.UTC))
                .param("d", domainId).param("name", name).update();
    }

    private java.util.List<String> names(TestAccount account) {
        // The seeded events; the owner's sign-in that made the admin token is a success.
        return api.get("/gatehouse/v1/signin-events?result=failure", account.adminToken()).json().get("signin_events").valueStream()
                .map(n -> n.get("attempted_name").asString()).toList();
    }

    private void update(TestAccount account, TestUser user, int n) {
        for (int i = 0; i < n; i++) {
            Api.Response r = api.put("/v3.0/OS-USER/users/" + user.id(), account.adminToken(),
                    Map.of("user", Map.of("description", "r" + i)));
            assertThat(r.status()).isEqualTo(200);
        }
    }

    private int count(TestAccount account) {
        return afterSealing(jdbc).sql("SELECT COUNT(*) FROM operation_log WHERE domain_id = :d").param("d", account.id())
                .query(Integer.class).single();
    }

    private JsonNode verify(TestAccount account) {
        return api.get("/gatehouse/v1/operation-logs/verify", account.adminToken()).json().get("verification");
    }
}
