package io.gatehouse.access;

import static org.assertj.core.api.Assertions.assertThat;

import io.gatehouse.testsupport.Api;
import io.gatehouse.testsupport.Fixtures.TestAccount;
import io.gatehouse.testsupport.Fixtures.TestUser;
import io.gatehouse.testsupport.Grants;
import io.gatehouse.testsupport.IntegrationTest;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import tools.jackson.databind.JsonNode;

/** {@code /v3.0/OS-ROLE/roles}: custom policies, their validation (IAM.1000-IAM.1060) and who may see them. */
public class CustomPolicyIT extends IntegrationTest {

    private static final String PATH = "/v3.0/OS-ROLE/roles";

    @Autowired
    Grants grants;

    private TestAccount account;
    private TestAccount other;

    @BeforeEach
    void accounts() {
        account = fixtures.newAccount();
        other = fixtures.newAccount();
    }

    public static Map<String, Object> statement(String effect, String... actions) {
        Map<String, Object> statement = new LinkedHashMap<>();
        statement.put("Effect", effect);
        statement.put("Action", List.of(actions));
        return statement;
    }

    public static Map<String, Object> policy(Object... statements) {
        Map<String, Object> policy = new LinkedHashMap<>();
        policy.put("Version", "1.1");
        policy.put("Statement", List.of(statements));
        return policy;
    }

    static Map<String, Object> role(String displayName, Map<String, Object> policy) {
        Map<String, Object> role = new LinkedHashMap<>();
        role.put("display_name", displayName);
        role.put("type", "AX");
        role.put("description", "what it allows");
        role.put("policy", policy);
        return role;
    }

    /** Creates a custom policy through the API as the account's admin; answers its id. */
    public static String create(Api api, TestAccount account, String displayName, Map<String, Object> policy) {
        Api.Response r = api.post(PATH, account.adminToken(), Map.of("role", role(displayName, policy)));
        assertThat(r.status()).as(r.toString()).isEqualTo(201);
        return r.json().get("role").get("id").asString();
    }

    @Test
    void lifecycleWhenAdminThenCreatedShownListedUpdatedDeleted() {
        Map<String, Object> body = role("Read users", policy(statement("Allow", "iam:users:getUser", "iam:users:list*")));
        body.put("description_cn", "读取用户");
        Api.Response created = api.post(PATH, account.adminToken(), Map.of("role", body));
        assertThat(created.status()).as(created.toString()).isEqualTo(201);
        JsonNode role = created.json().get("role");
        String id = role.get("id").asString();
        assertThat(id).matches("[0-9a-f]{32}");
        assertThat(role.get("name").asString()).startsWith("custom_" + account.id() + "_");
        assertThat(role.get("display_name").asString()).isEqualTo("Read users");
        assertThat(role.get("type").asString()).isEqualTo("AX");
        assertThat(role.get("catalog").asString()).isEqualTo("CUSTOMED");
        assertThat(role.get("domain_id").asString()).isEqualTo(account.id());
        assertThat(role.get("description_cn").asString()).isEqualTo("读取用户");
        assertThat(role.get("policy").get("Statement").get(0).get("Action").get(1).asString())
                .isEqualTo("iam:users:list*");
        assertThat(role.get("links").get("self").asString()).endsWith(PATH + "/" + id);
        assertThat(role.get("created_time").asString()).matches("\\d{13}");

        Api.Response shown = api.get(PATH + "/" + id, account.adminToken());
        assertThat(shown.status()).isEqualTo(200);
        assertThat(shown.json().get("role").get("references").asInt()).isZero();

        Api.Response list = api.get(PATH, account.adminToken());
        assertThat(list.status()).isEqualTo(200);
        assertThat(list.json().get("total_number").asInt()).isEqualTo(1);
        assertThat(list.json().get("roles").get(0).get("id").asString()).isEqualTo(id);

        Map<String, Object> changed = role("Read users and groups",
                policy(statement("Allow", "iam:users:get*", "iam:groups:get*")));
        changed.put("type", "XA");
        Api.Response updated = api.patch(PATH + "/" + id, account.adminToken(), Map.of("role", changed));
        assertThat(updated.status()).as(updated.toString()).isEqualTo(200);
        assertThat(updated.json().get("role").get("display_name").asString()).isEqualTo("Read users and groups");
        assertThat(updated.json().get("role").get("type").asString()).isEqualTo("XA");
        assertThat(updated.json().get("role").get("name").asString()).isEqualTo(role.get("name").asString());
        assertThat(api.get("/v3/roles/" + id, account.adminToken()).json().get("role").get("policy").toString())
                .contains("iam:groups:get*");

        Api.Response deleted = api.delete(PATH + "/" + id, account.adminToken());
        assertThat(deleted.status()).isEqualTo(200);
        assertThat(deleted.json().get("message").asString()).isEqualTo("Delete success");
        assertThat(api.get(PATH + "/" + id, account.adminToken()).status()).isEqualTo(404);
        assertThat(api.get(PATH, account.adminToken()).json().get("total_number").asInt()).isZero();
    }

