package io.gatehouse.access;

import static org.assertj.core.api.Assertions.assertThat;

import io.gatehouse.testsupport.Api;
import io.gatehouse.testsupport.Fixtures;
import io.gatehouse.testsupport.Fixtures.TestAccount;
import io.gatehouse.testsupport.Fixtures.TestUser;
import io.gatehouse.testsupport.IntegrationTest;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.BiFunction;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import tools.jackson.databind.JsonNode;

/** The group API ({@code /v3/groups}), membership, and who may use them. */
class GroupIT extends IntegrationTest {

    private static final String HEX_ID = "[0-9a-f]{32}";
    private static final String MISSING = "0123456789abcdef0123456789abcdef";

    @Autowired
    JdbcClient jdbc;

    private TestAccount account;
    private TestAccount other;

    @BeforeEach
    void accounts() {
        account = fixtures.newAccount();
        other = fixtures.newAccount();
    }

    // ---- CRUD --------------------------------------------------------------------------------

    @Test
    void createWhenAdminThenShownListedAndUpdated() {
        String name = "devs-" + Fixtures.unique();
        Api.Response created = createGroup(name, Map.of("description", "the developers", "domain_id", account.id()));

        assertThat(created.status()).as(created.toString()).isEqualTo(201);
        JsonNode g = created.json().get("group");
        String id = g.get("id").asString();
        assertThat(id).matches(HEX_ID);
        assertThat(g.get("name").asString()).isEqualTo(name);
        assertThat(g.get("domain_id").asString()).isEqualTo(account.id());
        assertThat(g.get("description").asString()).isEqualTo("the developers");
        assertThat(g.get("links").get("self").asString()).isEqualTo(api.base() + "/v3/groups/" + id);
        assertThat(g.get("create_time").isIntegralNumber()).isTrue();
        assertThat(g.get("create_time").asLong()).isBetween(System.currentTimeMillis() - 60_000,
                System.currentTimeMillis() + 1_000);

        Api.Response shown = api.get("/v3/groups/" + id, account.adminToken());
        assertThat(shown.json().get("group")).isEqualTo(g);

        JsonNode all = api.get("/v3/groups", account.adminToken()).json();
        assertThat(all.get("groups")).extracting(n -> n.get("name").asString()).containsExactly("admin", name);
        assertThat(all.get("links").get("self").asString()).isEqualTo(api.base() + "/v3/groups");
        assertThat(all.get("links").has("next")).isTrue();
        assertThat(api.get("/v3/groups?name=" + name, account.adminToken()).json().get("groups"))
                .extracting(n -> n.get("id").asString()).containsExactly(id);
        assertThat(api.get("/v3/groups?name=none", account.adminToken()).json().get("groups")).isEmpty();
        assertThat(api.get("/v3/groups?domain_id=" + account.id(), account.adminToken()).json().get("groups"))
                .hasSize(2);

        Api.Response updated = api.patch("/v3/groups/" + id, account.adminToken(),
                Map.of("group", Map.of("name", name + "-x", "description", "renamed", "extra", "ignored")));
        assertThat(updated.status()).as(updated.toString()).isEqualTo(200);
        assertThat(updated.json().get("group").get("name").asString()).isEqualTo(name + "-x");
        assertThat(updated.json().get("group").get("description").asString()).isEqualTo("renamed");
        assertThat(updated.json().get("group").get("create_time")).isEqualTo(g.get("create_time"));
        // Only what is sent changes.
        Api.Response described = api.patch("/v3/groups/" + id, account.adminToken(),
                Map.of("group", Map.of("description", "")));
        assertThat(described.json().get("group").get("name").asString()).isEqualTo(name + "-x");
        assertThat(api.get("/v3/groups/" + id, account.adminToken()).json().get("group").get("description")
                .asString()).isEmpty();

        assertThat(api.delete("/v3/groups/" + id, account.adminToken()).status()).isEqualTo(204);
        assertThat(api.get("/v3/groups/" + id, account.adminToken()).status()).isEqualTo(404);
        assertThat(api.delete("/v3/groups/" + id, account.adminToken()).status()).isEqualTo(404);
        assertThat(operations()).containsSubsequence("iam:groups:createGroup success", "iam:groups:updateGroup success",
                "iam:groups:deleteGroup success");
    }

