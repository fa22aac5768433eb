package io.gatehouse.access;

import static org.assertj.core.api.Assertions.assertThat;

import io.gatehouse.testsupport.Api;
import io.gatehouse.testsupport.Fixtures;
import io.gatehouse.testsupport.Fixtures.TestAccount;
import io.gatehouse.testsupport.Fixtures.TestUser;
import io.gatehouse.testsupport.IntegrationTest;
import java.util.List;
import java.util.Map;
import java.util.function.BiFunction;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import tools.jackson.databind.JsonNode;

/** Grants of roles to groups and users on the account, a project and all projects, and what they change. */
class GrantIT extends IntegrationTest {

    static final String TENANT_GUEST = "00000000000000000000000000000003";
    static final String SECURITY_ADMINISTRATOR = "00000000000000000000000000000002";
    /** The role the admin group holds (V9). */
    static final String FULL_ACCESS = "00000000000000000000000000000006";
    private static final String MISSING = "0123456789abcdef0123456789abcdef";

    @Autowired
    JdbcClient jdbc;

    private TestAccount account;
    private TestAccount other;
    private String project;
    private String group;
    private TestUser user;

    @BeforeEach
    void scenario() {
        account = fixtures.newAccount();
        other = fixtures.newAccount();
        project = fixtures.defaultProjectId(account);
        group = api.post("/v3/groups", account.adminToken(), Map.of("group", Map.of("name", "g-" + Fixtures.unique())))
                .json().get("group").get("id").asString();
        user = fixtures.newUser(account);
    }

    /** The three scopes of one subject: where to grant and where to list. */
    private record Scoped(String label, String roles, String suffix) {

        String grant(String roleId) {
            return roles + "/" + roleId + suffix;
        }

        String list() {
            return roles + suffix;
        }
    }

    private List<Scoped> scopes(String subjects, String subjectId) {
        return List.of(
                new Scoped("domain", "/v3/domains/" + account.id() + "/" + subjects + "/" + subjectId + "/roles", ""),
                new Scoped("project", "/v3/projects/" + project + "/" + subjects + "/" + subjectId + "/roles", ""),
                new Scoped("all projects", "/v3/OS-INHERIT/domains/" + account.id() + "/" + subjects + "/" + subjectId
                        + "/roles", "/inherited_to_projects"));
    }

    @Test
    void groupAndUserGrantsWhenGrantedCheckedListedAndRevokedOnEachScopeThenEachAnswers() {
        for (String subjects : List.of("groups", "users")) {
            String subjectId = subjects.equals("groups") ? group : user.id();
            for (Scoped s : scopes(subjects, subjectId)) {
                String grant = s.grant(TENANT_GUEST);
                String label = subjects + " on " + s.label();
                assertThat(head(grant).status()).as(label).isEqualTo(404);
                assertThat(put(grant, account.adminToken()).status()).as(label).isEqualTo(204);
                assertThat(put(grant, account.adminToken()).status()).as(label + ", again").isEqualTo(204);
                assertThat(head(grant).status()).as(label).isEqualTo(204);

                JsonNode listed = api.get(s.list(), account.adminToken()).json();
                assertThat(listed.get("roles")).as(label).hasSize(1);
                JsonNode role = listed.get("roles").get(0);
                assertThat(role.get("id").asString()).isEqualTo(TENANT_GUEST);
                assertThat(role.get("name").asString()).isEqualTo("readonly");
                assertThat(role.get("display_name").asString()).isEqualTo("Tenant Guest");
                assertThat(role.get("type").asString()).isEqualTo("AA");
                assertThat(role.get("catalog").asString()).isEqualTo("BASE");
                assertThat(role.get("policy").get("Version").asString()).isEqualTo("1.1");
                assertThat(role.get("policy").get("Statement").isArray()).isTrue();
                assertThat(role.get("links").get("self").asString()).isEqualTo(api.base() + "/v3/roles/" + TENANT_GUEST);
                assertThat(listed.get("links").get("self").asString()).isEqualTo(api.base() + s.list());

                assertThat(api.delete(grant, account.adminToken()).status()).as(label).isEqualTo(204);
                assertThat(head(grant).status()).as(label).isEqualTo(404);
                Api.Response again = api.delete(grant, account.adminToken());
                assertThat(again.status()).as(label).isEqualTo(404);
                assertThat(again.errorCode()).isEqualTo("IAM.0004");
                assertThat(api.get(s.list(), account.adminToken()).json().get("roles")).as(label).isEmpty();
            }
        }
        assertThat(afterSealing(jdbc).sql("SELECT operation FROM operation_log WHERE domain_id = :d AND result = 'success' "
                + "AND resource_type = 'role_assignment' ORDER BY id").param("d", account.id()).query(String.class)
                .list()).containsSubsequence(
                        "iam:permissions:grantRoleToGroupOnDomain", "iam:permissions:revokeRoleFromGroupOnDomain",
                        "iam:permissions:grantRoleToGroupOnProject", "iam:permissions:revokeRoleFromGroupOnProject",
                        "iam:permissions:grantRoleToGroup", "iam:permissions:revokeRoleFromGroup",
                        "iam:permissions:grantRoleToUserOnDomain", "iam:permissions:revokeRoleFromUserOnDomain",
                        "iam:permissions:grantRoleToUserOnProject", "iam:permissions:revokeRoleFromUserOnProject",
                        "iam:permissions:grantRoleToUser", "iam:permissions:revokeRoleFromUser");
    }

