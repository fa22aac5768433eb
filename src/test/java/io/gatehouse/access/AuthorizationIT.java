package io.gatehouse.access;

import static org.assertj.core.api.Assertions.assertThat;

import io.gatehouse.testsupport.Api;
import io.gatehouse.testsupport.Fixtures.TestAccount;
import io.gatehouse.testsupport.Fixtures.TestUser;
import io.gatehouse.testsupport.IntegrationTest;
import java.util.List;
import java.util.Map;
import java.util.function.BiFunction;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Who may call what: every user and login-protect endpoint, refused with no token, a garbage token,
 * a plain user's token (where it is not its own resource), and another account's administrator.
 */
class AuthorizationIT extends IntegrationTest {

    @org.springframework.beans.factory.annotation.Autowired
    AccessService access;

    @org.springframework.beans.factory.annotation.Autowired
    org.springframework.transaction.PlatformTransactionManager transactions;

    private TestAccount account;
    private TestUser target;
    private TestUser plain;
    private TestAccount other;

    @BeforeEach
    void scenario() {
        account = fixtures.newAccount();
        target = fixtures.newUser(account, Map.of("email", "t-" + System.nanoTime() + "@example.com"));
        plain = fixtures.newUser(account);
        other = fixtures.newAccount();
    }

    /** An endpoint, called with a given token against {@link #target}. */
    private record Endpoint(String label, BiFunction<Api, String, Api.Response> call) {
    }

    private List<Endpoint> adminEndpoints() {
        String id = target.id();
        return List.of(
                new Endpoint("create user (OS-USER)", (a, t) -> a.post("/v3.0/OS-USER/users", t,
                        Map.of("user", Map.of("name", "x" + System.nanoTime(), "domain_id", account.id())))),
                new Endpoint("update user (OS-USER)", (a, t) -> a.put("/v3.0/OS-USER/users/" + id, t,
                        Map.of("user", Map.of("description", "changed")))),
                new Endpoint("list users", (a, t) -> a.get("/v3/users", t)),
                new Endpoint("create user (Keystone)", (a, t) -> a.post("/v3/users", t,
                        Map.of("user", Map.of("name", "k" + System.nanoTime())))),
                new Endpoint("update user (Keystone)", (a, t) -> a.patch("/v3/users/" + id, t,
                        Map.of("user", Map.of("description", "changed")))),
                new Endpoint("delete user", (a, t) -> a.delete("/v3/users/" + id, t)),
                new Endpoint("set login protection", (a, t) -> a.put("/v3.0/OS-USER/users/" + id + "/login-protect", t,
                        Map.of("login_protect", Map.of("enabled", true, "verification_method", "email")))),
                new Endpoint("list login protection", (a, t) -> a.get("/v3.0/OS-USER/login-protects", t)));
    }

    private List<Endpoint> targetedReads() {
        String id = target.id();
        return List.of(
                new Endpoint("show user (OS-USER)", (a, t) -> a.get("/v3.0/OS-USER/users/" + id, t)),
                new Endpoint("show user (Keystone)", (a, t) -> a.get("/v3/users/" + id, t)),
                new Endpoint("show login protection", (a, t) -> a.get("/v3.0/OS-USER/users/" + id + "/login-protect", t)));
    }

    private List<Endpoint> all() {
        List<Endpoint> all = new java.util.ArrayList<>(adminEndpoints());
        all.addAll(targetedReads());
        String id = target.id();
        all.add(new Endpoint("self info", (a, t) -> a.put("/v3.0/OS-USER/users/" + id + "/info", t,
                Map.of("user", Map.of("email", "n@example.com")))));
        all.add(new Endpoint("self password", (a, t) -> a.post("/v3/users/" + id + "/password", t,
                Map.of("user", Map.of("password", "New-Pass-12345", "original_password", "User-Pass-1234")))));
        return all;
    }

    @Test
    void everyEndpointWhenNoTokenThen401() {
        for (Endpoint e : all()) {
            Api.Response r = e.call().apply(api, null);
            assertThat(r.status()).as(e.label() + ": " + r).isEqualTo(401);
            assertThat(r.errorCode()).as(e.label()).isEqualTo("IAM.0001");
        }
    }