    @Test
    void createWhenBadInputThen400AndNothingWritten() {
        record Case(Object body, String code) {
        }
        List<Case> cases = List.of(
                new Case(Map.of(), "IAM.0072"),
                new Case(Map.of("group", Map.of("description", "no name")), "IAM.0072"),
                new Case(Map.of("group", Map.of("name", " ")), "IAM.0007"),
                new Case(Map.of("group", Map.of("name", "x".repeat(129))), "IAM.0007"),
                new Case(Map.of("group", Map.of("name", "tab\there")), "IAM.0007"),
                new Case(Map.of("group", Map.of("name", "ok", "description", "d".repeat(256))), "IAM.0007"),
                new Case(Map.of("group", Map.of("name", 123)), "IAM.0073"),
                new Case(Map.of("group", Map.of("name", "ok", "domain_id", other.id())), "IAM.0007"),
                new Case("{\"group\":", "IAM.0011"));
        for (Case c : cases) {
            Api.Response r = api.post("/v3/groups", account.adminToken(), c.body());
            assertThat(r.status()).as(c + " -> " + r).isEqualTo(400);
            assertThat(r.errorCode()).as(c.toString()).isEqualTo(c.code());
            assertThat(r.json().get("error").get("code").asInt()).isEqualTo(400);
        }
        assertThat(api.get("/v3/groups", account.adminToken()).json().get("groups")).hasSize(1);
        assertThat(api.get("/v3/groups", other.adminToken()).json().get("groups")).hasSize(1);
        // The longest name and description allowed are accepted.
        assertThat(createGroup("n".repeat(128), Map.of("description", "d".repeat(255))).status()).isEqualTo(201);
    }

    @Test
    void createOrRenameWhenNameTakenThen409() {
        String a = createGroup("a-" + Fixtures.unique(), Map.of()).json().get("group").get("name").asString();
        String bId = createGroup("b-" + Fixtures.unique(), Map.of()).json().get("group").get("id").asString();

        Api.Response again = createGroup(a, Map.of());
        Api.Response rename = api.patch("/v3/groups/" + bId, account.adminToken(), Map.of("group", Map.of("name", a)));
        Api.Response admin = createGroup("admin", Map.of());

        assertThat(List.of(again, rename, admin)).allSatisfy(r -> {
            assertThat(r.status()).as(r.toString()).isEqualTo(409);
            assertThat(r.errorCode()).isEqualTo("IAM.0005");
        });
        // Another account may use the same name.
        assertThat(api.post("/v3/groups", other.adminToken(), Map.of("group", Map.of("name", a))).status())
                .isEqualTo(201);
    }

    // ---- membership --------------------------------------------------------------------------

