package io.gatehouse.credential;

import static io.gatehouse.credential.AccessKeyIT.create;
import static org.assertj.core.api.Assertions.assertThat;

import io.gatehouse.testsupport.AkSk;
import io.gatehouse.testsupport.Api;
import io.gatehouse.testsupport.Fixtures.TestAccount;
import io.gatehouse.testsupport.Fixtures.TestUser;
import io.gatehouse.testsupport.IntegrationTest;
import io.gatehouse.testsupport.SecondNode;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/**
 * Two nodes on one database: each verifies signatures from its own cache, and a change made on one node
 * (a key deleted or deactivated, its user disabled) reaches the other's cache through the change feed.
 */
class AccessKeyTwoNodesIT extends IntegrationTest {

    private static SecondNode secondNode;

    @AfterAll
    static void stopSecondNode() {
        if (secondNode != null) {
            secondNode.close();
        }
    }

    @Test
    void keyWhenDeletedOnOneNodeThenRefusedByTheOtherWhichHadItCached() throws InterruptedException {
        TestAccount account = fixtures.newAccount();
        AkSk.Key key = keyOf(account, account.ownerId());
        Api other = second();
        String path = "/v3.0/OS-USER/users/" + account.ownerId();
        // Created on this node, usable on the other at once (it loads the key on first sight) and now cached there.
        assertThat(AkSk.signed(other, "GET", path, null, key).send().status()).isEqualTo(200);

        assertThat(api.delete("/v3.0/OS-CREDENTIAL/credentials/" + key.access(), account.adminToken()).status())
                .isEqualTo(204);

        assertThat(awaitStatus(other, path, key, 401)).as("refused on the other node").isTrue();
        assertThat(AkSk.signed(api, "GET", path, null, key).send().status()).isEqualTo(401);
    }

    @Test
    void keyWhenDeactivatedOrUserDisabledOnOneNodeThenRefusedByTheOther() throws InterruptedException {
        TestAccount account = fixtures.newAccount();
        TestUser user = fixtures.newUser(account);
        AkSk.Key key = keyOf(account, user.id());
        Api other = second();
        String path = "/v3.0/OS-USER/users/" + user.id();
        assertThat(AkSk.signed(other, "GET", path, null, key).send().status()).isEqualTo(200);

        api.put("/v3.0/OS-CREDENTIAL/credentials/" + key.access(), account.adminToken(),
                Map.of("credential", Map.of("status", "inactive")));
        assertThat(awaitStatus(other, path, key, 400)).as("inactive on the other node").isTrue();

        api.put("/v3.0/OS-CREDENTIAL/credentials/" + key.access(), account.adminToken(),
                Map.of("credential", Map.of("status", "active")));
        assertThat(awaitStatus(other, path, key, 200)).as("active again on the other node").isTrue();

        api.put(path, account.adminToken(), Map.of("user", Map.of("enabled", false)));
        assertThat(awaitStatus(other, path, key, 403)).as("user disabled on the other node").isTrue();
    }

    /** The change feed is polled every 100 ms in the tests; a few seconds bound a slow machine. */
    private static boolean awaitStatus(Api node, String path, AkSk.Key key, int status) throws InterruptedException {
        long deadline = System.nanoTime() + 10_000_000_000L;
        do {
            if (AkSk.signed(node, "GET", path, null, key).send().status() == status) {
                return true;
            }
            Thread.sleep(50);
        } while (System.nanoTime() < deadline);
        return false;
    }

    private static synchronized Api second() {
        if (secondNode == null) {
            secondNode = SecondNode.start();
        }
        return secondNode.api();
    }

    private AkSk.Key keyOf(TestAccount account, String userId) {
        JsonNode c = api.post("/v3.0/OS-CREDENTIAL/credentials", account.adminToken(), create(userId)).json()
                .get("credential");
        return AkSk.Key.permanent(c.get("access").asString(), c.get("secret").asString());
    }
}
