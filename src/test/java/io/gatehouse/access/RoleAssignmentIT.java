package io.gatehouse.access;

import static io.gatehouse.access.GrantIT.FULL_ACCESS;
import static io.gatehouse.access.GrantIT.SECURITY_ADMINISTRATOR;
import static io.gatehouse.access.GrantIT.TENANT_GUEST;
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
import tools.jackson.databind.JsonNode;

/**
 * {@code GET /v3.0/OS-PERMISSION/role-assignments}: each documented filter, paging, and refusals. The
 * account holds seven grants: the admin group's two, three of a group and two of a user in that group.
 */
class RoleAssignmentIT extends IntegrationTest {

    private TestAccount account;
    private String project;
    private String group;
    private String admin;
    private TestUser user;

    @BeforeEach
    void grants() {
        account = fixtures.newAccount();
        project = fixtures.defaultProjectId(account);
        admin = api.get("/v3/groups?name=admin", account.adminToken()).json().get("groups").get(0).get("id").asString();
        group = api.post("/v3/groups", account.adminToken(), Map.of("group", Map.of("name", "g-" + Fixtures.unique())))
                .json().get("group").get("id").asString();
        user = fixtures.newUser(account);
        put("/v3/groups/" + group + "/users/" + user.id());
        put("/v3/domains/" + account.id() + "/groups/" + group + "/roles/" + TENANT_GUEST);
        put("/v3/projects/" + project + "/groups/" + group + "/roles/" + TENANT_GUEST);
        put("/v3/OS-INHERIT/domains/" + account.id() + "/groups/" + group + "/roles/" + SECURITY_ADMINISTRATOR
                + "/inherited_to_projects");
        put("/v3/domains/" + account.id() + "/users/" + user.id() + "/roles/" + TENANT_GUEST);
        put("/v3/projects/" + project + "/users/" + user.id() + "/roles/" + SECURITY_ADMINISTRATOR);
    }

    @Test
    void listWhenNoFilterThenEveryGrantOfTheAccountInItsShape() {
        JsonNode all = list("");

        assertThat(all.get("total_num").asLong()).isEqualTo(7);
        assertThat(all.get("role_assignments")).hasSize(7);
        assertThat(records(all)).containsExactlyInAnyOrder(
                "group " + admin + " " + FULL_ACCESS + " domain " + account.id() + " false",
                "group " + admin + " " + FULL_ACCESS + " domain " + account.id() + " true",
                "group " + group + " " + TENANT_GUEST + " domain " + account.id() + " false",
                "group " + group + " " + TENANT_GUEST + " project " + project + " false",
                "group " + group + " " + SECURITY_ADMINISTRATOR + " domain " + account.id() + " true",
                "user " + user.id() + " " + TENANT_GUEST + " domain " + account.id() + " false",
                "user " + user.id() + " " + SECURITY_ADMINISTRATOR + " project " + project + " false");
        JsonNode one = all.get("role_assignments").get(0);
        assertThat(one.has("agency")).isFalse();
        assertThat(one.get("scope").size()).isEqualTo(1);
        // Another account's list is its own: the admin group's two grants.
        TestAccount other = fixtures.newAccount();
        JsonNode others = api.get("/v3.0/OS-PERMISSION/role-assignments?domain_id=" + other.id(), other.adminToken())
                .json();
        assertThat(others.get("total_num").asLong()).isEqualTo(2);
        assertThat(others.toString()).doesNotContain(account.id()).doesNotContain(group);
    }

    @Test
    void listWhenFilteredBySubjectThenOnlyItsGrants() {
        assertThat(list("&subject=group").get("total_num").asLong()).isEqualTo(5);
        assertThat(list("&subject=user").get("total_num").asLong()).isEqualTo(2);
        assertThat(list("&subject.group_id=" + group).get("total_num").asLong()).isEqualTo(3);
        assertThat(list("&subject.user_id=" + user.id()).get("total_num").asLong()).as("with its groups'").isEqualTo(5);
        assertThat(list("&subject.user_id=" + user.id() + "&include_group=true").get("total_num").asLong()).isEqualTo(5);
        assertThat(records(list("&subject.user_id=" + user.id() + "&include_group=false")))
                .allSatisfy(r -> assertThat(r).startsWith("user " + user.id())).hasSize(2);
        assertThat(list("&subject.user_id=" + account.ownerId()).get("total_num").asLong()).as("through admin")
                .isEqualTo(2);
        assertThat(list("&subject=agency").get("role_assignments")).isEmpty();
        assertThat(list("&subject.agency_id=" + group).get("total_num").asLong()).isZero();
    }