    @Test
    void membershipWhenAddedCheckedListedAndRemovedThenEachAnswers() {
        String group = newGroup();
        TestUser user = fixtures.newUser(account);
        String member = "/v3/groups/" + group + "/users/" + user.id();

        assertThat(head(member, account.adminToken()).status()).isEqualTo(404);
        assertThat(put(member, account.adminToken()).status()).isEqualTo(204);
        assertThat(put(member, account.adminToken()).status()).as("idempotent").isEqualTo(204);
        assertThat(head(member, account.adminToken()).status()).isEqualTo(204);

        JsonNode members = api.get("/v3/groups/" + group + "/users", account.adminToken()).json();
        assertThat(members.get("users")).hasSize(1);
        JsonNode shown = members.get("users").get(0);
        assertThat(shown.get("id").asString()).isEqualTo(user.id());
        assertThat(shown.get("name").asString()).isEqualTo(user.name());
        assertThat(shown.get("domain_id").asString()).isEqualTo(account.id());
        assertThat(shown.get("links").get("self").asString()).isEqualTo(api.base() + "/v3/users/" + user.id());
        assertThat(members.get("links").get("self").asString())
                .isEqualTo(api.base() + "/v3/groups/" + group + "/users");

        JsonNode groupsOfUser = api.get("/v3/users/" + user.id() + "/groups", account.adminToken()).json();
        assertThat(groupsOfUser.get("groups")).extracting(g -> g.get("id").asString()).containsExactly(group);
        // A user may list its own groups, not another user's.
        String userToken = fixtures.token(user);
        assertThat(api.get("/v3/users/" + user.id() + "/groups", userToken).status()).isEqualTo(200);
        assertThat(api.get("/v3/users/" + account.ownerId() + "/groups", userToken).status()).isEqualTo(403);
        assertThat(api.get("/v3/users/" + account.ownerId() + "/groups", account.adminToken()).json().get("groups"))
                .extracting(g -> g.get("name").asString()).containsExactly("admin");

        assertThat(api.delete(member, account.adminToken()).status()).isEqualTo(204);
        assertThat(head(member, account.adminToken()).status()).isEqualTo(404);
        Api.Response again = api.delete(member, account.adminToken());
        assertThat(again.status()).isEqualTo(404);
        assertThat(again.errorCode()).isEqualTo("IAM.0004");
        assertThat(api.get("/v3/groups/" + group + "/users", account.adminToken()).json().get("users")).isEmpty();
        assertThat(operations()).containsSubsequence("iam:permissions:addUserToGroup success",
                "iam:permissions:addUserToGroup success", "iam:permissions:removeUserFromGroup success",
                "iam:permissions:removeUserFromGroup failure");
    }

    @Test
    void membershipWhenGroupOrUserUnknownOrForeignThen404() {
        String group = newGroup();
        TestUser foreignUser = fixtures.newUser(other);
        for (String path : List.of("/v3/groups/" + group + "/users/" + MISSING,
                "/v3/groups/" + group + "/users/" + foreignUser.id(),
                "/v3/groups/" + MISSING + "/users/" + account.ownerId())) {
            for (String method : List.of("PUT", "HEAD", "DELETE")) {
                Api.Response r = api.call(method, path).token(account.adminToken()).send();
                assertThat(r.status()).as(method + " " + path + " " + r).isEqualTo(404);
            }
        }
        assertThat(api.get("/v3/users/" + foreignUser.id() + "/groups", account.adminToken()).status()).isEqualTo(404);
        assertThat(api.get("/v3/groups/" + MISSING + "/users", account.adminToken()).status()).isEqualTo(404);
        assertThat(api.get("/v3/users/" + foreignUser.id() + "/groups", other.adminToken()).json().get("groups"))
                .isEmpty();
    }

    @Test
    void groupUsersWhenMoreThanLimitThenPagedByMarker() {
        String group = newGroup();
        List<String> ids = new ArrayList<>();
        for (int i = 0; i < 3; i++) {
            String id = api.post("/v3/users", account.adminToken(), Map.of("user", Map.of("name", "m" + i + "-"
                    + Fixtures.unique()))).json().get("user").get("id").asString();
            put("/v3/groups/" + group + "/users/" + id, account.adminToken());
            ids.add(id);
        }
        ids.sort(null);

        JsonNode first = api.get("/v3/groups/" + group + "/users?limit=2", account.adminToken()).json();
        String next = first.get("links").get("next").asString();
        JsonNode second = api.get(next.substring(api.base().length()), account.adminToken()).json();

        assertThat(first.get("users")).extracting(u -> u.get("id").asString()).containsExactly(ids.get(0), ids.get(1));
        assertThat(next).endsWith("?limit=2&marker=" + ids.get(1));
        assertThat(second.get("users")).extracting(u -> u.get("id").asString()).containsExactly(ids.get(2));
        assertThat(second.get("links").get("next").isNull()).isTrue();
        assertThat(api.get("/v3/groups/" + group + "/users?limit=0", account.adminToken()).errorCode())
                .isEqualTo("IAM.0007");
    }

    // ---- the admin group -------------------------------------------------------------------

