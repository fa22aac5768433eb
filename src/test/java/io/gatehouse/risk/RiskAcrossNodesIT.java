package io.gatehouse.risk;

import static org.assertj.core.api.Assertions.assertThat;

import io.gatehouse.testsupport.Api;
import io.gatehouse.testsupport.Fixtures;
import io.gatehouse.testsupport.Fixtures.TestAccount;
import io.gatehouse.testsupport.Fixtures.TestUser;
import io.gatehouse.testsupport.SecondNode;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/**
 * Two nodes on one database: both detectors poll at once, yet every sign-in is counted once and raises its
 * risk once; a rule written on one node applies on the other at its next change-feed poll.
 */
class RiskAcrossNodesIT extends RiskIntegrationTest {

    private static SecondNode second;
    private Api other;

    @BeforeEach
    void startSecondNode() {
        if (second == null) {
            second = SecondNode.start("--gatehouse.risk.detector.interval=100ms",
                    "--gatehouse.risk.detector.settle=200ms", "--gatehouse.http.trusted-proxies=127.0.0.1/32",
                    "--gatehouse.location.geoip-database=" + geoIpDatabase());
        }
        other = second.api();
    }

    @AfterAll
    static void stopSecondNode() {
        if (second != null) {
            second.close();
            second = null;
        }
    }

    @Test
    void signInsOnBothNodesWhenDetectorsRaceThenEachCountedAndJudgedOnce() {
        TestAccount a = fixtures.newAccount();
        ruleId(a, Map.of("name", "each new address", "risk_type", "abnormal_ip", "frequency_threshold", 1));
        TestUser u = fixtures.newUser(a);
        int n = 30;
        for (int i = 0; i < n; i++) {
            Api node = i % 2 == 0 ? api : other;
            Api.Response r = node.call("POST", "/v3/auth/tokens").header("X-Forwarded-For", "203.0.113." + (10 + i))
                    .header("User-Agent", CHROME_WINDOWS)
                    .json(Fixtures.passwordAuth(a.name(), u.name(), Fixtures.USER_PASSWORD)).send();
            assertThat(r.status()).as(r.toString()).isEqualTo(201);
        }

        awaitCounted(u, n);

        List<JsonNode> events = riskEvents(u);
        Set<Long> signIns = new HashSet<>();
        events.forEach(e -> signIns.add(e.get("signin_event_id").asLong()));
        assertThat(events).hasSize(n - 1);
        assertThat(signIns).hasSize(n - 1);
    }

    @Test
    void ruleCreatedOnOneNodeWhenTheOtherHadItCachedThenAppliedThereAfterThePoll() {
        TestAccount a = fixtures.newAccount();
        TestUser u = fixtures.newUser(a);
        assertThat(signInAt(other, u, SYDNEY).status()).isEqualTo(201);
        awaitCounted(u, 1);
        assertThat(signInAt(other, u, LONDON).status()).as("no rule yet, cached as such").isEqualTo(201);

        ruleId(a, Map.of("name", "deny new", "risk_type", "abnormal_ip", "frequency_threshold", 1, "response",
                "deny"));

        long deadline = System.nanoTime() + 3_000_000_000L;
        int status;
        do {
            status = signInAt(other, u, BERLIN).status();
            pause();
        } while (status != 403 && System.nanoTime() < deadline);
        assertThat(status).isEqualTo(403);
    }

    private static Api.Response signInAt(Api node, TestUser u, String ip) {
        return node.call("POST", "/v3/auth/tokens").header("X-Forwarded-For", ip).header("User-Agent", CHROME_WINDOWS)
                .json(Fixtures.passwordAuth(u.account().name(), u.name(), Fixtures.USER_PASSWORD)).send();
    }
}
