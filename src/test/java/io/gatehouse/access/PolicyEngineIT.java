package io.gatehouse.access;

import static io.gatehouse.access.CustomPolicyIT.assertDenied;
import static io.gatehouse.access.CustomPolicyIT.policy;
import static io.gatehouse.access.CustomPolicyIT.role;
import static io.gatehouse.access.CustomPolicyIT.statement;
import static org.assertj.core.api.Assertions.assertThat;

import io.gatehouse.testsupport.Api;
import io.gatehouse.testsupport.Fixtures;
import io.gatehouse.testsupport.Fixtures.TestAccount;
import io.gatehouse.testsupport.Fixtures.TestUser;
import io.gatehouse.testsupport.Grants;
import io.gatehouse.testsupport.IntegrationTest;
import io.gatehouse.testsupport.SecondNode;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * The policy engine through HTTP: a user gets exactly what its granted policies allow, Deny wins,
 * wildcards, conditions, the token's scope, and a change applies on the next request on every node.
 */
class PolicyEngineIT extends IntegrationTest {

    @Autowired
    Grants grants;

    @Autowired
    JdbcClient jdbc;

    private TestAccount account;
    private TestUser target;
    private TestUser caller;

    @BeforeEach
    void scenario() {
        account = fixtures.newAccount();
        target = fixtures.newUser(account);
        caller = fixtures.newUser(account);
    }

    private String grantCustom(Map<String, Object> policy) {
        String id = CustomPolicyIT.create(api, account, "P" + Fixtures.unique(), policy);
        grants.onAccount(caller, id);
        return id;
    }

    private Api.Response getTarget(String token) {
        return api.get("/v3.0/OS-USER/users/" + target.id(), token);
    }

    private Api.Response updateTarget(String token) {
        return api.put("/v3.0/OS-USER/users/" + target.id(), token, Map.of("user", Map.of("description", "by policy")));
    }

    @Test
    void customPolicyWhenGrantedThenExactlyItsActionsAreAllowed() {
        grantCustom(policy(statement("Allow", "iam:users:getUser", "iam:users:listUsers")));
        String token = fixtures.token(caller);

        assertThat(getTarget(token).status()).isEqualTo(200);
        assertThat(api.get("/v3/users", token).status()).isEqualTo(200);
        assertDenied(updateTarget(token), "iam:users:updateUser");
        assertDenied(api.delete("/v3/users/" + target.id(), token), "iam:users:deleteUser");
        assertDenied(api.get("/v3.0/OS-USER/login-protects", token), "iam:users:listUserLoginProtects");
    }

    @Test
    void denyWhenAnotherPolicyAllowsThenDenyWins() {
        grantCustom(policy(statement("Allow", "iam:users:*")));
        grantCustom(policy(statement("Deny", "iam:users:deleteUser")));
        String token = fixtures.token(caller);

        assertThat(updateTarget(token).status()).isEqualTo(200);
        assertDenied(api.delete("/v3/users/" + target.id(), token), "iam:users:deleteUser");
        assertThat(getTarget(account.adminToken()).status()).isEqualTo(200);
    }

    @Test
    void wildcardWhenVerbPrefixThenReadsOfEveryResourceOnly() {
        grantCustom(policy(statement("Allow", "iam:*:get*")));
        String token = fixtures.token(caller);

        assertThat(getTarget(token).status()).isEqualTo(200);
        assertThat(api.get("/v3.0/OS-SECURITYPOLICY/domains/" + account.id() + "/password-policy", token).status())
                .isEqualTo(200);
        assertDenied(api.get("/v3/users", token), "iam:users:listUsers");
        assertDenied(updateTarget(token), "iam:users:updateUser");
    }

    @Test
    void notActionWhenAllowThenEverythingElseOfItsScope() {
        grantCustom(policy(Map.of("Effect", "Allow", "NotAction", List.of("iam:users:deleteUser", "gatehouse:*:*",
                "iam:securitypolicies:*", "iam:roles:*", "iam:mfa:*", "iam:tokens:*", "iam:permissions:*",
                "iam:credentials:*", "iam:groups:*", "iam:projects:*", "iam:agencies:*"))));
        String token = fixtures.token(caller);

        assertThat(updateTarget(token).status()).isEqualTo(200);
        assertDenied(api.delete("/v3/users/" + target.id(), token), "iam:users:deleteUser");
        assertDenied(api.get("/gatehouse/v1/users/" + target.id() + "/lockout", token), "gatehouse:users:getLockout");
    }

