package io.gatehouse.access;

import static io.gatehouse.access.GrantIT.SECURITY_ADMINISTRATOR;
import static org.assertj.core.api.Assertions.assertThat;

import io.gatehouse.testsupport.Api;
import io.gatehouse.testsupport.Fixtures;
import io.gatehouse.testsupport.Fixtures.TestAccount;
import io.gatehouse.testsupport.Fixtures.TestUser;
import io.gatehouse.testsupport.IntegrationTest;
import io.gatehouse.testsupport.SecondNode;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Two Gatehouse nodes on one database (on PostgreSQL, the same schema): a grant revoked, or a membership
 * removed, through one node applies to the next request the other node serves once its poll of the
 * change feed (100 ms in the tests) has run, although that node had cached the caller's answer for ten
 * minutes.
 */
class GrantAcrossNodesIT extends IntegrationTest {

    /** Far below the ten minutes the other node would otherwise keep its cached answer. */
    private static final Duration WITHIN = Duration.ofSeconds(5);

    /** Started once for the class, after this test's application has migrated the database. */
    private static SecondNode second;
    private Api other;
    private TestAccount account;
    private TestUser user;
    private String group;
    private String token;

    @BeforeEach
    void twoNodes() {
        if (second == null) {
            second = SecondNode.start();
        }
        other = second.api();
        account = fixtures.newAccount();
        user = fixtures.newUser(account);
        group = api.post("/v3/groups", account.adminToken(), Map.of("group", Map.of("name", "g-" + Fixtures.unique())))
                .json().get("group").get("id").asString();
        token = fixtures.token(user);
    }

    @AfterAll
    static void stop() {
        if (second != null) {
            second.close();
            second = null;
        }
    }

    @Test
    void grantWhenRevokedOnOneNodeThenOtherNodeRefusesNextRequest() {
        String grant = "/v3/domains/" + account.id() + "/users/" + user.id() + "/roles/" + SECURITY_ADMINISTRATOR;
        assertThat(other.get("/v3/users", token).status()).as("refused and cached as such").isEqualTo(403);
        assertThat(put(api, grant).status()).isEqualTo(204);
        awaitStatus(other, 200);
        assertThat(other.get("/v3/users", token).status()).as("now cached as allowed").isEqualTo(200);

        assertThat(api.delete(grant, account.adminToken()).status()).isEqualTo(204);

        awaitStatus(other, 403);
    }

    @Test
    void membershipWhenRemovedOnOneNodeThenOtherNodeRefusesNextRequest() {
        put(api, "/v3/domains/" + account.id() + "/groups/" + group + "/roles/" + SECURITY_ADMINISTRATOR);
        put(api, "/v3/groups/" + group + "/users/" + user.id());
        awaitStatus(other, 200);

        // The removal is made on the second node this time, and the first must see it.
        assertThat(other.delete("/v3/groups/" + group + "/users/" + user.id(), account.adminToken()).status())
                .isEqualTo(204);

        assertThat(other.get("/v3/users", token).status()).as("on the node that made the change").isEqualTo(403);
        awaitStatus(api, 403);
    }

    @Test
    void groupWhenDeletedOnOneNodeThenItsMembersLoseItsGrantsOnTheOther() {
        put(api, "/v3/OS-INHERIT/domains/" + account.id() + "/groups/" + group + "/roles/" + SECURITY_ADMINISTRATOR
                + "/inherited_to_projects");
        put(api, "/v3/domains/" + account.id() + "/groups/" + group + "/roles/" + SECURITY_ADMINISTRATOR);
        put(api, "/v3/groups/" + group + "/users/" + user.id());
        awaitStatus(other, 200);

        assertThat(api.delete("/v3/groups/" + group, account.adminToken()).status()).isEqualTo(204);

        awaitStatus(other, 403);
        assertThat(other.get("/v3/groups/" + group, account.adminToken()).status()).isEqualTo(404);
    }

    private Api.Response put(Api node, String path) {
        Api.Response r = node.call("PUT", path).token(account.adminToken()).send();
        assertThat(r.status()).as(path + " " + r).isEqualTo(204);
        return r;
    }

    /** Polls the node until the caller's list of users answers {@code status}; fails after {@link #WITHIN}. */
    private void awaitStatus(Api node, int status) {
        long deadline = System.nanoTime() + WITHIN.toNanos();
        int last;
        do {
            last = node.get("/v3/users", token).status();
            if (last == status) {
                return;
            }
            try {
                Thread.sleep(20);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException(e);
            }
        } while (System.nanoTime() < deadline);
        throw new AssertionError("The node still answered " + last + " after " + WITHIN + ", expected " + status);
    }
}