    @Test
    void listWhenFilteredByScopeOrRoleThenOnlyThose() {
        assertThat(records(list("&scope=domain"))).hasSize(3).allSatisfy(r -> assertThat(r).endsWith(" false"))
                .allSatisfy(r -> assertThat(r).contains(" domain "));
        assertThat(records(list("&scope=domain&is_inherited=true"))).hasSize(2)
                .allSatisfy(r -> assertThat(r).endsWith(" true"));
        assertThat(list("&scope.domain_id=" + account.id()).get("total_num").asLong()).isEqualTo(3);
        assertThat(list("&scope.domain_id=" + account.id() + "&is_inherited=true").get("total_num").asLong())
                .isEqualTo(2);
        assertThat(list("&scope.domain_id=" + group).get("total_num").asLong()).isZero();
        assertThat(records(list("&scope=project"))).hasSize(2).allSatisfy(r -> assertThat(r).contains(" project "));
        assertThat(list("&scope.project_id=" + project).get("total_num").asLong()).isEqualTo(2);
        assertThat(list("&scope.project_id=" + group).get("total_num").asLong()).isZero();
        assertThat(list("&scope=enterprise_project").get("total_num").asLong()).isZero();
        assertThat(list("&scope.enterprise_projects_id=x").get("total_num").asLong()).isZero();
        assertThat(list("&role_id=" + TENANT_GUEST).get("total_num").asLong()).isEqualTo(3);
        assertThat(records(list("&role_id=" + SECURITY_ADMINISTRATOR + "&subject.user_id=" + user.id())))
                .containsExactlyInAnyOrder(
                        "group " + group + " " + SECURITY_ADMINISTRATOR + " domain " + account.id() + " true",
                        "user " + user.id() + " " + SECURITY_ADMINISTRATOR + " project " + project + " false");
        assertThat(list("&role_id=" + TENANT_GUEST + "&subject=user&scope=project").get("total_num").asLong())
                .isZero();
    }

    @Test
    void listWhenPagedThenPagesCoverAllOnceInAStableOrder() {
        List<String> seen = new ArrayList<>();
        for (int page = 1; page <= 3; page++) {
            JsonNode p = list("&page=" + page + "&per_page=3");
            assertThat(p.get("total_num").asLong()).isEqualTo(7);
            assertThat(p.get("role_assignments")).hasSize(page < 3 ? 3 : 1);
            seen.addAll(records(p));
        }
        assertThat(seen).doesNotHaveDuplicates().containsExactlyInAnyOrderElementsOf(records(list("")));
        JsonNode beyond = list("&page=4&per_page=3");
        assertThat(beyond.get("role_assignments")).isEmpty();
        assertThat(beyond.get("total_num").asLong()).isEqualTo(7);
        assertThat(list("&page=1&per_page=50").get("role_assignments")).hasSize(7);
        assertThat(records(list("&page=2&per_page=2&subject=group"))).hasSize(2)
                .isEqualTo(records(list("&subject=group")).subList(2, 4));
    }

    @Test
    void listWhenParametersInvalidThen400InHuaweiShape() {
        List<String> invalid = List.of("&page=1", "&per_page=5", "&page=0&per_page=5", "&page=1&per_page=0",
                "&page=1&per_page=51", "&page=x&per_page=5", "&subject=robot", "&subject=user&subject.user_id=" + user.id(),
                "&subject.user_id=a&subject.group_id=b", "&scope=region", "&scope=domain&scope.project_id=" + project,
                "&is_inherited=yes", "&include_group=1");
        for (String query : invalid) {
            Api.Response r = api.get("/v3.0/OS-PERMISSION/role-assignments?domain_id=" + account.id() + query,
                    account.adminToken());
            assertThat(r.status()).as(query + " -> " + r).isEqualTo(400);
            assertThat(r.errorCode()).as(query).isEqualTo("IAM.0007");
            assertThat(r.json().has("error")).as("Huawei shape outside /v3").isFalse();
            assertThat(r.json().get("error_msg").asString()).isNotBlank();
        }
        Api.Response noDomain = api.get("/v3.0/OS-PERMISSION/role-assignments", account.adminToken());
        assertThat(noDomain.status()).isEqualTo(400);
        assertThat(noDomain.errorCode()).isEqualTo("IAM.0072");
        Api.Response foreign = api.get("/v3.0/OS-PERMISSION/role-assignments?domain_id=" + account.id(),
                fixtures.newAccount().adminToken());
        assertThat(foreign.status()).isEqualTo(404);
        assertThat(foreign.errorCode()).isEqualTo("IAM.0004");
        assertThat(api.get("/v3.0/OS-PERMISSION/role-assignments?domain_id=" + account.id(), fixtures.token(user))
                .status()).isEqualTo(403);
    }

    // ---- helpers -----------------------------------------------------------------------------

    private void put(String path) {
        Api.Response r = api.call("PUT", path).token(account.adminToken()).send();
        assertThat(r.status()).as(path + " " + r).isEqualTo(204);
    }

    private JsonNode list(String query) {
        Api.Response r = api.get("/v3.0/OS-PERMISSION/role-assignments?domain_id=" + account.id() + query,
                account.adminToken());
        assertThat(r.status()).as(query + " " + r).isEqualTo(200);
        return r.json();
    }

    /** Each record as "subject-type subject-id role-id scope-type scope-id is_inherited". */
    private static List<String> records(JsonNode page) {
        List<String> out = new ArrayList<>();
        for (JsonNode a : page.get("role_assignments")) {
            String subject = a.has("user") ? "user " + a.get("user").get("id").asString()
                    : "group " + a.get("group").get("id").asString();
            String scope = a.get("scope").has("project") ? "project " + a.get("scope").get("project").get("id").asString()
                    : "domain " + a.get("scope").get("domain").get("id").asString();
            out.add(subject + " " + a.get("role").get("id").asString() + " " + scope + " "
                    + a.get("is_inherited").asBoolean());
        }
        return out;
    }
}
