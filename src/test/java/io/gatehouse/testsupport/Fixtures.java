package io.gatehouse.testsupport;

import static org.assertj.core.api.Assertions.assertThat;

import io.gatehouse.provisioning.AccountProvisioner;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.springframework.stereotype.Component;

/**
 * Builds the scenario a test needs through the public API: an account with its owner, more users,
 * tokens. Names are unique per call, so tests sharing one database never collide.
 */
@Component
public class Fixtures {

    public static final String OWNER_PASSWORD = "Owner-Pass-1234";
    public static final String USER_PASSWORD = "User-Pass-1234";
    /** The name of every account's default project: the configured region's. */
    public static final String DEFAULT_PROJECT = "gh-region-1";

    private final AccountProvisioner provisioner;
    private Api api;

    Fixtures(AccountProvisioner provisioner) {
        this.provisioner = provisioner;
    }

    void useApi(Api api) {
        this.api = api;
    }

    /** An account whose owner is in the admin group, with the owner's domain-scoped token. */
    public TestAccount newAccount() {
        String name = "acct-" + unique();
        AccountProvisioner.Provisioned p = provisioner.provision(name, "owner", OWNER_PASSWORD);
        TestAccount account = new TestAccount(p.account().id(), name, p.owner().id(), null);
        return account.withAdminToken(token(account, "owner", OWNER_PASSWORD));
    }

    /** A plain user (no groups, no grants) with a known password and no forced password change. */
    public TestUser newUser(TestAccount account) {
        return newUser(account, Map.of());
    }

    public TestUser newUser(TestAccount account, Map<String, Object> extra) {
        String name = "user-" + unique();
        Map<String, Object> user = new java.util.HashMap<>(Map.of("name", name, "domain_id", account.id(),
                "password", USER_PASSWORD, "pwd_status", false));
        user.putAll(extra);
        Api.Response r = api.post("/v3.0/OS-USER/users", account.adminToken(), Map.of("user", user));
        assertThat(r.status()).as(r.toString()).isEqualTo(201);
        return new TestUser(r.json().get("user").get("id").asString(), name, account);
    }

    public String token(TestAccount account, String userName, String password) {
        Api.Response r = signIn(account.name(), userName, password);
        assertThat(r.status()).as(r.toString()).isEqualTo(201);
        return r.header("X-Subject-Token");
    }

    public String token(TestUser user) {
        return token(user.account(), user.name(), USER_PASSWORD);
    }

    public Api.Response signIn(String accountName, String userName, String password) {
        return api.post("/v3/auth/tokens", null, passwordAuth(accountName, userName, password));
    }

    public static Map<String, Object> passwordAuth(String accountName, String userName, String password) {
        return Map.of("auth", Map.of(
                "identity", Map.of("methods", List.of("password"),
                        "password", Map.of("user", Map.of("name", userName, "password", password,
                                "domain", Map.of("name", accountName)))),
                "scope", Map.of("domain", Map.of("name", accountName))));
    }

    /** The id of the account's default project, from a project-scoped sign-in of its owner. */
    public String defaultProjectId(TestAccount account) {
        Api.Response r = api.post("/v3/auth/tokens", null, Map.of("auth", Map.of(
                "identity", Map.of("methods", List.of("password"), "password", Map.of("user",
                        Map.of("id", account.ownerId(), "password", OWNER_PASSWORD))),
                "scope", Map.of("project", Map.of("name", DEFAULT_PROJECT, "domain", Map.of("id", account.id()))))));
        assertThat(r.status()).as(r.toString()).isEqualTo(201);
        return r.json().get("token").get("project").get("id").asString();
    }

    public static String unique() {
        return UUID.randomUUID().toString().replace("-", "").substring(0, 10);
    }

    public record TestAccount(String id, String name, String ownerId, String adminToken) {
        TestAccount withAdminToken(String token) {
            return new TestAccount(id, name, ownerId, token);
        }
    }

    public record TestUser(String id, String name, TestAccount account) {
    }
}
