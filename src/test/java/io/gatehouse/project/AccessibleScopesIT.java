package io.gatehouse.project;

import static org.assertj.core.api.Assertions.assertThat;

import io.gatehouse.testsupport.Api;
import io.gatehouse.testsupport.Fixtures;
import io.gatehouse.testsupport.Fixtures.TestAccount;
import io.gatehouse.testsupport.Fixtures.TestUser;
import io.gatehouse.testsupport.IntegrationTest;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * {@code /v3/users/{id}/projects}, {@code /v3/auth/projects} and {@code /v3/auth/domains}: which projects a
 * user may work in follows its grants and its groups' grants. Groups, memberships and grants are made
 * through their APIs.
 */
class AccessibleScopesIT extends IntegrationTest {

    private static final String REGION = "gh-region-1";
    private static final String TENANT_GUEST = "00000000000000000000000000000003";

    private TestAccount account;
    private String regionProjectId;
    private String alphaId;
    private String betaId;

    @BeforeEach
    void scenario() {
        account = fixtures.newAccount();
        regionProjectId = api.get("/v3/projects?name=" + REGION, account.adminToken()).json().get("projects").get(0)
                .get("id").asString();
        alphaId = create(REGION + "_alpha");
        betaId = create(REGION + "_beta");
    }

    private String create(String name) {
        Api.Response r = api.post("/v3/projects", account.adminToken(), Map.of("project", Map.of("name", name)));
        assertThat(r.status()).as(r.toString()).isEqualTo(201);
        return r.json().get("project").get("id").asString();
    }

    /** Grants Tenant Guest through the grant API ({@code scopeType} domain, project or inherited). */
    private void grant(String subjectType, String subjectId, String scopeType, String scopeId) {
        String subject = "/" + subjectType + "s/" + subjectId + "/roles/" + TENANT_GUEST;
        String path = switch (scopeType) {
            case "domain" -> "/v3/domains/" + scopeId + subject;
            case "project" -> "/v3/projects/" + scopeId + subject;
            case "inherited" -> "/v3/OS-INHERIT/domains/" + scopeId + subject + "/inherited_to_projects";
            default -> throw new IllegalArgumentException(scopeType);
        };
        Api.Response r = api.call("PUT", path).token(account.adminToken()).send();
        assertThat(r.status()).as(r.toString()).isEqualTo(204);
    }

    private String groupWith(TestUser user) {
        Api.Response created = api.post("/v3/groups", account.adminToken(),
                Map.of("group", Map.of("name", "g-" + Fixtures.unique())));
        assertThat(created.status()).as(created.toString()).isEqualTo(201);
        String groupId = created.json().get("group").get("id").asString();
        Api.Response added = api.call("PUT", "/v3/groups/" + groupId + "/users/" + user.id())
                .token(account.adminToken()).send();
        assertThat(added.status()).as(added.toString()).isEqualTo(204);
        return groupId;
    }

    private static List<String> names(Api.Response r) {
        assertThat(r.status()).as(r.toString()).isEqualTo(200);
        List<String> names = new ArrayList<>();
        r.json().get("projects").forEach(p -> names.add(p.get("name").asString()));
        return names;
    }

    @Test
    void ownerWhenAdminGroupHoldsInheritedRoleThenEveryProject() {
        Api.Response forUser = api.get("/v3/users/" + account.ownerId() + "/projects", account.adminToken());
        Api.Response forToken = api.get("/v3/auth/projects", account.adminToken());

        assertThat(names(forUser)).containsExactly(REGION, REGION + "_alpha", REGION + "_beta");
        assertThat(names(forToken)).containsExactly(REGION, REGION + "_alpha", REGION + "_beta");
        assertThat(forUser.json().get("links").get("self").asString())
                .isEqualTo(api.base() + "/v3/users/" + account.ownerId() + "/projects");
        assertThat(forToken.json().get("links").get("self").asString()).isEqualTo(api.base() + "/v3/auth/projects");
        var alpha = forToken.json().get("projects").get(1);
        assertThat(alpha.get("id").asString()).isEqualTo(alphaId);
        assertThat(alpha.get("parent_id").asString()).isEqualTo(regionProjectId);
        assertThat(alpha.get("domain_id").asString()).isEqualTo(account.id());
        assertThat(alpha.get("is_domain").asBoolean()).isFalse();
        assertThat(alpha.get("enabled").asBoolean()).isTrue();
        assertThat(alpha.get("links").get("self").asString()).isEqualTo(api.base() + "/v3/projects/" + alphaId);
    }

    @Test
    void plainUserWhenNoGrantThenNoProject() {
        TestUser plain = fixtures.newUser(account);
        String token = fixtures.token(plain);

        assertThat(names(api.get("/v3/auth/projects", token))).isEmpty();
        assertThat(names(api.get("/v3/users/" + plain.id() + "/projects", token))).isEmpty();
    }

