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
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import tools.jackson.databind.JsonNode;

/** {@code /v3/projects} and {@code /v3-ext/projects/{id}} through HTTP: the rules, the wire, and who may call. */
class ProjectIT extends IntegrationTest {

    private static final String REGION = "gh-region-1";

    @Autowired
    JdbcClient jdbc;

    private TestAccount account;
    private String regionProjectId;

    @BeforeEach
    void account() {
        account = fixtures.newAccount();
        regionProjectId = regionProject(account).get("id").asString();
    }

    private JsonNode regionProject(TestAccount a) {
        Api.Response r = api.get("/v3/projects?name=" + REGION, a.adminToken());
        assertThat(r.status()).as(r.toString()).isEqualTo(200);
        assertThat(r.json().get("projects").size()).isEqualTo(1);
        return r.json().get("projects").get(0);
    }

    private Api.Response create(String token, Map<String, Object> project) {
        return api.post("/v3/projects", token, Map.of("project", project));
    }

    private JsonNode created(String name) {
        Api.Response r = create(account.adminToken(), Map.of("name", name, "parent_id", regionProjectId));
        assertThat(r.status()).as(r.toString()).isEqualTo(201);
        return r.json().get("project");
    }

    // ---- list --------------------------------------------------------------------------------

    @Test
    void listWhenNewAccountThenOnlyItsRegionProjectWithHuaweiFields() {
        Api.Response r = api.get("/v3/projects", account.adminToken());

        assertThat(r.status()).isEqualTo(200);
        JsonNode projects = r.json().get("projects");
        assertThat(projects.size()).isEqualTo(1);
        JsonNode p = projects.get(0);
        assertThat(p.get("name").asString()).isEqualTo(REGION);
        assertThat(p.get("domain_id").asString()).isEqualTo(account.id());
        assertThat(p.get("parent_id").asString()).isEqualTo(account.id());
        assertThat(p.get("is_domain").asBoolean()).isFalse();
        assertThat(p.get("enabled").asBoolean()).isTrue();
        assertThat(p.get("id").asString()).matches("[0-9a-f]{32}");
        assertThat(p.get("links").get("self").asString()).isEqualTo(api.base() + "/v3/projects/" + p.get("id").asString());
        assertThat(r.json().get("links").get("self").asString()).isEqualTo(api.base() + "/v3/projects");
        assertThat(r.json().get("links").has("next")).isTrue();
        assertThat(r.json().get("links").get("next").isNull()).isTrue();
    }

    @Test
    void listWhenFilteredThenOnlyMatchingProjects() {
        JsonNode a = created(REGION + "_alpha");
        created(REGION + "_beta");

        assertThat(names(api.get("/v3/projects?name=" + REGION + "_alpha", account.adminToken())))
                .containsExactly(REGION + "_alpha");
        assertThat(names(api.get("/v3/projects?parent_id=" + regionProjectId, account.adminToken())))
                .containsExactly(REGION + "_alpha", REGION + "_beta");
        assertThat(names(api.get("/v3/projects?parent_id=" + account.id(), account.adminToken())))
                .containsExactly(REGION);
        assertThat(names(api.get("/v3/projects?enabled=true&is_domain=false&domain_id=" + account.id(),
                account.adminToken()))).containsExactly(REGION, REGION + "_alpha", REGION + "_beta");
        assertThat(names(api.get("/v3/projects?enabled=false", account.adminToken()))).isEmpty();
        assertThat(names(api.get("/v3/projects?is_domain=true", account.adminToken()))).isEmpty();
        assertThat(a.get("parent_id").asString()).isEqualTo(regionProjectId);
    }

    @Test
    void listWhenPagedThenPagesAndLinks() {
        created(REGION + "_a1");
        created(REGION + "_a2");

        Api.Response first = api.get("/v3/projects?page=1&per_page=2", account.adminToken());
        Api.Response second = api.get("/v3/projects?page=2&per_page=2", account.adminToken());

        assertThat(names(first)).containsExactly(REGION, REGION + "_a1");
        assertThat(first.json().get("links").get("next").asString())
                .isEqualTo(api.base() + "/v3/projects?page=2&per_page=2");
        assertThat(first.json().get("links").get("previous").isNull()).isTrue();
        assertThat(names(second)).containsExactly(REGION + "_a2");
        assertThat(second.json().get("links").get("next").isNull()).isTrue();
        assertThat(second.json().get("links").get("previous").asString())
                .isEqualTo(api.base() + "/v3/projects?page=1&per_page=2");

        Api.Response filtered = api.get("/v3/projects?parent_id=" + regionProjectId + "&page=1&per_page=1",
                account.adminToken());
        assertThat(names(filtered)).containsExactly(REGION + "_a1");
        assertThat(filtered.json().get("links").get("next").asString())
                .isEqualTo(api.base() + "/v3/projects?parent_id=" + regionProjectId + "&page=2&per_page=1");
    }

