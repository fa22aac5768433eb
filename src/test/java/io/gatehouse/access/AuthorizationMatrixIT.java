package io.gatehouse.access;

import static org.assertj.core.api.Assertions.assertThat;

import io.gatehouse.common.web.RequiresAction;
import io.gatehouse.testsupport.Api;
import io.gatehouse.testsupport.EndpointExamples;
import io.gatehouse.testsupport.EndpointExamples.Example;
import io.gatehouse.testsupport.Fixtures;
import io.gatehouse.testsupport.Fixtures.TestAccount;
import io.gatehouse.testsupport.Fixtures.TestUser;
import io.gatehouse.testsupport.Grants;
import io.gatehouse.testsupport.IntegrationTest;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import org.assertj.core.api.SoftAssertions;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;
import org.springframework.web.method.HandlerMethod;
import org.springframework.web.servlet.mvc.method.RequestMappingInfo;
import org.springframework.web.servlet.mvc.method.annotation.RequestMappingHandlerMapping;

/**
 * Every endpoint that needs a credential, taken from the application's own request mappings, called with
 * its example ({@link EndpointExamples}) by five callers: no credential, a plain user, a user holding IAM
 * ReadOnlyAccess, another account's admin and this account's admin. What each must get follows from the
 * endpoint's declaration ({@link RequiresAction}): its action, whether that action reads, and its
 * {@code allow}. Writes by this account's admin, and refused writes, each leave exactly one operation-log record.
 */
class AuthorizationMatrixIT extends IntegrationTest {

    private static final Set<String> WRITES = Set.of("POST", "PUT", "PATCH", "DELETE");
    private static final List<String> READ_VERBS = List.of("get", "list", "check", "show");

    enum Who { NO_CREDENTIAL, PLAIN_USER, READ_ONLY_USER, OTHER_ACCOUNTS_ADMIN, THIS_ACCOUNTS_ADMIN }

    @Autowired
    @Qualifier("requestMappingHandlerMapping")
    RequestMappingHandlerMapping mappings;

    @Autowired
    Grants grants;

    @Autowired
    AccessService access;

    @Autowired
    PlatformTransactionManager transactions;

    @Autowired
    JdbcClient jdbc;

    /** The declared endpoints that need a credential, by {@code "METHOD /pattern"}. */
    private Map<String, RequiresAction> declaredEndpoints() {
        Map<String, RequiresAction> endpoints = new LinkedHashMap<>();
        for (Map.Entry<RequestMappingInfo, HandlerMethod> e : mappings.getHandlerMethods().entrySet()) {
            RequiresAction action = e.getValue().getMethodAnnotation(RequiresAction.class);
            if (action == null) {
                continue;
            }
            for (var method : e.getKey().getMethodsCondition().getMethods()) {
                for (String pattern : e.getKey().getPatternValues()) {
                    endpoints.put(method.name() + " " + pattern, action);
                }
            }
        }
        return endpoints;
    }

    @Test
    void everyDeclaredEndpointWhenMappedThenHasAnExampleAndEveryExampleIsMapped() {
        Set<String> declared = declaredEndpoints().keySet();
        Set<String> examples = new HashSet<>();
        EndpointExamples.ALL.forEach(e -> assertThat(examples.add(e.key())).as("duplicate row " + e.key()).isTrue());

        assertThat(new TreeSet<>(declared)).as("endpoints without a row in EndpointExamples.ALL: add one each")
                .isSubsetOf(examples);
        assertThat(new TreeSet<>(examples)).as("rows of EndpointExamples.ALL that no endpoint maps")
                .isSubsetOf(declared);
        assertThat(declared).hasSizeGreaterThanOrEqualTo(101);
    }

    @Test
    void everyEndpointWhenCalledByEachCallerThenTheDeclaredAnswerAndOneRecordPerWrite() {
        Map<String, RequiresAction> declared = declaredEndpoints();
        Scenario scenario = new Scenario();
        SoftAssertions softly = new SoftAssertions();
        for (Example example : EndpointExamples.ALL) {
            RequiresAction action = declared.get(example.key());
            if (action == null) {
                continue; // reported by the other test
            }
            for (Who who : Who.values()) {
                scenario.call(example, action, who, softly);
            }
        }
        softly.assertAll();
    }

