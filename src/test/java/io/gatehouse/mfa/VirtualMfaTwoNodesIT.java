package io.gatehouse.mfa;

import static org.assertj.core.api.Assertions.assertThat;

import io.gatehouse.testsupport.Api;
import io.gatehouse.testsupport.Fixtures;
import io.gatehouse.testsupport.Fixtures.TestAccount;
import io.gatehouse.testsupport.Fixtures.TestUser;
import io.gatehouse.testsupport.IntegrationTest;
import io.gatehouse.testsupport.SecondNode;
import io.gatehouse.testsupport.TotpCodes;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/**
 * A TOTP code is accepted once across a cluster: a second Gatehouse node, started here on the same
 * database (the same in-memory H2 of this JVM, or the same PostgreSQL schema), refuses a code the
 * first node accepted, and of the same code sent to both nodes at once exactly one sign-in passes.
 */
class VirtualMfaTwoNodesIT extends IntegrationTest {

    private static SecondNode secondNode;

    @AfterAll
    static void stopSecondNode() {
        if (secondNode != null) {
            secondNode.close();
            secondNode = null;
        }
    }

    @Test
    void signInWhenCodeUsedOnOneNodeThenRefusedOnTheOther() {
        Api other = secondNode();
        TestAccount a = fixtures.newAccount();
        TestUser u = fixtures.newUser(a);
        Bound bound = bindNewDevice(u);
        String code = TotpCodes.code(bound.seed(), bound.step());

        Api.Response first = api.post("/v3/auth/tokens", null, VirtualMfaIT.totpAuth(u, List.of("password", "totp"), code));
        Api.Response replayElsewhere = other.post("/v3/auth/tokens", null,
                VirtualMfaIT.totpAuth(u, List.of("password", "totp"), code));

        assertThat(first.status()).as(first.toString()).isEqualTo(201);
        assertThat(replayElsewhere.status()).as(replayElsewhere.toString()).isEqualTo(401);
        // The other node works: the next code passes there.
        Api.Response next = other.post("/v3/auth/tokens", null,
                VirtualMfaIT.totpAuth(u, List.of("password", "totp"), TotpCodes.code(bound.seed(), bound.step() + 1)));
        assertThat(next.status()).as(next.toString()).isEqualTo(201);
    }

    @Test
    void signInWhenSameCodeSentToBothNodesAtOnceThenExactlyOneSucceeds() throws Exception {
        Api other = secondNode();
        TestAccount a = fixtures.newAccount();
        TestUser u = fixtures.newUser(a);
        Bound bound = bindNewDevice(u);
        Map<String, Object> body = VirtualMfaIT.totpAuth(u, List.of("password", "totp"),
                TotpCodes.code(bound.seed(), bound.step()));
        ExecutorService pool = Executors.newFixedThreadPool(8);
        CountDownLatch start = new CountDownLatch(1);
        List<Future<Api.Response>> calls = new ArrayList<>();
        try {
            for (int i = 0; i < 8; i++) {
                Api node = i % 2 == 0 ? api : other;
                calls.add(pool.submit(() -> {
                    start.await();
                    return node.post("/v3/auth/tokens", null, body);
                }));
            }
            start.countDown();
            List<Integer> statuses = new ArrayList<>();
            for (Future<Api.Response> call : calls) {
                statuses.add(call.get(60, TimeUnit.SECONDS).status());
            }

            assertThat(statuses).containsOnly(201, 401);
            assertThat(statuses).filteredOn(s -> s == 201).hasSize(1);
        } finally {
            pool.shutdownNow();
        }
    }

    // ---- helpers -----------------------------------------------------------------------------

    private record Bound(String seed, long step) {
    }

    /** A device bound with the codes of the two steps before the current one, which stays for 8 s or more. */
    private Bound bindNewDevice(TestUser u) {
        String token = fixtures.token(u);
        Api.Response created = api.post(VirtualMfaIT.DEVICES, token, Map.of("virtual_mfa_device",
                Map.of("name", "phone-" + Fixtures.unique(), "user_id", u.id())));
        assertThat(created.status()).as(created.toString()).isEqualTo(201);
        JsonNode d = created.json().get("virtual_mfa_device");
        String seed = d.get("base32_string_seed").asString();
        long step = TotpCodes.awaitStepWithAtLeast(10);
        Api.Response bound = api.put(VirtualMfaIT.BIND, token, Map.of("user_id", u.id(),
                "serial_number", d.get("serial_number").asString(),
                "authentication_code_first", TotpCodes.code(seed, step - 2),
                "authentication_code_second", TotpCodes.code(seed, step - 1)));
        assertThat(bound.status()).as(bound.toString()).isEqualTo(204);
        Api.Response protect = api.put("/v3.0/OS-USER/users/" + u.id() + "/login-protect", u.account().adminToken(),
                Map.of("login_protect", Map.of("enabled", true, "verification_method", "vmfa")));
        assertThat(protect.status()).as(protect.toString()).isEqualTo(200);
        return new Bound(seed, step);
    }

    /** A second node on this test run's database, started once for the class, after the first node. */
    private static synchronized Api secondNode() {
        if (secondNode == null) {
            secondNode = SecondNode.start();
        }
        return secondNode.api();
    }
}