    @Test
    void listWhenPagedThenPageAndTotal() {
        for (int i = 0; i < 3; i++) {
            create(api, account, "P" + i, policy(statement("Allow", "iam:users:getUser")));
        }
        Api.Response page = api.get(PATH + "?page=2&per_page=2", account.adminToken());
        assertThat(page.json().get("roles")).hasSize(1);
        assertThat(page.json().get("total_number").asInt()).isEqualTo(3);
        assertThat(api.get(PATH + "?page=1", account.adminToken()).errorCode()).isEqualTo("IAM.0007");
        assertThat(api.get(PATH + "?page=0&per_page=2", account.adminToken()).errorCode()).isEqualTo("IAM.0007");
        assertThat(api.get(PATH + "?page=1&per_page=301", account.adminToken()).errorCode()).isEqualTo("IAM.0007");
    }

    /** A body and the code it must get. */
    private record Invalid(String code, Object body) {
    }

    private static Invalid invalid(String code, Consumer<Map<String, Object>> change) {
        Map<String, Object> role = role("Valid", policy(statement("Allow", "iam:users:getUser")));
        change.accept(role);
        return new Invalid(code, Map.of("role", role));
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> firstStatement(Map<String, Object> role) {
        Map<String, Object> policy = (Map<String, Object>) role.get("policy");
        List<Object> statements = new ArrayList<>((List<Object>) policy.get("Statement"));
        Map<String, Object> first = new LinkedHashMap<>((Map<String, Object>) statements.get(0));
        statements.set(0, first);
        policy.put("Statement", statements);
        return first;
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> policyOf(Map<String, Object> role) {
        Map<String, Object> policy = new LinkedHashMap<>((Map<String, Object>) role.get("policy"));
        role.put("policy", policy);
        return policy;
    }

    private static Consumer<Map<String, Object>> condition(Object condition) {
        return role -> firstStatement(role).put("Condition", condition);
    }

    private static List<Invalid> invalidBodies() {
        List<String> manyActions = Collections.nCopies(101, "iam:users:getUser");
        Map<String, Object> elevenConditions = new LinkedHashMap<>();
        for (String op : List.of("StringEquals", "StringNotEquals", "StringLike", "StringNotLike", "StringStartWith",
                "StringEndWith", "StringNotStartWith", "StringNotEndWith", "StringEqualsIgnoreCase",
                "StringNotEqualsIgnoreCase", "StringMatch")) {
            elevenConditions.put(op, Map.of("g:UserName", List.of("x")));
        }
        return List.of(
                new Invalid("IAM.1000", Map.of("policy", "none")),
                new Invalid("IAM.1000", Map.of("role", "a string")),
                invalid("IAM.1001", role -> role.remove("display_name")),
                invalid("IAM.1001", role -> role.put("display_name", "   ")),
                invalid("IAM.1001", role -> role.put("display_name", 12)),
                invalid("IAM.1002", role -> role.put("display_name", "x".repeat(65))),
                invalid("IAM.1003", role -> role.put("display_name", "bad<name>")),
                invalid("IAM.1004", role -> role.remove("type")),
                invalid("IAM.1005", role -> role.put("type", "QQ")),
                invalid("IAM.1006", role -> role.put("catalog", "CUSTOMED")),
                invalid("IAM.1007", role -> role.put("flag", "fine_grained")),
                invalid("IAM.1008", role -> role.put("name", "custom_x")),
                invalid("IAM.1009", role -> role.put("type", "AA")),
                invalid("IAM.1018", role -> role.remove("description")),
                invalid("IAM.1018", role -> role.put("description", "x".repeat(256))),
                invalid("IAM.1019", role -> role.put("description_cn", 5)),
                invalid("IAM.1020", role -> role.remove("policy")),
                invalid("IAM.1020", role -> role.put("policy", List.of())),
                invalid("IAM.1021", role -> firstStatement(role).put("Action",
                        Collections.nCopies(100, "iam:users:" + "*".repeat(70)))),
                invalid("IAM.1024", role -> policyOf(role).put("Version", "1.0")),
                invalid("IAM.1024", role -> policyOf(role).remove("Version")),
                invalid("IAM.1025", role -> policyOf(role).put("Depends", List.of())),
                invalid("IAM.1027", role -> policyOf(role).put("Statement", Map.of())),
                invalid("IAM.1028", role -> policyOf(role).put("Statement", List.of())),
                invalid("IAM.1028", role -> policyOf(role).put("Statement",
                        Collections.nCopies(9, statement("Allow", "iam:users:getUser")))),
                invalid("IAM.1029", role -> firstStatement(role).put("Effect", "Maybe")),
                invalid("IAM.1029", role -> firstStatement(role).remove("Effect")),
                invalid("IAM.1030", role -> firstStatement(role).put("Action", "iam:users:getUser")),
                invalid("IAM.1030", role -> firstStatement(role).remove("Action")),
                invalid("IAM.1031", role -> firstStatement(role).put("NotAction", List.of("iam:users:getUser"))),
                invalid("IAM.1033", role -> firstStatement(role).put("Action", manyActions)),
                invalid("IAM.1034", role -> firstStatement(role).put("Action", List.of("iam:users:" + "a".repeat(120)))),
                invalid("IAM.1035", role -> firstStatement(role).put("Action", List.of("iam:users:get User"))),
                invalid("IAM.1036", role -> firstStatement(role).put("Action", List.of("iam:users"))),
                invalid("IAM.1036", role -> firstStatement(role).put("Action", List.of("iam:users:noSuchAction"))),
                invalid("IAM.1037", role -> firstStatement(role).put("Resource", List.of())),
                invalid("IAM.1041", role -> firstStatement(role).put("Resource", List.of(" "))),
                invalid("IAM.1042", role -> firstStatement(role).put("Resource", List.of("obs:" + "a".repeat(1500)))),
                invalid("IAM.1047", role -> firstStatement(role).put("Resource", List.of("obs:*:*:bucket:<b>"))),
                invalid("IAM.1049", role -> firstStatement(role).put("Resource", "obs:*:*:bucket:b")),
                invalid("IAM.1050", condition(Map.of())),
                invalid("IAM.1050", condition(elevenConditions)),
                invalid("IAM.1051", condition(Map.of("StringEquals", Map.of()))),
                invalid("IAM.1052", condition(Map.of("StringEquals", Map.of("g:NoSuchKey", List.of("x"))))),
                invalid("IAM.1053", condition(Map.of("StringEquals", Map.of("g:UserName", "alice")))),
                invalid("IAM.1054", condition(Map.of("StringEquals", Map.of("g:UserName", List.of())))),
                invalid("IAM.1054", condition(Map.of("StringEquals", Map.of("g:UserName",
                        Collections.nCopies(11, "a"))))),
                invalid("IAM.1055", condition(Map.of("Bool", Map.of("g:UserName", List.of("true"))))),
                invalid("IAM.1055", condition(Map.of("IpAddress", Map.of("g:UserName", List.of("10.0.0.0/8"))))),
                invalid("IAM.1056", condition(Map.of("StringEquals", Map.of("g:UserName", List.of(""))))),
                invalid("IAM.1056", condition(Map.of("StringEquals", Map.of("g:UserName", List.of("a".repeat(1025)))))),
                invalid("IAM.1057", condition(Map.of("IpAddress", Map.of("g:SourceIp", List.of("example.com"))))),
                invalid("IAM.1057", condition(Map.of("Bool", Map.of("g:MFAPresent", List.of("yes"))))),
                invalid("IAM.1057", condition(Map.of("StringMatch", Map.of("g:UserName", List.of("(unclosed"))))),
                invalid("IAM.1059", role -> role.put("colour", "blue")),
                invalid("IAM.1059", role -> firstStatement(role).put("Sid", "s1")),
                invalid("IAM.1059", condition(Map.of("StringSoundsLike", Map.of("g:UserName", List.of("x"))))),
                invalid("IAM.1060", condition(Map.of("StringEquals", Map.of("g:UserName", List.of(5))))));
    }

    @Test
    void createAndUpdateWhenBodyInvalidThen400WithItsCodeAndNothingWritten() {
        String id = create(api, account, "Kept", policy(statement("Allow", "iam:users:getUser")));
        for (Invalid invalid : invalidBodies()) {
            Api.Response created = api.post(PATH, account.adminToken(), invalid.body());
            assertThat(created.status()).as(invalid.code() + " " + Api.toJson(invalid.body()) + " -> " + created)
                    .isEqualTo(400);
            assertThat(created.errorCode()).as(Api.toJson(invalid.body()) + " -> " + created).isEqualTo(invalid.code());
            Api.Response updated = api.patch(PATH + "/" + id, account.adminToken(), invalid.body());
            assertThat(updated.errorCode()).as("update " + Api.toJson(invalid.body())).isEqualTo(invalid.code());
        }
        assertThat(api.get(PATH, account.adminToken()).json().get("total_number").asInt()).isEqualTo(1);
        assertThat(api.get(PATH + "/" + id, account.adminToken()).json().get("role").get("display_name").asString())
                .isEqualTo("Kept");
    }

    @Test
    void everyCodeOfTheRangeThatGatehouseChecksIsProvedAbove() {
        // The codes Gatehouse answers in the IAM.1000-1060 range; each must appear in the table above.
        List<String> checked = List.of("IAM.1000", "IAM.1001", "IAM.1002", "IAM.1003", "IAM.1004", "IAM.1005",
                "IAM.1006", "IAM.1007", "IAM.1008", "IAM.1009", "IAM.1018", "IAM.1019", "IAM.1020", "IAM.1021",
                "IAM.1024", "IAM.1025", "IAM.1027", "IAM.1028", "IAM.1029", "IAM.1030", "IAM.1031", "IAM.1033",
                "IAM.1034", "IAM.1035", "IAM.1036", "IAM.1037", "IAM.1041", "IAM.1042", "IAM.1047", "IAM.1049",
                "IAM.1050", "IAM.1051", "IAM.1052", "IAM.1053", "IAM.1054", "IAM.1055", "IAM.1056", "IAM.1057",
                "IAM.1059", "IAM.1060");
        List<String> answered = java.util.Arrays.stream(io.gatehouse.common.error.IamError.values())
                .map(io.gatehouse.common.error.IamError::code)
                .filter(code -> code.compareTo("IAM.1000") >= 0 && code.compareTo("IAM.1060") <= 0).sorted().toList();
        assertThat(answered).containsExactlyElementsOf(checked);
        assertThat(invalidBodies().stream().map(Invalid::code).distinct().sorted().toList())
                .containsExactlyElementsOf(checked);
    }

    @Test
    void everyOperationWhenNoTokenThen401() {
        String id = create(api, account, "P", policy(statement("Allow", "iam:users:getUser")));
        Map<String, Object> body = Map.of("role", role("P", policy(statement("Allow", "iam:users:getUser"))));
        assertThat(api.post(PATH, null, body).status()).isEqualTo(401);
        assertThat(api.get(PATH, null).status()).isEqualTo(401);
        assertThat(api.get(PATH + "/" + id, null).status()).isEqualTo(401);
        assertThat(api.patch(PATH + "/" + id, null, body).status()).isEqualTo(401);
        assertThat(api.delete(PATH + "/" + id, null).status()).isEqualTo(401);
    }

    @Test
    void everyOperationWhenPlainUserThen403NamingTheAction() {
        String id = create(api, account, "P", policy(statement("Allow", "iam:users:getUser")));
        String token = fixtures.token(fixtures.newUser(account));
        Map<String, Object> body = Map.of("role", role("P", policy(statement("Allow", "iam:users:getUser"))));
        assertDenied(api.post(PATH, token, body), "iam:roles:createRole");
        assertDenied(api.get(PATH, token), "iam:roles:listRoles");
        assertDenied(api.get(PATH + "/" + id, token), "iam:roles:getRole");
        assertDenied(api.patch(PATH + "/" + id, token, body), "iam:roles:updateRole");
        assertDenied(api.delete(PATH + "/" + id, token), "iam:roles:deleteRole");
        assertThat(api.get(PATH + "/" + id, account.adminToken()).status()).isEqualTo(200);
    }

    @Test
    void readOnlyUserWhenReadsThenAllowedAndWritesThen403() {
        String id = create(api, account, "P", policy(statement("Allow", "iam:users:getUser")));
        TestUser reader = fixtures.newUser(account);
        grants.onAccount(reader, Grants.IAM_READ_ONLY_ACCESS);
        String token = fixtures.token(reader);
        assertThat(api.get(PATH, token).status()).isEqualTo(200);
        assertThat(api.get(PATH + "/" + id, token).status()).isEqualTo(200);
        assertDenied(api.delete(PATH + "/" + id, token), "iam:roles:deleteRole");
    }

    @Test
    void anotherAccountsPolicyWhenOtherAdminThenSame404AsMissing() {
        String id = create(api, account, "Mine", policy(statement("Allow", "iam:users:getUser")));
        String missing = "0123456789abcdef0123456789abcdef";
        Map<String, Object> body = Map.of("role", role("Stolen", policy(statement("Allow", "iam:*:*"))));
        for (String path : List.of(PATH + "/", "/v3/roles/")) {
            Api.Response foreign = api.get(path + id, other.adminToken());
            Api.Response absent = api.get(path + missing, other.adminToken());
            assertThat(foreign.status()).isEqualTo(404);
            assertThat(foreign.text().replace(id, "ID")).isEqualTo(absent.text().replace(missing, "ID"));
        }
        assertThat(api.patch(PATH + "/" + id, other.adminToken(), body).status()).isEqualTo(404);
        assertThat(api.delete(PATH + "/" + id, other.adminToken()).status()).isEqualTo(404);
        assertThat(api.get(PATH, other.adminToken()).text()).doesNotContain(id);
        assertThat(api.get("/v3/roles?domain_id=" + account.id(), other.adminToken()).json().get("roles")).isEmpty();
        assertThat(api.get(PATH + "/" + id, account.adminToken()).json().get("role").get("display_name").asString())
                .isEqualTo("Mine");
    }

    @Test
    void deleteWhenPolicyIsStillGrantedThen409AndKept() {
        String id = create(api, account, "Granted", policy(statement("Allow", "iam:users:getUser")));
        grants.onAccount(fixtures.newUser(account), id);
        Api.Response refused = api.delete(PATH + "/" + id, account.adminToken());
        assertThat(refused.status()).isEqualTo(409);
        assertThat(refused.errorCode()).isEqualTo("IAM.0005");
        Api.Response kept = api.get(PATH + "/" + id, account.adminToken());
        assertThat(kept.status()).isEqualTo(200);
        assertThat(kept.json().get("role").get("references").asInt()).isEqualTo(1);
    }

    @Test
    void updateWhenSystemRoleThen404() {
        Map<String, Object> body = Map.of("role", role("Mine now", policy(statement("Allow", "*:*:*"))));
        assertThat(api.patch(PATH + "/" + Grants.TENANT_GUEST, account.adminToken(), body).status()).isEqualTo(404);
        assertThat(api.delete(PATH + "/" + Grants.TENANT_GUEST, account.adminToken()).status()).isEqualTo(404);
    }

    static void assertDenied(Api.Response r, String action) {
        assertThat(r.status()).as(r.toString()).isEqualTo(403);
        assertThat(r.errorCode()).isEqualTo("IAM.0003");
        assertThat(r.json().get("error_msg").asString()).isEqualTo("Policy doesn't allow " + action + " to be performed.");
    }
}