    /** The fixture of one run: this account with a target user and a custom policy, and another account. */
    private final class Scenario {
        final TestAccount account = fixtures.newAccount();
        final TestAccount other = fixtures.newAccount();
        final TestUser target = fixtures.newUser(account, Map.of("email", "t" + Fixtures.unique() + "@example.com"));
        final String roleId = CustomPolicyIT.create(api, account, "Matrix", CustomPolicyIT.policy(
                CustomPolicyIT.statement("Allow", "iam:users:getUser")));
        final String groupId = groupWith(target.id());
        final String projectId = created(api.post("/v3/projects", account.adminToken(),
                Map.of("project", Map.of("name", "gh-region-1_matrix" + Fixtures.unique()))), "project");
        final String regionId = firstId("/v3/regions", "regions");
        final String serviceId = firstId("/v3/services", "services");
        final String endpointId = firstId("/v3/endpoints", "endpoints");
        final String ruleId = riskRule(account);
        /**
         * This account's ids that the other account's admin has itself sent so far. Its own operation log
         * records its refused attempts with them; repeating to a caller what it sent is no leak.
         */
        final Set<String> sentByOther = new HashSet<>();

        /** A new group of the account with the user as its member. */
        String groupWith(String userId) {
            String id = created(api.post("/v3/groups", account.adminToken(),
                    Map.of("group", Map.of("name", "m" + Fixtures.unique()))), "group");
            Api.Response added = api.call("PUT", "/v3/groups/" + id + "/users/" + userId).token(account.adminToken())
                    .send();
            assertThat(added.status()).as(added.toString()).isEqualTo(204);
            return id;
        }

        private String firstId(String path, String collection) {
            Api.Response r = api.get(path, account.adminToken());
            assertThat(r.status()).as(r.toString()).isEqualTo(200);
            return r.json().get(collection).get(0).get("id").asString();
        }

        void call(Example example, RequiresAction action, Who who, SoftAssertions softly) {
            Caller caller = caller(who);
            Ctx ctx = new Ctx(this, caller);
            String path = example.path(ctx);
            Api.Call call = api.call(example.method(), path).token(who == Who.NO_CREDENTIAL ? null : caller.token());
            StringBuilder sent = new StringBuilder(path);
            example.headers().forEach((name, value) -> {
                String v = value.apply(ctx);
                call.header(name, v);
                sent.append(' ').append(v);
            });
            if (example.body() != null) {
                Object body = example.body().apply(ctx);
                call.json(body);
                sent.append(' ').append(Api.toJson(body));
            }
            Set<String> fixtureIds = new HashSet<>(List.of(account.id(), target.id(), roleId, groupId, projectId,
                    ruleId));
            fixtureIds.addAll(ctx.created);
            boolean touchesThisAccount = fixtureIds.stream().anyMatch(id -> sent.toString().contains(id));
            Set<String> leakable = new HashSet<>(fixtureIds);
            leakable.removeAll(sentByOther);
            if (who == Who.OTHER_ACCOUNTS_ADMIN) {
                fixtureIds.stream().filter(id -> sent.toString().contains(id)).forEach(sentByOther::add);
            }
            long before = lastLogId();

            Api.Response r = call.send();

            String cell = example.key() + " as " + who + " -> " + r;
            boolean hasBody = !example.method().equals("HEAD"); // a HEAD answer is its status alone
            switch (expectation(action, who, touchesThisAccount)) {
                case UNAUTHENTICATED -> softly.assertThat(r.status()).as(cell).isEqualTo(401);
                case DENIED -> {
                    softly.assertThat(r.status()).as(cell).isEqualTo(403);
                    if (hasBody) {
                        softly.assertThat(r.errorCode()).as(cell).isEqualTo("IAM.0003");
                        softly.assertThat(r.text()).as(cell).contains(action.value());
                    }
                }
                case NOT_FOUND -> {
                    softly.assertThat(r.status()).as(cell).isEqualTo(404);
                    if (hasBody) {
                        softly.assertThat(r.errorCode()).as(cell).isEqualTo("IAM.0004");
                    }
                }
                case ALLOWED -> {
                    softly.assertThat(r.status()).as(cell).isNotEqualTo(401);
                    softly.assertThat(r.status() == 403 && "IAM.0003".equals(r.errorCode())).as(cell).isFalse();
                    if (who == Who.OTHER_ACCOUNTS_ADMIN) {
                        leakable.forEach(id -> softly.assertThat(r.text()).as(cell + " leaks " + id).doesNotContain(id));
                    }
                }
                case SUCCEEDS -> {
                    if (example.adminStatus() == null) {
                        softly.assertThat(r.status()).as(cell).isBetween(200, 299);
                    } else {
                        softly.assertThat(r.status()).as(cell + " (" + example.why() + ")").isEqualTo(example.adminStatus());
                    }
                }
            }
            if (WRITES.contains(example.method()) && (who == Who.THIS_ACCOUNTS_ADMIN
                    || who == Who.PLAIN_USER && r.status() == 403 && "IAM.0003".equals(r.errorCode()))) {
                assertOneRecord(example, action, caller, path, r, before, softly, cell);
            }
        }