    @Test
    void readOnlyRoleWhenGrantedThenReadsButCannotWrite() {
        grants.onAccount(caller, Grants.IAM_READ_ONLY_ACCESS);
        String token = fixtures.token(caller);

        assertThat(getTarget(token).status()).isEqualTo(200);
        assertThat(api.get("/v3/users", token).status()).isEqualTo(200);
        assertThat(api.get("/gatehouse/v1/users/" + target.id() + "/lockout", token).status()).isEqualTo(200);
        assertThat(api.get("/v3/roles", token).status()).isEqualTo(200);
        assertDenied(updateTarget(token), "iam:users:updateUser");
        assertDenied(api.delete("/gatehouse/v1/users/" + target.id() + "/lockout", token), "gatehouse:users:unlock");
    }

    @Test
    void tenantAdministratorWhenGrantedThenIamIsDenied() {
        grants.onAccount(caller, Grants.TENANT_ADMINISTRATOR);
        assertDenied(getTarget(fixtures.token(caller)), "iam:users:getUser");
    }

    @Test
    void sourceIpConditionWhenRequestFromInsideThenAllowedElseDenied() {
        grantCustom(policy(Map.of("Effect", "Allow", "Action", List.of("iam:users:getUser"),
                "Condition", Map.of("IpAddress", Map.of("g:SourceIp", List.of("203.0.113.0/24"))))));
        String token = fixtures.token(caller);

        Api.Response inside = api.call("GET", "/v3.0/OS-USER/users/" + target.id()).token(token)
                .header("X-Forwarded-For", "203.0.113.7").send();
        Api.Response outside = api.call("GET", "/v3.0/OS-USER/users/" + target.id()).token(token)
                .header("X-Forwarded-For", "198.51.100.7").send();
        assertThat(inside.status()).isEqualTo(200);
        assertDenied(outside, "iam:users:getUser");
    }

    @Test
    void userNameConditionWhenItDoesNotMatchThenTheStatementDoesNotApply() {
        grantCustom(policy(Map.of("Effect", "Allow", "Action", List.of("iam:users:*"),
                "Condition", Map.of("StringStartWith", Map.of("g:UserName", List.of("ops-"))))));
        assertDenied(getTarget(fixtures.token(caller)), "iam:users:getUser");
    }

    @Test
    void mfaConditionWhenPasswordOnlyTokenThenDenied() {
        grantCustom(policy(Map.of("Effect", "Allow", "Action", List.of("iam:users:getUser"),
                "Condition", Map.of("Bool", Map.of("g:MFAPresent", List.of("true"))))));
        assertDenied(getTarget(fixtures.token(caller)), "iam:users:getUser");
    }

    @Test
    void scopeWhenGrantOnProjectOnlyThenIamActionsAreNotAllowedEvenWithThatProjectsToken() {
        Map<String, Object> project = jdbc.sql("SELECT id, name FROM project WHERE domain_id = :d")
                .param("d", account.id()).query().singleRow();
        grants.onProject(caller, Grants.IAM_READ_ONLY_ACCESS, (String) project.get("id"));
        String projectToken = projectToken(caller, (String) project.get("name"));

        assertDenied(getTarget(projectToken), "iam:users:getUser");
        assertDenied(getTarget(fixtures.token(caller)), "iam:users:getUser");

        // An IAM grant on the account counts for a project-scoped token too: IAM is a global service.
        grants.onAccount(caller, Grants.IAM_READ_ONLY_ACCESS);
        assertThat(getTarget(projectToken).status()).isEqualTo(200);
    }

    private String projectToken(TestUser user, String projectName) {
        Map<String, Object> body = Map.of("auth", Map.of(
                "identity", Map.of("methods", List.of("password"), "password", Map.of("user", Map.of(
                        "name", user.name(), "password", Fixtures.USER_PASSWORD,
                        "domain", Map.of("name", account.name())))),
                "scope", Map.of("project", Map.of("name", projectName))));
        Api.Response r = api.post("/v3/auth/tokens", null, body);
        assertThat(r.status()).as(r.toString()).isEqualTo(201);
        return r.header("X-Subject-Token");
    }

    @Test
    void policyChangeWhenUpdatedThenAppliesOnTheNextRequest() {
        String id = grantCustom(policy(statement("Allow", "iam:users:getUser")));
        String token = fixtures.token(caller);
        assertThat(getTarget(token).status()).isEqualTo(200);

        Api.Response changed = api.patch("/v3.0/OS-ROLE/roles/" + id, account.adminToken(),
                Map.of("role", role("Now lists", policy(statement("Allow", "iam:users:listUsers")))));
        assertThat(changed.status()).isEqualTo(200);

        assertDenied(getTarget(token), "iam:users:getUser");
        assertThat(api.get("/v3/users", token).status()).isEqualTo(200);
    }