    @Test
    void listWhenBadQueryThen400() {
        for (String query : List.of("page=1", "per_page=5", "page=0&per_page=5", "page=1&per_page=0",
                "page=1&per_page=5001", "page=x&per_page=5", "page=2147483647&per_page=5000", "enabled=yes",
                "is_domain=1")) {
            Api.Response r = api.get("/v3/projects?" + query, account.adminToken());
            assertThat(r.status()).as(query + ": " + r).isEqualTo(400);
            assertThat(r.errorCode()).as(query).isEqualTo("IAM.0007");
            assertThat(r.json().get("error").get("code").asInt()).isEqualTo(400);
        }
    }

    @Test
    void listWhenOtherAccountsAdminThenSeesNothingOfThisAccount() {
        TestAccount other = fixtures.newAccount();
        created(REGION + "_secret");

        Api.Response byDomain = api.get("/v3/projects?domain_id=" + account.id(), other.adminToken());
        Api.Response all = api.get("/v3/projects", other.adminToken());

        assertThat(byDomain.status()).isEqualTo(200);
        assertThat(byDomain.json().get("projects").size()).isZero();
        assertThat(all.json().get("projects").findValuesAsString("domain_id")).containsOnly(other.id());
        assertThat(names(all)).doesNotContain(REGION + "_secret");
    }

    // ---- create ------------------------------------------------------------------------------

    @Test
    void createWhenAdminThen201AndShowAndOperationLog() {
        Api.Response r = create(account.adminToken(), Map.of("name", REGION + "_IAMProject",
                "parent_id", regionProjectId, "domain_id", account.id(), "description", "made by a test"));

        assertThat(r.status()).as(r.toString()).isEqualTo(201);
        JsonNode p = r.json().get("project");
        assertThat(p.get("name").asString()).isEqualTo(REGION + "_IAMProject");
        assertThat(p.get("parent_id").asString()).isEqualTo(regionProjectId);
        assertThat(p.get("domain_id").asString()).isEqualTo(account.id());
        assertThat(p.get("description").asString()).isEqualTo("made by a test");
        assertThat(p.get("is_domain").asBoolean()).isFalse();
        assertThat(p.get("enabled").asBoolean()).isTrue();
        String id = p.get("id").asString();
        assertThat(p.get("links").get("self").asString()).isEqualTo(api.base() + "/v3/projects/" + id);

        Api.Response shown = api.get("/v3/projects/" + id, account.adminToken());
        assertThat(shown.status()).isEqualTo(200);
        assertThat(shown.json().get("project")).isEqualTo(p);
        assertThat(afterSealing(jdbc).sql("SELECT COUNT(*) FROM operation_log WHERE resource_id = :id AND result = 'success' "
                + "AND operation = 'iam:projects:createProject' AND actor_id = :actor")
                .param("id", id).param("actor", account.ownerId()).query(Long.class).single()).isEqualTo(1);
    }

    @Test
    void createWhenNoParentIdThenRegionFromTheName() {
        Api.Response r = create(account.adminToken(), Map.of("name", REGION + "_no-parent"));

        assertThat(r.status()).as(r.toString()).isEqualTo(201);
        assertThat(r.json().get("project").get("parent_id").asString()).isEqualTo(regionProjectId);
        assertThat(r.json().get("project").get("description").asString()).isEmpty();
    }

    @Test
    void createWhenProjectScopedTokenThenUsable() {
        String id = created(REGION + "_scoped").get("id").asString();

        Api.Response signIn = api.post("/v3/auth/tokens", null, Map.of("auth", Map.of(
                "identity", Map.of("methods", List.of("password"), "password", Map.of("user", Map.of(
                        "name", "owner", "password", Fixtures.OWNER_PASSWORD, "domain", Map.of("name", account.name())))),
                "scope", Map.of("project", Map.of("id", id)))));

        assertThat(signIn.status()).as(signIn.toString()).isEqualTo(201);
        assertThat(signIn.json().get("token").get("project").get("name").asString()).isEqualTo(REGION + "_scoped");
    }