    @Test
    void grantWhenRoleIsOwnCustomPolicyThenGrantedAndWhenUnknownOrAnotherAccountsThen404() {
        String own = customRole(account);
        String foreign = customRole(other);
        Scoped domain = scopes("groups", group).get(0);

        assertThat(put(domain.grant(own), account.adminToken()).status()).isEqualTo(204);
        assertThat(api.get(domain.list(), account.adminToken()).json().get("roles").get(0).get("domain_id").asString())
                .isEqualTo(account.id());
        for (String role : List.of(foreign, MISSING)) {
            Api.Response r = put(domain.grant(role), account.adminToken());
            assertThat(r.status()).as(r.toString()).isEqualTo(404);
            assertThat(r.errorCode()).isEqualTo("IAM.0004");
            assertThat(head(domain.grant(role)).status()).isEqualTo(404);
        }
        // The other account's administrator cannot grant this account's custom policy either.
        String otherGroup = api.post("/v3/groups", other.adminToken(), Map.of("group", Map.of("name", "x")))
                .json().get("group").get("id").asString();
        Api.Response stolen = put("/v3/domains/" + other.id() + "/groups/" + otherGroup + "/roles/" + own,
                other.adminToken());
        assertThat(stolen.status()).isEqualTo(404);
        assertThat(stolen.text().replace(own, "ID")).isEqualTo(
                put("/v3/domains/" + other.id() + "/groups/" + otherGroup + "/roles/" + MISSING, other.adminToken())
                        .text().replace(MISSING, "ID"));
    }

