package io.gatehouse.access;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.HashMap;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import tools.jackson.databind.json.JsonMapper;

/** The policy engine's decisions, one row per case: statements, action, request, expected decision. */
class PolicyEvaluatorTest {

    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static final Map<String, String> REQUEST = Map.of(
            RequestFacts.SOURCE_IP, "10.1.2.3",
            RequestFacts.MFA_PRESENT, "false",
            RequestFacts.USER_ID, "u1",
            RequestFacts.USER_NAME, "alice.dev",
            RequestFacts.DOMAIN_NAME, "acme",
            RequestFacts.CURRENT_TIME, "2030-06-01T12:00:00Z");

    static Stream<Arguments> cases() {
        return Stream.of(
                // allow, deny, nothing
                row("exact allow", allow("\"iam:users:getUser\""), "iam:users:getUser", Map.of(), Decision.ALLOW),
                row("other action not allowed", allow("\"iam:users:getUser\""), "iam:users:updateUser", Map.of(),
                        Decision.NOT_ALLOWED),
                row("only another service", allow("\"ecs:*:*\""), "iam:users:getUser", Map.of(), Decision.NOT_ALLOWED),
                row("deny alone", deny("\"iam:users:getUser\""), "iam:users:getUser", Map.of(), Decision.DENY),
                row("deny wins over allow", "[" + stmt("Allow", "\"iam:*:*\"") + "," + stmt("Deny", "\"iam:users:deleteUser\"")
                        + "]", "iam:users:deleteUser", Map.of(), Decision.DENY),
                row("deny of another action leaves allow", "[" + stmt("Allow", "\"iam:*:*\"") + ","
                        + stmt("Deny", "\"iam:users:deleteUser\"") + "]", "iam:users:getUser", Map.of(), Decision.ALLOW),
                row("actions are case-insensitive", allow("\"IAM:Users:GETUSER\""), "iam:users:getUser", Map.of(),
                        Decision.ALLOW),
                // wildcards
                row("service wildcard", allow("\"iam:users:*\""), "iam:users:deleteUser", Map.of(), Decision.ALLOW),
                row("service wildcard other resource", allow("\"iam:users:*\""), "iam:groups:getGroup", Map.of(),
                        Decision.NOT_ALLOWED),
                row("verb prefix wildcard", allow("\"iam:*:get*\""), "iam:roles:getRole", Map.of(), Decision.ALLOW),
                row("verb prefix wildcard refuses writes", allow("\"iam:*:get*\""), "iam:roles:updateRole", Map.of(),
                        Decision.NOT_ALLOWED),
                row("all of everything", allow("\"*:*:*\""), "gatehouse:users:unlock", Map.of(), Decision.ALLOW),
                row("Tenant Administrator denies iam", "[" + stmt("Allow", "\"*:*:*\"") + ","
                        + stmt("Deny", "\"iam:*:*\"") + "]", "iam:users:listUsers", Map.of(), Decision.DENY),
                row("Tenant Administrator allows other services", "[" + stmt("Allow", "\"*:*:*\"") + ","
                        + stmt("Deny", "\"iam:*:*\"") + "]", "ecs:servers:list", Map.of(), Decision.ALLOW),
                // NotAction
                row("NotAction allows what it does not name", notAction("Allow", "\"iam:users:deleteUser\""),
                        "iam:users:updateUser", Map.of(), Decision.ALLOW),
                row("NotAction does not allow what it names", notAction("Allow", "\"iam:users:deleteUser\""),
                        "iam:users:deleteUser", Map.of(), Decision.NOT_ALLOWED),
                row("NotAction deny of everything but reads", "[" + stmt("Allow", "\"iam:*:*\"") + ","
                        + notActionStmt("Deny", "\"iam:*:get*\", \"iam:*:list*\"") + "]", "iam:users:createUser",
                        Map.of(), Decision.DENY),
                row("NotAction deny leaves the named reads", "[" + stmt("Allow", "\"iam:*:*\"") + ","
                        + notActionStmt("Deny", "\"iam:*:get*\", \"iam:*:list*\"") + "]", "iam:users:listUsers",
                        Map.of(), Decision.ALLOW),
                // conditions
                row("IpAddress inside", conditioned("Allow", "{\"IpAddress\":{\"g:SourceIp\":[\"10.0.0.0/8\"]}}"),
                        "iam:users:getUser", Map.of(), Decision.ALLOW),
                row("IpAddress outside", conditioned("Allow", "{\"IpAddress\":{\"g:SourceIp\":[\"192.168.0.0/16\"]}}"),
                        "iam:users:getUser", Map.of(), Decision.NOT_ALLOWED),
                row("NotIpAddress deny from outside", "[" + stmt("Allow", "\"iam:*:*\"") + ","
                        + conditionedStmt("Deny", "{\"NotIpAddress\":{\"g:SourceIp\":[\"10.0.0.0/8\"]}}") + "]",
                        "iam:users:getUser", Map.of(RequestFacts.SOURCE_IP, "203.0.113.9"), Decision.DENY),
                row("NotIpAddress deny spares inside", "[" + stmt("Allow", "\"iam:*:*\"") + ","
                        + conditionedStmt("Deny", "{\"NotIpAddress\":{\"g:SourceIp\":[\"10.0.0.0/8\"]}}") + "]",
                        "iam:users:getUser", Map.of(), Decision.ALLOW),
                row("Bool MFA required, absent", conditioned("Allow", "{\"Bool\":{\"g:MFAPresent\":[\"true\"]}}"),
                        "iam:users:getUser", Map.of(), Decision.NOT_ALLOWED),
                row("Bool MFA required, present", conditioned("Allow", "{\"Bool\":{\"g:MFAPresent\":[\"true\"]}}"),
                        "iam:users:getUser", Map.of(RequestFacts.MFA_PRESENT, "true"), Decision.ALLOW),
                row("StringEquals user name", conditioned("Allow", "{\"StringEquals\":{\"g:UserName\":[\"alice.dev\"]}}"),
                        "iam:users:getUser", Map.of(), Decision.ALLOW),
                row("StringEquals is case-sensitive", conditioned("Allow",
                        "{\"StringEquals\":{\"g:UserName\":[\"Alice.Dev\"]}}"), "iam:users:getUser", Map.of(),
                        Decision.NOT_ALLOWED),
                row("StringEqualsIgnoreCase", conditioned("Allow",
                        "{\"StringEqualsIgnoreCase\":{\"g:UserName\":[\"Alice.Dev\"]}}"), "iam:users:getUser",
                        Map.of(), Decision.ALLOW),
                row("StringNotEquals", conditioned("Allow", "{\"StringNotEquals\":{\"g:UserName\":[\"bob\"]}}"),
                        "iam:users:getUser", Map.of(), Decision.ALLOW),
                row("StringNotEqualsIgnoreCase", conditioned("Allow",
                        "{\"StringNotEqualsIgnoreCase\":{\"g:UserName\":[\"ALICE.DEV\"]}}"), "iam:users:getUser",
                        Map.of(), Decision.NOT_ALLOWED),
                row("StringLike", conditioned("Allow", "{\"StringLike\":{\"g:UserName\":[\"ali?e.*\"]}}"),
                        "iam:users:getUser", Map.of(), Decision.ALLOW),
                row("StringNotLike", conditioned("Allow", "{\"StringNotLike\":{\"g:UserName\":[\"*.dev\"]}}"),
                        "iam:users:getUser", Map.of(), Decision.NOT_ALLOWED),
                row("StringStartWith", conditioned("Allow", "{\"StringStartWith\":{\"g:UserName\":[\"ali\"]}}"),
                        "iam:users:getUser", Map.of(), Decision.ALLOW),
                row("StringEndWith", conditioned("Allow", "{\"StringEndWith\":{\"g:UserName\":[\".prod\"]}}"),
                        "iam:users:getUser", Map.of(), Decision.NOT_ALLOWED),
                row("StringEndWithIgnoreCase", conditioned("Allow",
                        "{\"StringEndWithIgnoreCase\":{\"g:UserName\":[\".DEV\"]}}"), "iam:users:getUser", Map.of(),
                        Decision.ALLOW),
                row("StringMatch regex", conditioned("Allow", "{\"StringMatch\":{\"g:UserName\":[\"[a-z]+\\\\.dev\"]}}"),
                        "iam:users:getUser", Map.of(), Decision.ALLOW),
                row("StringMatch must match whole value", conditioned("Allow",
                        "{\"StringMatch\":{\"g:UserName\":[\"alice\"]}}"), "iam:users:getUser", Map.of(),
                        Decision.NOT_ALLOWED),
                row("any of several values", conditioned("Allow",
                        "{\"StringEquals\":{\"g:DomainName\":[\"other\",\"acme\"]}}"), "iam:users:getUser", Map.of(),
                        Decision.ALLOW),
                row("all conditions must hold", conditioned("Allow",
                        "{\"StringEquals\":{\"g:DomainName\":[\"acme\"]},\"Bool\":{\"g:MFAPresent\":[\"true\"]}}"),
                        "iam:users:getUser", Map.of(), Decision.NOT_ALLOWED),
                row("absent key fails a positive operator", conditioned("Allow",
                        "{\"StringEquals\":{\"g:ProjectName\":[\"p1\"]}}"), "iam:users:getUser", Map.of(),
                        Decision.NOT_ALLOWED),
                row("absent key passes IfExists", conditioned("Allow",
                        "{\"StringEqualsIfExists\":{\"g:ProjectName\":[\"p1\"]}}"), "iam:users:getUser", Map.of(),
                        Decision.ALLOW),
                row("present key still checked by IfExists", conditioned("Allow",
                        "{\"StringEqualsIfExists\":{\"g:ProjectName\":[\"p1\"]}}"), "iam:users:getUser",
                        Map.of(RequestFacts.PROJECT_NAME, "p2"), Decision.NOT_ALLOWED),
                row("conditional deny that does not hold", "[" + stmt("Allow", "\"iam:*:*\"") + ","
                        + conditionedStmt("Deny", "{\"Bool\":{\"g:MFAPresent\":[\"false\"]}}") + "]",
                        "iam:users:getUser", Map.of(RequestFacts.MFA_PRESENT, "true"), Decision.ALLOW),
                row("DateLessThan", conditioned("Allow", "{\"DateLessThan\":{\"g:CurrentTime\":[\"2031-01-01T00:00:00Z\"]}}"),
                        "iam:users:getUser", Map.of(), Decision.ALLOW),
                row("DateGreaterThan", conditioned("Allow",
                        "{\"DateGreaterThan\":{\"g:CurrentTime\":[\"2031-01-01T00:00:00Z\"]}}"), "iam:users:getUser",
                        Map.of(), Decision.NOT_ALLOWED),
                // resources: IAM takes none, so a statement limited to resources grants nothing here
                row("allow limited to resources", "[{\"Effect\":\"Allow\",\"Action\":[\"iam:*:*\"],"
                        + "\"Resource\":[\"obs:*:*:bucket:b1\"]}]", "iam:users:getUser", Map.of(), Decision.NOT_ALLOWED),
                row("allow on every resource", "[{\"Effect\":\"Allow\",\"Action\":[\"iam:*:*\"],\"Resource\":[\"*\"]}]",
                        "iam:users:getUser", Map.of(), Decision.ALLOW),
                row("deny limited to resources still denies", "[" + stmt("Allow", "\"iam:*:*\"") + ","
                        + "{\"Effect\":\"Deny\",\"Action\":[\"iam:*:*\"],\"Resource\":[\"obs:*:*:bucket:b1\"]}]",
                        "iam:users:getUser", Map.of(), Decision.DENY));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void decideWhenCaseThenExpectedDecision(String label, String statements, String action,
            Map<String, String> overrides, Decision expected) {
        PolicyDocument policy = PolicyParser.forStoredPolicies()
                .parse(JSON.readTree("{\"Version\":\"1.1\",\"Statement\":" + statements + "}"));
        Map<String, String> facts = new HashMap<>(REQUEST);
        facts.putAll(overrides);

        assertThat(PolicyEvaluator.decide(policy.statements(), action, new RequestFacts(facts))).isEqualTo(expected);
    }

    private static Arguments row(String label, String statements, String action, Map<String, String> overrides,
            Decision expected) {
        return Arguments.of(label, statements, action, overrides, expected);
    }

    private static String allow(String actions) {
        return "[" + stmt("Allow", actions) + "]";
    }

    private static String deny(String actions) {
        return "[" + stmt("Deny", actions) + "]";
    }

    private static String stmt(String effect, String actions) {
        return "{\"Effect\":\"" + effect + "\",\"Action\":[" + actions + "]}";
    }

    private static String notAction(String effect, String actions) {
        return "[" + notActionStmt(effect, actions) + "]";
    }

    private static String notActionStmt(String effect, String actions) {
        return "{\"Effect\":\"" + effect + "\",\"NotAction\":[" + actions + "]}";
    }

    private static String conditioned(String effect, String condition) {
        return "[" + conditionedStmt(effect, condition) + "]";
    }

    private static String conditionedStmt(String effect, String condition) {
        return "{\"Effect\":\"" + effect + "\",\"Action\":[\"iam:*:*\"],\"Condition\":" + condition + "}";
    }
}