    @Test
    void createWhenBadInputThen400AndNothingWritten() {
        String longName = REGION + "_" + "x".repeat(64 - REGION.length());
        List<Map<String, Object>> bodies = List.of(
                Map.of("name", "no-region-prefix"),
                Map.of("name", REGION),
                Map.of("name", REGION + "_"),
                Map.of("name", REGION + "_with space"),
                Map.of("name", REGION + "_dot.ted"),
                Map.of("name", longName),
                Map.of("name", "other-region_x"),
                Map.of("name", REGION + "_ok", "parent_id", account.id()),
                Map.of("name", REGION + "_ok", "parent_id", "0".repeat(32)),
                Map.of("name", REGION + "_ok", "domain_id", "0".repeat(32)),
                Map.of("name", REGION + "_ok", "description", "d".repeat(256)),
                Map.of("name", REGION + "_ok", "description", "line\nbreak"));
        for (Map<String, Object> body : bodies) {
            Api.Response r = create(account.adminToken(), body);
            assertThat(r.status()).as(body + ": " + r).isEqualTo(400);
            assertThat(r.errorCode()).as(body.toString()).isEqualTo("IAM.0007");
        }
        Api.Response noName = create(account.adminToken(), Map.of("description", "x"));
        Api.Response noProject = api.post("/v3/projects", account.adminToken(), Map.of("other", 1));
        Api.Response wrongType = create(account.adminToken(), Map.of("name", 123));
        assertThat(noName.errorCode()).isEqualTo("IAM.0072");
        assertThat(noProject.errorCode()).isEqualTo("IAM.0072");
        assertThat(wrongType.status()).isEqualTo(400);
        assertThat(names(api.get("/v3/projects", account.adminToken()))).containsExactly(REGION);
    }

    @Test
    void createWhenNameTakenThen409() {
        created(REGION + "_twice");

        Api.Response r = create(account.adminToken(), Map.of("name", REGION + "_twice"));

        assertThat(r.status()).isEqualTo(409);
        assertThat(r.errorCode()).isEqualTo("IAM.0005");
    }

    @Test
    void createWhenOtherAccountsRegionProjectAsParentThen400LikeAnUnknownId() {
        TestAccount other = fixtures.newAccount();
        String othersRegion = regionProject(other).get("id").asString();

        Api.Response foreign = create(account.adminToken(), Map.of("name", REGION + "_x", "parent_id", othersRegion));
        Api.Response unknown = create(account.adminToken(), Map.of("name", REGION + "_x", "parent_id", "f".repeat(32)));

        assertThat(foreign.status()).isEqualTo(400);
        assertThat(foreign.json().get("error_msg")).isEqualTo(unknown.json().get("error_msg"));
        assertThat(names(api.get("/v3/projects", other.adminToken()))).containsExactly(REGION);
    }

    @Test
    void sameNameInTwoAccountsThenBothCreated() {
        TestAccount other = fixtures.newAccount();
        created(REGION + "_shared");

        Api.Response r = create(other.adminToken(), Map.of("name", REGION + "_shared"));

        assertThat(r.status()).as(r.toString()).isEqualTo(201);
    }

    // ---- update ------------------------------------------------------------------------------

    @Test
    void updateWhenNameAndDescriptionThen200WithExtraAndStored() {
        String id = created(REGION + "_before").get("id").asString();

        Api.Response r = api.patch("/v3/projects/" + id, account.adminToken(),
                Map.of("project", Map.of("name", REGION + "_after", "description", "IAMDescription", "unknown", 1)));

        assertThat(r.status()).as(r.toString()).isEqualTo(200);
        JsonNode p = r.json().get("project");
        assertThat(p.get("name").asString()).isEqualTo(REGION + "_after");
        assertThat(p.get("description").asString()).isEqualTo("IAMDescription");
        assertThat(p.get("extra").isObject()).isTrue();
        assertThat(p.get("parent_id").asString()).isEqualTo(regionProjectId);
        JsonNode shown = api.get("/v3/projects/" + id, account.adminToken()).json().get("project");
        assertThat(shown.get("name").asString()).isEqualTo(REGION + "_after");
        assertThat(shown.get("description").asString()).isEqualTo("IAMDescription");

        Api.Response descriptionOnly = api.patch("/v3/projects/" + id, account.adminToken(),
                Map.of("project", Map.of("description", "")));
        assertThat(descriptionOnly.json().get("project").get("name").asString()).isEqualTo(REGION + "_after");
        assertThat(descriptionOnly.json().get("project").get("description").asString()).isEmpty();
        assertThat(afterSealing(jdbc).sql("SELECT COUNT(*) FROM operation_log WHERE resource_id = :id "
                + "AND operation = 'iam:projects:updateProject'").param("id", id).query(Long.class).single())
                .isEqualTo(2);
    }