    @Test
    void adminGroupWhenDeletedRenamedOrOwnerRemovedThenRefusedAndOtherMembersMayLeave() {
        String admin = adminGroupId();
        TestUser second = fixtures.newUser(account);
        String owner = "/v3/groups/" + admin + "/users/" + account.ownerId();

        Api.Response delete = api.delete("/v3/groups/" + admin, account.adminToken());
        Api.Response rename = api.patch("/v3/groups/" + admin, account.adminToken(),
                Map.of("group", Map.of("name", "admins")));
        Api.Response removeOwner = api.delete(owner, account.adminToken());

        assertThat(List.of(delete, rename, removeOwner)).allSatisfy(r -> {
            assertThat(r.status()).as(r.toString()).isEqualTo(400);
            assertThat(r.errorCode()).isEqualTo("IAM.0007");
        });
        assertThat(delete.json().get("error_msg").asString()).contains("admin group cannot be deleted");
        assertThat(head(owner, account.adminToken()).status()).isEqualTo(204);
        // Its description may change, and so may its other members.
        assertThat(api.patch("/v3/groups/" + admin, account.adminToken(),
                Map.of("group", Map.of("name", "admin", "description", "the admins"))).status()).isEqualTo(200);
        assertThat(put("/v3/groups/" + admin + "/users/" + second.id(), account.adminToken()).status())
                .isEqualTo(204);
        String secondToken = fixtures.token(second);
        assertThat(api.get("/v3/users", secondToken).status()).as("a member of admin administers").isEqualTo(200);
        assertThat(api.delete("/v3/groups/" + admin + "/users/" + second.id(), account.adminToken()).status())
                .isEqualTo(204);
        assertThat(api.get("/v3/users", secondToken).status()).as("next request, same node").isEqualTo(403);
    }

    @Test
    void deleteGroupWhenItHasMembersAndGrantsThenAllGoInOneGo() {
        String group = newGroup();
        TestUser user = fixtures.newUser(account);
        put("/v3/groups/" + group + "/users/" + user.id(), account.adminToken());
        assertThat(put("/v3/domains/" + account.id() + "/groups/" + group + "/roles/" + SECURITY_ADMINISTRATOR,
                account.adminToken()).status()).isEqualTo(204);
        String token = fixtures.token(user);
        assertThat(api.get("/v3/users", token).status()).isEqualTo(200);

        assertThat(api.delete("/v3/groups/" + group, account.adminToken()).status()).isEqualTo(204);

        assertThat(api.get("/v3/users", token).status()).isEqualTo(403);
        assertThat(api.get("/v3/users/" + user.id() + "/groups", account.adminToken()).json().get("groups")).isEmpty();
        assertThat(jdbc.sql("SELECT COUNT(*) FROM role_assignment WHERE subject_id = :g").param("g", group)
                .query(Long.class).single()).isZero();
        assertThat(jdbc.sql("SELECT COUNT(*) FROM group_member WHERE group_id = :g").param("g", group)
                .query(Long.class).single()).isZero();
    }

    // ---- who may call ------------------------------------------------------------------------

    private record Endpoint(String label, BiFunction<Api, String, Api.Response> call) {
    }

    private List<Endpoint> endpoints(String group, String user) {
        String members = "/v3/groups/" + group + "/users/" + user;
        return List.of(
                new Endpoint("list groups", (a, t) -> a.get("/v3/groups", t)),
                new Endpoint("create group", (a, t) -> a.post("/v3/groups", t,
                        Map.of("group", Map.of("name", "g" + System.nanoTime())))),
                new Endpoint("show group", (a, t) -> a.get("/v3/groups/" + group, t)),
                new Endpoint("update group", (a, t) -> a.patch("/v3/groups/" + group, t,
                        Map.of("group", Map.of("description", "changed")))),
                new Endpoint("delete group", (a, t) -> a.delete("/v3/groups/" + group, t)),
                new Endpoint("group users", (a, t) -> a.get("/v3/groups/" + group + "/users", t)),
                new Endpoint("add member", (a, t) -> a.call("PUT", members).token(t).send()),
                new Endpoint("check member", (a, t) -> a.call("HEAD", members).token(t).send()),
                new Endpoint("remove member", (a, t) -> a.delete(members, t)),
                new Endpoint("user's groups", (a, t) -> a.get("/v3/users/" + user + "/groups", t)));
    }

