package io.gatehouse.audit;

import static org.assertj.core.api.Assertions.assertThat;

import io.gatehouse.testsupport.Api;
import io.gatehouse.testsupport.Fixtures;
import io.gatehouse.testsupport.Fixtures.TestAccount;
import io.gatehouse.testsupport.Fixtures.TestUser;
import io.gatehouse.testsupport.IntegrationTest;
import io.gatehouse.testsupport.TestDatabase;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * The purge at scale, on PostgreSQL (the production store): with 1,000,000 sign-in events, 900,000 of
 * them past retention, the purge runs while a loop of password sign-ins (which write sign-in events to
 * the same table and indexes) measures each sign-in's latency. No sign-in may wait a second.
 */
class RetentionLoadIT extends IntegrationTest {

    private static final int EVENTS = 1_000_000;
    private static final int OLD = 900_000;

    @Autowired
    RetentionJob job;

    @Autowired
    SignInEventRetention signInEventRetention;

    @Autowired
    JdbcClient jdbc;

    @Test
    void purgeWhenAMillionEventsThenSignInsNeverWaitASecond() throws Exception {
        Assumptions.assumeTrue(TestDatabase.isPostgres(), "a million rows is a PostgreSQL measurement");
        TestAccount account = fixtures.newAccount();
        TestUser user = fixtures.newUser(account);
        long seedStart = System.nanoTime();
        // Ids grow with time, as they do when Gatehouse writes them: the oldest 900,000 span 400 to 181
        // days ago, the newest 100,000 the last 179 days.
        jdbc.sql("""
                INSERT INTO signin_event (occurred_at, domain_id, user_id, attempted_name, source_ip, user_agent,
                  channel, method, result, cause, request_id)
                SELECT CASE WHEN g <= :old
                         THEN now() - interval '400 days' + (g * interval '219 days') / :old
                         ELSE now() - interval '179 days' + ((g - :old) * interval '179 days') / (:total - :old) END,
                       :d, :u, :name, '10.1.' || (g % 250) || '.' || (g % 200), 'load-test-agent', 'api', 'password',
                       CASE WHEN g % 10 = 0 THEN 'failure' ELSE 'success' END,
                       CASE WHEN g % 10 = 0 THEN 'wrong_password' END, md5(g::text)
                FROM generate_series(1, :total) AS g""")
                .param("old", OLD).param("total", EVENTS).param("d", account.id()).param("u", user.id())
                .param("name", user.name()).update();
        jdbc.sql("ANALYZE signin_event").update();
        long seedMs = (System.nanoTime() - seedStart) / 1_000_000;

        List<Long> baseline = signInLatencies(account, user, Duration.ofSeconds(3), null);
        AtomicBoolean purging = new AtomicBoolean(true);
        CompletableFuture<List<Long>> during = CompletableFuture.supplyAsync(
                () -> signInLatencies(account, user, Duration.ofMinutes(5), purging));
        long purgeStart = System.nanoTime();
        long deleted;
        try {
            deleted = job.purge(signInEventRetention, Instant.now().minus(Duration.ofDays(180)));
        } finally {
            purging.set(false);
        }
        long purgeMs = (System.nanoTime() - purgeStart) / 1_000_000;
        List<Long> latencies = during.get();

        long max = Collections.max(latencies);
        System.out.printf("RetentionLoadIT: seeded %d events in %d ms; purge deleted %d in %d ms; %d sign-ins "
                + "during the purge: p50 %d ms, p99 %d ms, max %d ms (before the purge: %d sign-ins, p50 %d ms, max "
                + "%d ms)%n", EVENTS, seedMs, deleted, purgeMs, latencies.size(), percentile(latencies, 50),
                percentile(latencies, 99), max, baseline.size(), percentile(baseline, 50), Collections.max(baseline));
        assertThat(deleted).isGreaterThanOrEqualTo(OLD);
        assertThat(jdbc.sql("SELECT COUNT(*) FROM signin_event WHERE domain_id = :d AND request_id IS NOT NULL "
                + "AND user_agent = 'load-test-agent'").param("d", account.id()).query(Long.class).single())
                .isEqualTo(EVENTS - OLD);
        assertThat(latencies).hasSizeGreaterThan(10);
        assertThat(max).as("the longest sign-in during the purge, ms").isLessThan(1000);
    }

    /** Sign-ins one after another for {@code limit}, or until {@code whileTrue} turns false. */
    private List<Long> signInLatencies(TestAccount account, TestUser user, Duration limit, AtomicBoolean whileTrue) {
        Api client = new Api(api.base());
        List<Long> ms = new ArrayList<>();
        long end = System.nanoTime() + limit.toNanos();
        while (System.nanoTime() < end && (whileTrue == null || whileTrue.get())) {
            long start = System.nanoTime();
            Api.Response r = client.post("/v3/auth/tokens", null,
                    Fixtures.passwordAuth(account.name(), user.name(), Fixtures.USER_PASSWORD));
            ms.add((System.nanoTime() - start) / 1_000_000);
            assertThat(r.status()).as(r.toString()).isEqualTo(201);
        }
        return ms;
    }

    private static long percentile(List<Long> values, int p) {
        List<Long> sorted = values.stream().sorted().toList();
        return sorted.get(Math.min(sorted.size() - 1, (int) Math.ceil(p / 100.0 * sorted.size()) - 1));
    }
}
