package io.gatehouse.auth;

import static org.assertj.core.api.Assertions.assertThat;

import io.gatehouse.GatehouseApplication;
import io.gatehouse.testsupport.Api;
import io.gatehouse.testsupport.Fixtures;
import io.gatehouse.testsupport.Fixtures.TestAccount;
import io.gatehouse.testsupport.Fixtures.TestUser;
import io.gatehouse.testsupport.IntegrationTest;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.web.server.context.WebServerApplicationContext;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.core.env.Environment;

/**
 * Two Gatehouse nodes on one database: this test's application and a second one started here with the
 * same settings (on H2, the same named in-memory database of this JVM; on PostgreSQL, the same schema).
 * A brute force spread over both counts each failure once and locks after the threshold, and a policy
 * change made on one node reaches the other's cache.
 */
class LockoutAcrossNodesIT extends IntegrationTest {

    private static final String WRONG = "Wrong-Pass-0000";

    @Autowired
    Environment environment;

    private ConfigurableApplicationContext second;

    @AfterEach
    void stopSecondNode() {
        if (second != null) {
            second.close();
        }
    }

    @Test
    void signInWhenAttackSpreadOverTwoNodesThenThresholdCountedAndLockedOnBoth() throws Exception {
        Api other = startSecondNode();
        TestAccount a = fixtures.newAccount();
        TestUser u = fixtures.newUser(a);
        String policy = "/v3.0/OS-SECURITYPOLICY/domains/" + a.id() + "/login-policy";
        // The second node reads (and caches) the default policy first; the change must reach its cache.
        assertThat(other.get(policy, a.adminToken()).json().get("login_policy").get("login_failed_times").asInt())
                .isEqualTo(5);
        assertThat(api.put(policy, a.adminToken(), Map.of("login_policy", Map.of("login_failed_times", 4))).status())
                .isEqualTo(200);
        awaitThreshold(other, policy, a.adminToken(), 4);

        AtomicInteger turn = new AtomicInteger();
        List<Api.Response> answers = LockoutIT.concurrently(20, () -> {
            Api node = turn.getAndIncrement() % 2 == 0 ? api : other;
            return node.post("/v3/auth/tokens", null, Fixtures.passwordAuth(a.name(), u.name(), WRONG));
        });

        assertThat(answers).allSatisfy(r -> assertThat(r.status()).as(r.toString()).isEqualTo(401));
        assertThat(answers.stream().filter(r -> "IAM.0001".equals(r.errorCode()))).hasSize(4);
        assertThat(answers.stream().filter(r -> "IAM.0061".equals(r.errorCode()))).hasSize(16);
        for (Api node : List.of(api, other)) {
            Api.Response right = node.post("/v3/auth/tokens", null,
                    Fixtures.passwordAuth(a.name(), u.name(), Fixtures.USER_PASSWORD));
            assertThat(right.errorCode()).as(right.toString()).isEqualTo("IAM.0061");
            Api.Response lockout = node.get("/gatehouse/v1/users/" + u.id() + "/lockout", a.adminToken());
            assertThat(lockout.json().get("lockout").get("locked").asBoolean()).isTrue();
            assertThat(lockout.json().get("lockout").get("failures").asInt()).isEqualTo(4);
        }
        // Unlocked on one node, the user signs in on the other.
        assertThat(other.delete("/gatehouse/v1/users/" + u.id() + "/lockout", a.adminToken()).status()).isEqualTo(204);
        assertThat(api.post("/v3/auth/tokens", null, Fixtures.passwordAuth(a.name(), u.name(), Fixtures.USER_PASSWORD))
                .status()).isEqualTo(201);
    }

    private static void awaitThreshold(Api node, String policy, String token, int expected) throws InterruptedException {
        long deadline = System.nanoTime() + 10_000_000_000L;
        int seen;
        do {
            seen = node.get(policy, token).json().get("login_policy").get("login_failed_times").asInt();
            if (seen == expected) {
                return;
            }
            Thread.sleep(50);
        } while (System.nanoTime() < deadline);
        assertThat(seen).as("the second node's policy after 10 s").isEqualTo(expected);
    }

    /** A second application on this test's database, with this test's settings. */
    private Api startSecondNode() {
        List<String> settings = new ArrayList<>(List.of("server.port=0", "spring.datasource.url",
                "spring.datasource.username", "spring.datasource.password", "gatehouse.master-key.key",
                "gatehouse.password.argon2.memory-kib", "gatehouse.password.argon2.iterations",
                "gatehouse.bootstrap.password", "gatehouse.cluster.poll-interval", "logging.level.root"));
        if (environment.getProperty("spring.flyway.schemas") != null) {
            settings.add("spring.flyway.schemas");
            settings.add("spring.flyway.default-schema");
        }
        String[] arguments = settings.stream()
                .map(s -> s.contains("=") ? "--" + s : "--" + s + "=" + environment.getProperty(s, ""))
                .toArray(String[]::new);
        second = new SpringApplicationBuilder(GatehouseApplication.class).run(arguments);
        return new Api("http://127.0.0.1:" + ((WebServerApplicationContext) second).getWebServer().getPort());
    }
}