    @Test
    void updateWhenBadInputThen4xxAndUnchanged() {
        String id = created(REGION + "_stay").get("id").asString();
        created(REGION + "_taken");

        Api.Response nothing = api.patch("/v3/projects/" + id, account.adminToken(), Map.of("project", Map.of()));
        Api.Response noProject = api.patch("/v3/projects/" + id, account.adminToken(), Map.of());
        Api.Response otherRegion = api.patch("/v3/projects/" + id, account.adminToken(),
                Map.of("project", Map.of("name", "cn-north-1_stay")));
        Api.Response taken = api.patch("/v3/projects/" + id, account.adminToken(),
                Map.of("project", Map.of("name", REGION + "_taken", "description", "not stored")));
        Api.Response regionRename = api.patch("/v3/projects/" + regionProjectId, account.adminToken(),
                Map.of("project", Map.of("name", REGION + "_renamed")));

        assertThat(nothing.errorCode()).isEqualTo("IAM.0072");
        assertThat(noProject.errorCode()).isEqualTo("IAM.0072");
        assertThat(otherRegion.errorCode()).isEqualTo("IAM.0007");
        assertThat(taken.status()).isEqualTo(409);
        assertThat(regionRename.errorCode()).isEqualTo("IAM.0007");
        JsonNode shown = api.get("/v3/projects/" + id, account.adminToken()).json().get("project");
        assertThat(shown.get("name").asString()).isEqualTo(REGION + "_stay");
        assertThat(shown.get("description").asString()).isEmpty();
        assertThat(names(api.get("/v3/projects?parent_id=" + account.id(), account.adminToken())))
                .containsExactly(REGION);
    }

    @Test
    void updateWhenRegionProjectDescriptionThenAllowed() {
        Api.Response r = api.patch("/v3/projects/" + regionProjectId, account.adminToken(),
                Map.of("project", Map.of("name", REGION, "description", "the region")));

        assertThat(r.status()).as(r.toString()).isEqualTo(200);
        assertThat(r.json().get("project").get("description").asString()).isEqualTo("the region");
    }

    // ---- /v3-ext status ----------------------------------------------------------------------

    @Test
    void statusWhenSuspendedAndResumedThenShownAndLogged() {
        String id = created(REGION + "_frozen").get("id").asString();

        JsonNode before = api.get("/v3-ext/projects/" + id, account.adminToken()).json().get("project");
        Api.Response suspend = api.put("/v3-ext/projects/" + id, account.adminToken(),
                Map.of("project", Map.of("status", "suspended")));
        JsonNode suspended = api.get("/v3-ext/projects/" + id, account.adminToken()).json().get("project");
        Api.Response resume = api.put("/v3-ext/projects/" + id, account.adminToken(),
                Map.of("project", Map.of("status", "normal")));

        assertThat(before.get("status").asString()).isEqualTo("normal");
        assertThat(before.get("name").asString()).isEqualTo(REGION + "_frozen");
        assertThat(before.get("parent_id").asString()).isEqualTo(regionProjectId);
        assertThat(before.get("domain_id").asString()).isEqualTo(account.id());
        assertThat(before.get("is_domain").asBoolean()).isFalse();
        assertThat(before.get("enabled").asBoolean()).isTrue();
        assertThat(suspend.status()).isEqualTo(204);
        assertThat(suspended.get("status").asString()).isEqualTo("suspended");
        assertThat(resume.status()).isEqualTo(204);
        assertThat(api.get("/v3-ext/projects/" + id, account.adminToken()).json().get("project").get("status")
                .asString()).isEqualTo("normal");
        assertThat(afterSealing(jdbc).sql("SELECT COUNT(*) FROM operation_log WHERE resource_id = :id "
                + "AND operation = 'iam:projects:updateProjectStatus'").param("id", id).query(Long.class).single())
                .isEqualTo(2);
    }