    @Test
    void grantWhenScopeOrSubjectUnknownOrForeignThen404() {
        String otherProject = fixtures.defaultProjectId(other);
        TestUser foreignUser = fixtures.newUser(other);
        List<String> paths = List.of(
                "/v3/domains/" + other.id() + "/groups/" + group + "/roles/" + TENANT_GUEST,
                "/v3/domains/" + MISSING + "/groups/" + group + "/roles/" + TENANT_GUEST,
                "/v3/projects/" + otherProject + "/groups/" + group + "/roles/" + TENANT_GUEST,
                "/v3/projects/" + MISSING + "/users/" + user.id() + "/roles/" + TENANT_GUEST,
                "/v3/OS-INHERIT/domains/" + other.id() + "/users/" + user.id() + "/roles/" + TENANT_GUEST
                        + "/inherited_to_projects",
                "/v3/domains/" + account.id() + "/groups/" + MISSING + "/roles/" + TENANT_GUEST,
                "/v3/domains/" + account.id() + "/users/" + foreignUser.id() + "/roles/" + TENANT_GUEST,
                "/v3/projects/" + project + "/users/" + MISSING + "/roles/" + TENANT_GUEST);
        for (String path : paths) {
            for (String method : List.of("PUT", "HEAD", "DELETE")) {
                Api.Response r = api.call(method, path).token(account.adminToken()).send();
                assertThat(r.status()).as(method + " " + path + ": " + r).isEqualTo(404);
            }
            String list = path.replace("/" + TENANT_GUEST, "");
            assertThat(api.get(list, account.adminToken()).status()).as(list).isEqualTo(404);
        }
        assertThat(api.get("/v3.0/OS-PERMISSION/role-assignments?domain_id=" + account.id(), account.adminToken())
                .json().get("total_num").asLong()).as("only the admin group's two grants").isEqualTo(2);
    }

    @Test
    void adminGroupWhenItsGrantsAreChangedThenRefusedButTheyCanBeRead() {
        String admin = api.get("/v3/groups?name=admin", account.adminToken()).json().get("groups").get(0).get("id")
                .asString();
        String domain = "/v3/domains/" + account.id() + "/groups/" + admin + "/roles/";
        String inherited = "/v3/OS-INHERIT/domains/" + account.id() + "/groups/" + admin + "/roles/";

        Api.Response revoke = api.delete(domain + FULL_ACCESS, account.adminToken());
        Api.Response add = put(domain + TENANT_GUEST, account.adminToken());
        Api.Response revokeInherited = api.delete(inherited + FULL_ACCESS + "/inherited_to_projects",
                account.adminToken());
        Api.Response addProject = put("/v3/projects/" + project + "/groups/" + admin + "/roles/" + TENANT_GUEST,
                account.adminToken());

        assertThat(List.of(revoke, add, revokeInherited, addProject)).allSatisfy(r -> {
            assertThat(r.status()).as(r.toString()).isEqualTo(400);
            assertThat(r.errorCode()).isEqualTo("IAM.0007");
        });
        assertThat(head(domain + FULL_ACCESS).status()).isEqualTo(204);
        assertThat(head(inherited + FULL_ACCESS + "/inherited_to_projects").status()).isEqualTo(204);
        assertThat(api.get(inherited + "inherited_to_projects", account.adminToken()).json().get("roles"))
                .extracting(r -> r.get("name").asString()).containsExactly("system_all_0");
    }

    @Test
    void grantWhenSecurityAdministratorGivenToGroupOrUserThenNextRequestAllowedAndAfterRevokeRefused() {
        String token = fixtures.token(user);
        put("/v3/groups/" + group + "/users/" + user.id(), account.adminToken());
        assertThat(api.get("/v3/users", token).status()).isEqualTo(403);

        String viaGroup = "/v3/domains/" + account.id() + "/groups/" + group + "/roles/" + SECURITY_ADMINISTRATOR;
        assertThat(put(viaGroup, account.adminToken()).status()).isEqualTo(204);
        assertThat(api.get("/v3/users", token).status()).isEqualTo(200);
        assertThat(api.delete(viaGroup, account.adminToken()).status()).isEqualTo(204);
        assertThat(api.get("/v3/users", token).status()).isEqualTo(403);

        String direct = "/v3/domains/" + account.id() + "/users/" + user.id() + "/roles/" + SECURITY_ADMINISTRATOR;
        assertThat(put(direct, account.adminToken()).status()).isEqualTo(204);
        assertThat(api.get("/v3/users", token).status()).isEqualTo(200);
        assertThat(api.delete(direct, account.adminToken()).status()).isEqualTo(204);
        assertThat(api.get("/v3/users", token).status()).isEqualTo(403);

        // On a project, the role does not make an account administrator.
        assertThat(put("/v3/projects/" + project + "/users/" + user.id() + "/roles/" + SECURITY_ADMINISTRATOR,
                account.adminToken()).status()).isEqualTo(204);
        assertThat(api.get("/v3/users", token).status()).isEqualTo(403);
        // Removing the user from a group that holds the role takes it away too.
        put(viaGroup, account.adminToken());
        assertThat(api.get("/v3/users", token).status()).isEqualTo(200);
        assertThat(api.delete("/v3/groups/" + group + "/users/" + user.id(), account.adminToken()).status())
                .isEqualTo(204);
        assertThat(api.get("/v3/users", token).status()).isEqualTo(403);
    }