        private void assertOneRecord(Example example, RequiresAction action, Caller caller, String path,
                Api.Response r, long before, SoftAssertions softly, String cell) {
            List<Map<String, Object>> rows = afterSealing(jdbc).sql("""
                    SELECT actor_id, operation, resource_type, resource_id, result, error_code FROM operation_log
                    WHERE domain_id = :domainId AND id > :before ORDER BY id""")
                    .param("domainId", account.id()).param("before", before).query().listOfRows();
            softly.assertThat(rows).as("operation log of " + cell).hasSize(1);
            if (rows.size() != 1) {
                return;
            }
            Map<String, Object> row = rows.get(0);
            softly.assertThat(row.get("actor_id")).as(cell).isEqualTo(caller.id());
            softly.assertThat(row.get("operation")).as(cell).isEqualTo(action.value());
            softly.assertThat(row.get("resource_type")).as(cell).isEqualTo(action.resource());
            boolean succeeded = r.status() >= 200 && r.status() < 300;
            softly.assertThat(row.get("result")).as(cell).isEqualTo(succeeded ? "success" : "failure");
            softly.assertThat(row.get("error_code")).as(cell).isEqualTo(succeeded ? null : r.errorCode());
            String resourceId = (String) row.get("resource_id");
            String firstVariable = firstPathVariable(example, path);
            List<String> pathValues = pathVariables(example, path);
            if (succeeded && pathValues.size() > 1 && resourceId != null && !resourceId.equals(firstVariable)) {
                // A relationship (a membership, a grant) is named by all of its parts.
                pathValues.forEach(v -> softly.assertThat(resourceId).as(cell + ": names " + v).contains(v));
            } else if (firstVariable != null) {
                softly.assertThat(resourceId).as(cell).isEqualTo(firstVariable);
            } else if (succeeded && example.method().equals("POST")) {
                softly.assertThat(resourceId).as(cell).isNotNull();
                softly.assertThat(r.text()).as(cell + ": the response names the record's resource").contains(resourceId);
            }
        }

        Caller caller(Who who) {
            return switch (who) {
                case NO_CREDENTIAL, PLAIN_USER -> userCaller(fixtures.newUser(account));
                case READ_ONLY_USER -> {
                    TestUser reader = fixtures.newUser(account);
                    grants.onAccount(reader, Grants.IAM_READ_ONLY_ACCESS);
                    yield userCaller(reader);
                }
                case OTHER_ACCOUNTS_ADMIN -> admin(other);
                case THIS_ACCOUNTS_ADMIN -> admin(account);
            };
        }

        private Caller admin(TestAccount of) {
            TestUser admin = fixtures.newUser(of);
            new TransactionTemplate(transactions).executeWithoutResult(s -> access.addToAdminGroup(of.id(), admin.id()));
            return userCaller(admin);
        }

        private Caller userCaller(TestUser user) {
            return new Caller(user.id(), user.account(), fixtures.token(user));
        }
    }

    private record Caller(String id, TestAccount account, String token) {
    }

    /** A new risk rule of the account. */
    private String riskRule(TestAccount of) {
        return created(api.post("/gatehouse/v1/risk-rules", of.adminToken(), Map.of("risk_rule",
                Map.of("name", "r" + Fixtures.unique(), "risk_type", "abnormal_ip"))), "risk_rule");
    }

    /** The example's view of the scenario, for one caller. */
    private final class Ctx implements EndpointExamples.Context {
        private final Scenario scenario;
        private final Caller caller;
        final List<String> created = new ArrayList<>();

        Ctx(Scenario scenario, Caller caller) {
            this.scenario = scenario;
            this.caller = caller;
        }

        @Override
        public String var(String name) {
            return switch (name) {
                case "user_id" -> scenario.target.id();
                case "domain_id" -> scenario.account.id();
                case "role_id" -> scenario.roleId;
                case "group_id" -> scenario.groupId;
                case "project_id" -> scenario.projectId;
                case "region_id" -> scenario.regionId;
                case "service_id" -> scenario.serviceId;
                case "endpoint_id" -> scenario.endpointId;
                case "rule_id" -> scenario.ruleId;
                default -> throw new IllegalArgumentException("No fixture for {" + name + "}: fill it in the row");
            };
        }

        @Override
        public String accountId() {
            return caller.account().id();
        }

        @Override
        public String selfId() {
            return caller.id();
        }

        @Override
        public String selfToken() {
            return caller.token();
        }

        @Override
        public String freshUser() {
            String id = fixtures.newUser(scenario.account).id();
            created.add(id);
            return id;
        }