    @Test
    void everyEndpointWhenGarbageTokenThen401() {
        for (Endpoint e : all()) {
            Api.Response r = e.call().apply(api, "not-a-token");
            assertThat(r.status()).as(e.label() + ": " + r).isEqualTo(401);
            assertThat(r.errorCode()).as(e.label()).isEqualTo("IAM.0067");
        }
    }

    @Test
    void everyEndpointWhenTamperedTokenThen401() {
        String token = account.adminToken();
        // Flip one character of the signature.
        int i = token.length() - 5;
        String tampered = token.substring(0, i) + (token.charAt(i) == 'A' ? 'B' : 'A') + token.substring(i + 1);
        for (Endpoint e : all()) {
            Api.Response r = e.call().apply(api, tampered);
            assertThat(r.status()).as(e.label() + ": " + r).isEqualTo(401);
        }
    }

    @Test
    void everyEndpointWhenTokenRevokedThen401() {
        String token = fixtures.token(account, "owner", io.gatehouse.testsupport.Fixtures.OWNER_PASSWORD);
        assertThat(api.call("DELETE", "/v3/auth/tokens").token(token).header("X-Subject-Token", token).send().status())
                .isEqualTo(204);
        for (Endpoint e : all()) {
            Api.Response r = e.call().apply(api, token);
            assertThat(r.status()).as(e.label() + ": " + r).isEqualTo(401);
            assertThat(r.errorCode()).as(e.label()).isEqualTo("IAM.0067");
        }
    }

    @Test
    void adminEndpointsWhenPlainUserThen403NamingTheAction() {
        String token = fixtures.token(plain);
        for (Endpoint e : adminEndpoints()) {
            Api.Response r = e.call().apply(api, token);
            assertThat(r.status()).as(e.label() + ": " + r).isEqualTo(403);
            assertThat(r.errorCode()).as(e.label()).isEqualTo("IAM.0003");
            assertThat(r.json().get("error_msg").asString()).as(e.label()).startsWith("Policy doesn't allow iam:");
        }
        // Nothing was changed by the refused writes.
        Api.Response after = api.get("/v3.0/OS-USER/users/" + target.id(), account.adminToken());
        assertThat(after.json().get("user").get("description").asString()).isEmpty();
    }

    @Test
    void anotherUsersResourcesWhenPlainUserThen403() {
        String token = fixtures.token(plain);
        for (Endpoint e : targetedReads()) {
            Api.Response r = e.call().apply(api, token);
            assertThat(r.status()).as(e.label() + ": " + r).isEqualTo(403);
        }
        Api.Response info = api.put("/v3.0/OS-USER/users/" + target.id() + "/info", token,
                Map.of("user", Map.of("email", "steal@example.com")));
        assertThat(info.status()).isEqualTo(403);
    }

    @Test
    void ownResourcesWhenPlainUserThenAllowed() {
        String token = fixtures.token(plain);
        assertThat(api.get("/v3.0/OS-USER/users/" + plain.id(), token).status()).isEqualTo(200);
        assertThat(api.get("/v3/users/" + plain.id(), token).status()).isEqualTo(200);
        assertThat(api.put("/v3.0/OS-USER/users/" + plain.id() + "/info", token,
                Map.of("user", Map.of("email", "me-" + System.nanoTime() + "@example.com"))).status()).isEqualTo(204);
        // A plain user may not promote itself through the admin update, even on itself.
        Api.Response selfAdmin = api.put("/v3.0/OS-USER/users/" + plain.id(), token,
                Map.of("user", Map.of("access_mode", "programmatic")));
        assertThat(selfAdmin.status()).isEqualTo(403);
    }