    @Test
    void grantWhenGivenThenNewTokensCarryTheRoleOnItsScope() {
        assertThat(signIn().get("roles")).isEmpty();
        put("/v3/domains/" + account.id() + "/users/" + user.id() + "/roles/" + TENANT_GUEST, account.adminToken());
        put("/v3/groups/" + group + "/users/" + user.id(), account.adminToken());
        put("/v3/OS-INHERIT/domains/" + account.id() + "/groups/" + group + "/roles/" + SECURITY_ADMINISTRATOR
                + "/inherited_to_projects", account.adminToken());

        assertThat(signIn().get("roles")).extracting(r -> r.get("name").asString()).containsExactly("readonly");
        assertThat(signInToProject().get("roles")).extracting(r -> r.get("name").asString())
                .containsExactly("secu_admin");
    }

    @Test
    void deleteUserWhenItHasGrantsThenTheyGoWithIt() {
        for (Scoped s : scopes("users", user.id())) {
            assertThat(put(s.grant(TENANT_GUEST), account.adminToken()).status()).isEqualTo(204);
        }
        put("/v3/groups/" + group + "/users/" + user.id(), account.adminToken());
        String byUser = "/v3.0/OS-PERMISSION/role-assignments?domain_id=" + account.id() + "&subject.user_id=" + user.id();
        assertThat(api.get(byUser, account.adminToken()).json().get("total_num").asLong()).isEqualTo(3);

        assertThat(api.delete("/v3/users/" + user.id(), account.adminToken()).status()).isEqualTo(204);

        assertThat(api.get(byUser, account.adminToken()).json().get("total_num").asLong()).isZero();
        assertThat(jdbc.sql("SELECT COUNT(*) FROM role_assignment WHERE subject_id = :u").param("u", user.id())
                .query(Long.class).single()).isZero();
        assertThat(api.get("/v3/groups/" + group + "/users", account.adminToken()).json().get("users")).isEmpty();
    }

    @Test
    void grantToLargeGroupWhenChangedThenOneAccountWideEventAndEveryMemberAffected() {
        put("/v3/groups/" + group + "/users/" + user.id(), account.adminToken());
        for (int i = 0; i < AccessChanges.MAX_USER_EVENTS; i++) {
            String id = api.post("/v3/users", account.adminToken(), Map.of("user", Map.of("name", "bulk-" + i)))
                    .json().get("user").get("id").asString();
            put("/v3/groups/" + group + "/users/" + id, account.adminToken());
        }
        String token = fixtures.token(user);
        assertThat(api.get("/v3/users", token).status()).isEqualTo(403);
        long before = lastEventId();

        put("/v3/domains/" + account.id() + "/groups/" + group + "/roles/" + SECURITY_ADMINISTRATOR, account.adminToken());

        assertThat(api.get("/v3/users", token).status()).isEqualTo(200);
        assertThat(jdbc.sql("SELECT kind || ' ' || subject FROM change_event WHERE id > :id"
                        + " AND kind IN ('ACCESS_CHANGED', 'ACCOUNT_ACCESS_CHANGED')")
                .param("id", before).query(String.class).list()).containsExactly("ACCOUNT_ACCESS_CHANGED " + account.id());
    }

    // ---- who may call ------------------------------------------------------------------------

    private record Endpoint(String label, BiFunction<Api, String, Api.Response> call) {
    }