        @Override
        public String freshRole() {
            String id = CustomPolicyIT.create(api, scenario.account, "Fresh", CustomPolicyIT.policy(
                    CustomPolicyIT.statement("Allow", "iam:users:getUser")));
            created.add(id);
            return id;
        }

        @Override
        public String freshGroup() {
            String id = created(api.post("/v3/groups", scenario.account.adminToken(),
                    Map.of("group", Map.of("name", "f" + Fixtures.unique()))), "group");
            created.add(id);
            return id;
        }

        @Override
        public String freshRiskRule() {
            String id = riskRule(scenario.account);
            created.add(id);
            return id;
        }

        @Override
        public String freshMember() {
            String id = fixtures.newUser(scenario.account).id();
            Api.Response added = api.call("PUT", "/v3/groups/" + scenario.groupId + "/users/" + id)
                    .token(scenario.account.adminToken()).send();
            assertThat(added.status()).as(added.toString()).isEqualTo(204);
            created.add(id);
            return id;
        }

        @Override
        public String freshKeyOfSelf() {
            Api.Response r = api.post("/v3.0/OS-CREDENTIAL/credentials", caller.token(),
                    Map.of("credential", Map.of("user_id", caller.id())));
            assertThat(r.status()).as(r.toString()).isEqualTo(201);
            return r.json().get("credential").get("access").asString();
        }

        @Override
        public String[] freshDeviceOfSelf() {
            Api.Response r = api.post("/v3.0/OS-MFA/virtual-mfa-devices", caller.token(), Map.of("virtual_mfa_device",
                    Map.of("name", "d" + Fixtures.unique(), "user_id", caller.id())));
            assertThat(r.status()).as(r.toString()).isEqualTo(201);
            return new String[] {r.json().get("virtual_mfa_device").get("serial_number").asString(),
                    r.json().get("virtual_mfa_device").get("base32_string_seed").asString()};
        }
    }

    enum Expect { UNAUTHENTICATED, DENIED, NOT_FOUND, ALLOWED, SUCCEEDS }

    /** What a caller must get, from the declaration alone. */
    static Expect expectation(RequiresAction action, Who who, boolean touchesThisAccount) {
        boolean withoutGrant = action.allow() == RequiresAction.Allow.SELF
                || action.allow() == RequiresAction.Allow.AUTHENTICATED;
        return switch (who) {
            case NO_CREDENTIAL -> Expect.UNAUTHENTICATED;
            case PLAIN_USER -> withoutGrant ? Expect.ALLOWED : Expect.DENIED;
            case READ_ONLY_USER -> withoutGrant || isRead(action.value()) ? Expect.ALLOWED : Expect.DENIED;
            case OTHER_ACCOUNTS_ADMIN -> touchesThisAccount ? Expect.NOT_FOUND : Expect.ALLOWED;
            case THIS_ACCOUNTS_ADMIN -> Expect.SUCCEEDS;
        };
    }

    static boolean isRead(String action) {
        String verb = action.substring(action.lastIndexOf(':') + 1).toLowerCase(Locale.ROOT);
        return READ_VERBS.stream().anyMatch(verb::startsWith);
    }

    /** The id of what a 201 answer created ({@code {"<kind>": {"id": ...}}}). */
    private static String created(Api.Response r, String kind) {
        assertThat(r.status()).as(r.toString()).isEqualTo(201);
        return r.json().get(kind).get("id").asString();
    }

    private long lastLogId() {
        return afterSealing(jdbc).sql("SELECT COALESCE(MAX(id), 0) FROM operation_log").query(Long.class).single();
    }

    /** The values the path gives its variables, in order. */
    private static List<String> pathVariables(Example example, String path) {
        String[] patternParts = example.pattern().split("/");
        int query = path.indexOf('?');
        String[] pathParts = (query < 0 ? path : path.substring(0, query)).split("/");
        List<String> values = new ArrayList<>();
        for (int i = 0; i < patternParts.length && i < pathParts.length; i++) {
            if (patternParts[i].startsWith("{")) {
                values.add(pathParts[i]);
            }
        }
        return values;
    }

    /** The value the path gives its first variable, or null when it has none. */
    private static String firstPathVariable(Example example, String path) {
        String pattern = example.pattern();
        int open = pattern.indexOf('{');
        if (open < 0) {
            return null;
        }
        String rest = path.substring(open);
        int end = rest.indexOf('/');
        int query = rest.indexOf('?');
        int cut = end < 0 ? (query < 0 ? rest.length() : query) : (query < 0 ? end : Math.min(end, query));
        return rest.substring(0, cut);
    }
}