    @Test
    void everyTargetedEndpointWhenOtherAccountsAdminThenSame404AsMissingUser() {
        String missing = "0123456789abcdef0123456789abcdef";
        for (Endpoint e : all()) {
            if (e.label().startsWith("create") || e.label().startsWith("list") || e.label().startsWith("self")) {
                continue;
            }
            Api.Response foreign = e.call().apply(api, other.adminToken());
            assertThat(foreign.status()).as(e.label() + ": " + foreign).isEqualTo(404);
            assertThat(foreign.errorCode()).as(e.label()).isEqualTo("IAM.0004");
        }
        Api.Response foreign = api.get("/v3.0/OS-USER/users/" + target.id(), other.adminToken());
        Api.Response absent = api.get("/v3.0/OS-USER/users/" + missing, other.adminToken());
        assertThat(foreign.text().replace(target.id(), "ID")).isEqualTo(absent.text().replace(missing, "ID"));
    }

    @Test
    void listAndCreateWhenOtherAccountsAdminThenConfinedToItsOwnAccount() {
        Api.Response list = api.get("/v3/users?domain_id=" + account.id(), other.adminToken());
        assertThat(list.status()).isEqualTo(200);
        assertThat(list.json().get("users")).isEmpty();
        Api.Response all = api.get("/v3/users", other.adminToken());
        assertThat(all.text()).doesNotContain(target.id()).doesNotContain(account.id());
        Api.Response create = api.post("/v3.0/OS-USER/users", other.adminToken(),
                Map.of("user", Map.of("name", "intruder", "domain_id", account.id())));
        assertThat(create.status()).isEqualTo(400);
        assertThat(api.get("/v3/users?name=intruder", account.adminToken()).json().get("users")).isEmpty();
        Api.Response protects = api.get("/v3.0/OS-USER/login-protects", other.adminToken());
        assertThat(protects.text()).doesNotContain(target.id());
    }

    @Test
    void adminEndpointsWhenUserHoldsSecurityAdministratorThenAllowedInItsOwnAccountOnly() {
        TestUser securityAdmin = fixtures.newUser(account);
        new org.springframework.transaction.support.TransactionTemplate(transactions).executeWithoutResult(
                s -> access.grantSecurityAdministrator(account.id(), securityAdmin.id()));
        String token = fixtures.token(securityAdmin);

        Api.Response update = api.put("/v3.0/OS-USER/users/" + target.id(), token,
                Map.of("user", Map.of("description", "by the security administrator")));
        Api.Response list = api.get("/v3/users", token);
        Api.Response foreign = api.get("/v3/users/" + other.ownerId(), token);

        assertThat(update.status()).as(update.toString()).isEqualTo(200);
        assertThat(list.status()).isEqualTo(200);
        assertThat(foreign.status()).isEqualTo(404);
    }

    @Test
    void tokenEndpointsWhenOtherAccountsTokenThenNotFound() {
        String subject = fixtures.token(plain);
        Api.Response validate = api.call("GET", "/v3/auth/tokens").token(other.adminToken())
                .header("X-Subject-Token", subject).send();
        assertThat(validate.status()).isEqualTo(404);
        Api.Response revoke = api.call("DELETE", "/v3/auth/tokens").token(other.adminToken())
                .header("X-Subject-Token", subject).send();
        assertThat(revoke.status()).isEqualTo(404);
        assertThat(api.get("/v3/users/" + plain.id(), subject).status()).isEqualTo(200);
    }

    @Test
    void revokeWhenPlainUserTargetsAnotherUsersTokenThen403AndAdminMay() {
        String victim = fixtures.token(target.account(), target.name(), io.gatehouse.testsupport.Fixtures.USER_PASSWORD);
        Api.Response refused = api.call("DELETE", "/v3/auth/tokens").token(fixtures.token(plain))
                .header("X-Subject-Token", victim).send();
        assertThat(refused.status()).isEqualTo(403);
        assertThat(api.get("/v3/users/" + target.id(), victim).status()).isEqualTo(200);
        Api.Response byAdmin = api.call("DELETE", "/v3/auth/tokens").token(account.adminToken())
                .header("X-Subject-Token", victim).send();
        assertThat(byAdmin.status()).isEqualTo(204);
        assertThat(api.get("/v3/users/" + target.id(), victim).status()).isEqualTo(401);
    }
}