    @Test
    void everyEndpointWhenNoTokenOrPlainUserThenRefusedAndNothingChanged() {
        String group = newGroup();
        TestUser target = fixtures.newUser(account);
        put("/v3/groups/" + group + "/users/" + target.id(), account.adminToken());
        String plain = fixtures.token(fixtures.newUser(account));
        for (Endpoint e : endpoints(group, target.id())) {
            Api.Response anonymous = e.call().apply(api, null);
            assertThat(anonymous.status()).as(e.label() + ": " + anonymous).isEqualTo(401);
            Api.Response refused = e.call().apply(api, plain);
            assertThat(refused.status()).as(e.label() + ": " + refused).isEqualTo(403);
            if (!e.label().equals("check member")) {
                assertThat(refused.errorCode()).as(e.label()).isEqualTo("IAM.0003");
            }
        }
        assertThat(api.get("/v3/groups/" + group, account.adminToken()).json().get("group").get("description")
                .asString()).isEmpty();
        assertThat(head("/v3/groups/" + group + "/users/" + target.id(), account.adminToken()).status()).isEqualTo(204);
        assertThat(api.get("/v3/groups", account.adminToken()).json().get("groups")).hasSize(2);
    }

    @Test
    void everyTargetedEndpointWhenOtherAccountsAdminThenSame404AsMissingIds() {
        String group = newGroup();
        TestUser target = fixtures.newUser(account);
        put("/v3/groups/" + group + "/users/" + target.id(), account.adminToken());
        for (Endpoint e : endpoints(group, target.id())) {
            if (e.label().startsWith("list") || e.label().startsWith("create")) {
                continue;
            }
            Api.Response foreign = e.call().apply(api, other.adminToken());
            assertThat(foreign.status()).as(e.label() + ": " + foreign).isEqualTo(404);
            if (!e.label().equals("check member")) {
                assertThat(foreign.errorCode()).as(e.label()).isEqualTo("IAM.0004");
            }
        }
        Api.Response foreign = api.get("/v3/groups/" + group, other.adminToken());
        Api.Response absent = api.get("/v3/groups/" + MISSING, other.adminToken());
        assertThat(foreign.text().replace(group, "ID")).isEqualTo(absent.text().replace(MISSING, "ID"));
        assertThat(api.get("/v3/groups?domain_id=" + account.id(), other.adminToken()).json().get("groups")).isEmpty();
        assertThat(api.get("/v3/groups", other.adminToken()).text()).doesNotContain(group);
        assertThat(head("/v3/groups/" + group + "/users/" + target.id(), account.adminToken()).status()).isEqualTo(204);
    }

    // ---- helpers -----------------------------------------------------------------------------

    static final String SECURITY_ADMINISTRATOR = "00000000000000000000000000000002";

    private Api.Response createGroup(String name, Map<String, Object> extra) {
        Map<String, Object> group = new java.util.HashMap<>(extra);
        group.put("name", name);
        return api.post("/v3/groups", account.adminToken(), Map.of("group", group));
    }

    private String newGroup() {
        Api.Response r = createGroup("g-" + Fixtures.unique(), Map.of());
        assertThat(r.status()).as(r.toString()).isEqualTo(201);
        return r.json().get("group").get("id").asString();
    }

    private String adminGroupId() {
        return api.get("/v3/groups?name=admin", account.adminToken()).json().get("groups").get(0).get("id").asString();
    }

    private Api.Response put(String path, String token) {
        return api.call("PUT", path).token(token).send();
    }

    private Api.Response head(String path, String token) {
        return api.call("HEAD", path).token(token).send();
    }

    private List<String> operations() {
        return afterSealing(jdbc).sql("SELECT operation, result FROM operation_log WHERE domain_id = :d ORDER BY id")
                .param("d", account.id()).query((rs, n) -> rs.getString(1) + " " + rs.getString(2)).list();
    }
}