    @Test
    void userWhenDirectProjectGrantThenThatProjectAndAScopedTokenWorks() {
        TestUser user = fixtures.newUser(account);
        grant("user", user.id(), "project", alphaId);
        String token = fixtures.token(user);

        assertThat(names(api.get("/v3/auth/projects", token))).containsExactly(REGION + "_alpha");
        assertThat(names(api.get("/v3/users/" + user.id() + "/projects", account.adminToken())))
                .containsExactly(REGION + "_alpha");
        Api.Response scoped = api.post("/v3/auth/tokens", null, Map.of("auth", Map.of(
                "identity", Map.of("methods", List.of("password"), "password", Map.of("user", Map.of(
                        "id", user.id(), "password", Fixtures.USER_PASSWORD))),
                "scope", Map.of("project", Map.of("id", alphaId)))));
        assertThat(scoped.status()).as(scoped.toString()).isEqualTo(201);
        assertThat(scoped.json().get("token").get("roles").findValuesAsString("name")).contains("readonly");
    }

    @Test
    void userWhenGroupHoldsProjectGrantThenThatProject() {
        TestUser user = fixtures.newUser(account);
        grant("group", groupWith(user), "project", betaId);

        assertThat(names(api.get("/v3/auth/projects", fixtures.token(user)))).containsExactly(REGION + "_beta");
    }

    @Test
    void userWhenInheritedGrantThenEveryProject() {
        TestUser user = fixtures.newUser(account);
        grant("user", user.id(), "inherited", account.id());

        assertThat(names(api.get("/v3/auth/projects", fixtures.token(user))))
                .containsExactly(REGION, REGION + "_alpha", REGION + "_beta");
    }

    @Test
    void userWhenOnlyAccountWideGrantThenNoProject() {
        TestUser user = fixtures.newUser(account);
        grant("user", user.id(), "domain", account.id());

        assertThat(names(api.get("/v3/auth/projects", fixtures.token(user)))).isEmpty();
    }

    @Test
    void listForUserWhenNoTokenThen401() {
        Api.Response r = api.get("/v3/users/" + account.ownerId() + "/projects", null);
        Api.Response auth = api.get("/v3/auth/projects", null);
        Api.Response domains = api.get("/v3/auth/domains", null);

        assertThat(List.of(r.status(), auth.status(), domains.status())).containsOnly(401);
        assertThat(r.errorCode()).isEqualTo("IAM.0001");
    }

    @Test
    void listForUserWhenPlainUserAsksForAnotherThen403() {
        TestUser plain = fixtures.newUser(account);

        Api.Response r = api.get("/v3/users/" + account.ownerId() + "/projects", fixtures.token(plain));

        assertThat(r.status()).isEqualTo(403);
        assertThat(r.errorCode()).isEqualTo("IAM.0003");
        assertThat(r.json().get("error_msg").asString()).contains("iam:projects:listProjectsForUser");
    }

    @Test
    void listForUserWhenOtherAccountsAdminThen404LikeAnUnknownUser() {
        TestAccount other = fixtures.newAccount();

        Api.Response foreign = api.get("/v3/users/" + account.ownerId() + "/projects", other.adminToken());
        Api.Response unknown = api.get("/v3/users/" + "0".repeat(32) + "/projects", other.adminToken());
        Api.Response own = api.get("/v3/auth/projects", other.adminToken());

        assertThat(foreign.status()).isEqualTo(404);
        assertThat(foreign.errorCode()).isEqualTo("IAM.0004");
        assertThat(unknown.status()).isEqualTo(404);
        assertThat(names(own)).containsExactly(REGION);
        assertThat(own.json().get("projects").get(0).get("domain_id").asString()).isEqualTo(other.id());
    }

    @Test
    void authDomainsWhenAnyUserThenItsOwnAccountOnly() {
        TestUser plain = fixtures.newUser(account);

        Api.Response r = api.get("/v3/auth/domains", fixtures.token(plain));

        assertThat(r.status()).isEqualTo(200);
        assertThat(r.json().get("domains").size()).isEqualTo(1);
        var domain = r.json().get("domains").get(0);
        assertThat(domain.get("id").asString()).isEqualTo(account.id());
        assertThat(domain.get("name").asString()).isEqualTo(account.name());
        assertThat(domain.get("enabled").asBoolean()).isTrue();
        assertThat(domain.get("description").asString()).isEmpty();
        assertThat(domain.get("links").get("self").asString()).isEqualTo(api.base() + "/v3/domains/" + account.id());
        assertThat(r.json().get("links").get("self").asString()).isEqualTo(api.base() + "/v3/auth/domains");
    }
}