    private List<Endpoint> endpoints() {
        List<Endpoint> all = new java.util.ArrayList<>();
        for (String subjects : List.of("groups", "users")) {
            for (Scoped s : scopes(subjects, subjects.equals("groups") ? group : user.id())) {
                String grant = s.grant(TENANT_GUEST);
                String label = subjects + " on " + s.label();
                all.add(new Endpoint("grant " + label, (a, t) -> a.call("PUT", grant).token(t).send()));
                all.add(new Endpoint("check " + label, (a, t) -> a.call("HEAD", grant).token(t).send()));
                all.add(new Endpoint("revoke " + label, (a, t) -> a.delete(grant, t)));
                all.add(new Endpoint("list " + label, (a, t) -> a.get(s.list(), t)));
            }
        }
        all.add(new Endpoint("role assignments", (a, t) -> a.get("/v3.0/OS-PERMISSION/role-assignments?domain_id="
                + account.id(), t)));
        return all;
    }

    @Test
    void everyEndpointWhenNoTokenOrPlainUserThenRefusedAndNothingGranted() {
        String plain = fixtures.token(fixtures.newUser(account));
        String own = fixtures.token(user);
        for (Endpoint e : endpoints()) {
            assertThat(e.call().apply(api, null).status()).as(e.label()).isEqualTo(401);
            for (String token : List.of(plain, own)) {
                Api.Response r = e.call().apply(api, token);
                assertThat(r.status()).as(e.label() + ": " + r).isEqualTo(403);
                if (!e.label().startsWith("check")) {
                    assertThat(r.errorCode()).isEqualTo("IAM.0003");
                }
            }
        }
        assertThat(api.get("/v3.0/OS-PERMISSION/role-assignments?domain_id=" + account.id(), account.adminToken())
                .json().get("total_num").asLong()).isEqualTo(2);
    }

    @Test
    void everyEndpointWhenOtherAccountsAdminThen404AndNothingGranted() {
        for (Endpoint e : endpoints()) {
            Api.Response r = e.call().apply(api, other.adminToken());
            assertThat(r.status()).as(e.label() + ": " + r).isEqualTo(404);
            if (!e.label().startsWith("check")) {
                assertThat(r.errorCode()).isEqualTo("IAM.0004");
            }
        }
        assertThat(api.get("/v3.0/OS-PERMISSION/role-assignments?domain_id=" + account.id(), account.adminToken())
                .json().get("total_num").asLong()).isEqualTo(2);
    }

    // ---- helpers -----------------------------------------------------------------------------

    /** A custom policy of the account, created through {@code /v3.0/OS-ROLE/roles}. */
    private String customRole(TestAccount owner) {
        return CustomPolicyIT.create(api, owner, "c-" + Fixtures.unique(),
                CustomPolicyIT.policy(CustomPolicyIT.statement("Allow", "iam:users:listUsers")));
    }

    private Api.Response put(String path, String token) {
        return api.call("PUT", path).token(token).send();
    }

    private Api.Response head(String path) {
        return api.call("HEAD", path).token(account.adminToken()).send();
    }

    private long lastEventId() {
        return jdbc.sql("SELECT COALESCE(MAX(id), 0) FROM change_event").query(Long.class).single();
    }

    private JsonNode signIn() {
        Api.Response r = fixtures.signIn(account.name(), user.name(), Fixtures.USER_PASSWORD);
        assertThat(r.status()).isEqualTo(201);
        return r.json().get("token");
    }

    private JsonNode signInToProject() {
        Api.Response r = api.post("/v3/auth/tokens", null, Map.of("auth", Map.of(
                "identity", Map.of("methods", List.of("password"), "password", Map.of("user",
                        Map.of("id", user.id(), "password", Fixtures.USER_PASSWORD))),
                "scope", Map.of("project", Map.of("id", project)))));
        assertThat(r.status()).as(r.toString()).isEqualTo(201);
        return r.json().get("token");
    }
}