    @Test
    void statusWhenBadValueThen400() {
        Api.Response bad = api.put("/v3-ext/projects/" + regionProjectId, account.adminToken(),
                Map.of("project", Map.of("status", "frozen")));
        Api.Response missing = api.put("/v3-ext/projects/" + regionProjectId, account.adminToken(),
                Map.of("project", Map.of()));

        assertThat(bad.status()).isEqualTo(400);
        assertThat(bad.errorCode()).isEqualTo("IAM.0007");
        assertThat(bad.json().has("error")).isFalse();
        assertThat(missing.errorCode()).isEqualTo("IAM.0072");
    }

    // ---- who may call ------------------------------------------------------------------------

    private record Call(String label, String method, String path, Object body) {
        Api.Response send(Api api, String token) {
            Api.Call c = api.call(method, path).token(token);
            return (body == null ? c : c.json(body)).send();
        }
    }

    private List<Call> calls(String projectId) {
        List<Call> calls = new ArrayList<>();
        calls.add(new Call("create", "POST", "/v3/projects", Map.of("project", Map.of("name", REGION + "_denied"))));
        calls.add(new Call("show", "GET", "/v3/projects/" + projectId, null));
        calls.add(new Call("update", "PATCH", "/v3/projects/" + projectId,
                Map.of("project", Map.of("description", "denied"))));
        calls.add(new Call("show status", "GET", "/v3-ext/projects/" + projectId, null));
        calls.add(new Call("set status", "PUT", "/v3-ext/projects/" + projectId,
                Map.of("project", Map.of("status", "suspended"))));
        return calls;
    }

    @Test
    void everyEndpointWhenNoTokenThen401() {
        String id = created(REGION + "_p").get("id").asString();
        List<Call> calls = new ArrayList<>(calls(id));
        calls.add(new Call("list", "GET", "/v3/projects", null));
        for (Call call : calls) {
            Api.Response r = call.send(api, null);
            assertThat(r.status()).as(call.label()).isEqualTo(401);
            assertThat(r.errorCode()).as(call.label()).isEqualTo("IAM.0001");
        }
    }

    @Test
    void everyEndpointWhenPlainUserThen403NamingTheAction() {
        String id = created(REGION + "_p").get("id").asString();
        TestUser plain = fixtures.newUser(account);
        String token = fixtures.token(plain);
        List<Call> calls = new ArrayList<>(calls(id));
        calls.add(new Call("list", "GET", "/v3/projects", null));
        for (Call call : calls) {
            Api.Response r = call.send(api, token);
            assertThat(r.status()).as(call.label()).isEqualTo(403);
            assertThat(r.errorCode()).as(call.label()).isEqualTo("IAM.0003");
            assertThat(r.json().get("error_msg").asString()).as(call.label()).contains("iam:projects:");
        }
        assertThat(api.get("/v3-ext/projects/" + id, account.adminToken()).json().get("project").get("status")
                .asString()).isEqualTo("normal");
    }

    @Test
    void everyProjectEndpointWhenOtherAccountsAdminThen404LikeAMissingProject() {
        String id = created(REGION + "_p").get("id").asString();
        TestAccount other = fixtures.newAccount();
        for (Call call : calls(id)) {
            if (call.method().equals("POST")) {
                continue;
            }
            Api.Response foreign = call.send(api, other.adminToken());
            Api.Response missing = new Call(call.label(), call.method(), call.path().replace(id, "0".repeat(32)),
                    call.body()).send(api, other.adminToken());
            assertThat(foreign.status()).as(call.label()).isEqualTo(404);
            assertThat(foreign.errorCode()).as(call.label()).isEqualTo("IAM.0004");
            assertThat(missing.status()).as(call.label()).isEqualTo(404);
        }
        JsonNode p = api.get("/v3-ext/projects/" + id, account.adminToken()).json().get("project");
        assertThat(p.get("status").asString()).isEqualTo("normal");
        assertThat(p.get("description").asString()).isEmpty();
    }

    private static List<String> names(Api.Response r) {
        assertThat(r.status()).as(r.toString()).isEqualTo(200);
        List<String> names = new ArrayList<>();
        r.json().get("projects").forEach(p -> names.add(p.get("name").asString()));
        return names;
    }
}