    @Test
    void policyChangeWhenMadeOnOneNodeThenTheOtherNodeAppliesIt() throws InterruptedException {
        String id = grantCustom(policy(statement("Allow", "iam:users:getUser")));
        String token = fixtures.token(caller);
        try (SecondNode second = SecondNode.start()) {
            Api other = second.api();
            assertThat(other.get("/v3.0/OS-USER/users/" + target.id(), token).status()).isEqualTo(200);

            api.patch("/v3.0/OS-ROLE/roles/" + id, account.adminToken(),
                    Map.of("role", role("Nothing", policy(statement("Allow", "iam:users:listUsers")))));

            // The other node learns of the change from the change feed, polled every 100 ms in the tests.
            int status = 200;
            for (int i = 0; i < 50 && status == 200; i++) {
                Thread.sleep(100);
                status = other.get("/v3.0/OS-USER/users/" + target.id(), token).status();
            }
            assertThat(status).isEqualTo(403);
        }
    }

    @Test
    void adminGroupWhenMemberThenEveryIamAndGatehouseAction() {
        String owner = account.adminToken();
        assertThat(updateTarget(owner).status()).isEqualTo(200);
        assertThat(api.delete("/gatehouse/v1/users/" + target.id() + "/lockout", owner).status()).isEqualTo(204);
        assertThat(api.get("/v3/roles?domain_id=" + account.id(), owner).status()).isEqualTo(200);
    }

    @Test
    void systemRolesWhenListedThenEachWithItsPolicy() {
        Api.Response list = api.get("/v3/roles", account.adminToken());
        assertThat(list.status()).isEqualTo(200);
        List<String> names = list.json().get("roles").valueStream().map(r -> r.get("display_name").asString()).toList();
        assertThat(names).contains("Tenant Administrator", "Security Administrator", "Tenant Guest", "IAM FullAccess",
                "IAM ReadOnlyAccess", "FullAccess");
        assertThat(list.json().get("total_number").asInt()).isEqualTo(names.size());
        list.json().get("roles").valueStream().forEach(r -> {
            assertThat(r.get("policy").get("Version").asString()).isEqualTo("1.1");
            assertThat(r.get("flag").asString()).isEqualTo("fine_grained");
            assertThat(r.has("domain_id")).isFalse();
        });

        Api.Response guest = api.get("/v3/roles?display_name=Tenant%20Guest", account.adminToken());
        assertThat(guest.json().get("roles")).hasSize(1);
        assertThat(api.get("/v3/roles?name=te_admin", account.adminToken()).json().get("roles").get(0)
                .get("id").asString()).isEqualTo(Grants.TENANT_ADMINISTRATOR);
        assertThat(api.get("/v3/roles?permission_type=role", account.adminToken()).json().get("roles")).isEmpty();
        assertThat(api.get("/v3/roles?type=domain", account.adminToken()).json().get("roles").valueStream()
                .map(r -> r.get("type").asString()).distinct().toList()).containsOnly("AA", "AX");
        assertThat(api.get("/v3/roles?page=1&per_page=2", account.adminToken()).json().get("roles")).hasSize(2);
        assertThat(api.get("/v3/roles?type=sideways", account.adminToken()).errorCode()).isEqualTo("IAM.0007");

        Api.Response one = api.get("/v3/roles/" + Grants.IAM_READ_ONLY_ACCESS, account.adminToken());
        assertThat(one.status()).isEqualTo(200);
        assertThat(one.json().get("role").get("policy").toString()).contains("iam:*:get*");
        Api.Response missing = api.get("/v3/roles/0123456789abcdef0123456789abcdef", account.adminToken());
        assertThat(missing.status()).isEqualTo(404);
        assertThat(missing.json().get("error").get("code").asInt()).isEqualTo(404);
    }

    @Test
    void rolesWhenNoTokenOrPlainUserThenRefused() {
        assertThat(api.get("/v3/roles", null).status()).isEqualTo(401);
        assertThat(api.get("/v3/roles/" + Grants.TENANT_GUEST, null).status()).isEqualTo(401);
        String plain = fixtures.token(caller);
        assertDenied(api.get("/v3/roles", plain), "iam:roles:listRoles");
        assertDenied(api.get("/v3/roles/" + Grants.TENANT_GUEST, plain), "iam:roles:getRole");
    }
}
