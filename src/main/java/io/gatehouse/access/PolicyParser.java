package io.gatehouse.access;

import io.gatehouse.common.error.IamError;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.function.Predicate;
import java.util.regex.Pattern;
import tools.jackson.databind.JsonNode;

/**
 * Reads a policy document in Huawei's fine-grained grammar and refuses anything outside it with the
 * documented IAM.10xx code: Version "1.1"; 1 to 8 statements; Effect Allow or Deny; Action or NotAction
 * (not both), at most 100 {@code service:resource:action} names with {@code *} wildcards; at most 10
 * conditions of known operators over known keys, each with 1 to 10 values; optional Resource URNs.
 */
final class PolicyParser {

    static final int MAX_POLICY_CHARACTERS = 6144;
    private static final Set<String> POLICY_KEYS = Set.of("Version", "Statement");
    private static final Set<String> STATEMENT_KEYS = Set.of("Effect", "Action", "NotAction", "Condition", "Resource");
    private static final Pattern ACTION_CHARACTERS = Pattern.compile("[A-Za-z0-9*?:_.-]+");
    private static final Pattern ACTION_SHAPE = Pattern.compile("[^:]+:[^:]+:[^:]+");
    private static final Pattern RESOURCE = Pattern.compile("[A-Za-z0-9*:/_.-]+");

    /** Whether an exact action of a service Gatehouse serves (iam, gatehouse) is one that exists. */
    private final Predicate<String> registered;

    PolicyParser(Predicate<String> registered) {
        this.registered = registered;
    }

    /** A parser for stored documents, which were validated when they were written. */
    static PolicyParser forStoredPolicies() {
        return new PolicyParser(action -> true);
    }

    PolicyDocument parse(JsonNode policy) {
        if (policy == null || !policy.isObject()) {
            throw IamError.POLICY_NOT_OBJECT.exception();
        }
        int size = policy.toString().length();
        if (size > MAX_POLICY_CHARACTERS) {
            throw IamError.POLICY_TOO_LARGE.exception(size);
        }
        for (String key : policy.propertyNames()) {
            if (key.equals("Depends")) {
                throw IamError.POLICY_DEPENDS.exception();
            }
            if (!POLICY_KEYS.contains(key)) {
                throw IamError.POLICY_KEY_INVALID.exception(key);
            }
        }
        JsonNode version = policy.get("Version");
        if (version == null || !version.isString() || !version.stringValue().equals("1.1")) {
            throw IamError.POLICY_VERSION.exception();
        }
        JsonNode statements = policy.get("Statement");
        if (statements == null || !statements.isArray()) {
            throw IamError.STATEMENT_NOT_ARRAY.exception();
        }
        if (statements.isEmpty() || statements.size() > 8) {
            throw IamError.STATEMENT_COUNT.exception(statements.size());
        }
        List<Statement> parsed = new ArrayList<>();
        for (JsonNode statement : statements.values()) {
            parsed.add(statement(statement));
        }
        return new PolicyDocument(List.copyOf(parsed));
    }

    private Statement statement(JsonNode statement) {
        if (!statement.isObject()) {
            throw IamError.STATEMENT_NOT_ARRAY.exception();
        }
        for (String key : statement.propertyNames()) {
            if (!STATEMENT_KEYS.contains(key)) {
                throw IamError.POLICY_KEY_INVALID.exception(key);
            }
        }
        JsonNode effect = statement.get("Effect");
        if (effect == null || !effect.isString()
                || !Set.of("allow", "deny").contains(effect.stringValue().toLowerCase(Locale.ROOT))) {
            throw IamError.EFFECT_INVALID.exception();
        }
        boolean allow = effect.stringValue().equalsIgnoreCase("allow");
        JsonNode action = statement.get("Action");
        JsonNode notAction = statement.get("NotAction");
        if (action != null && notAction != null) {
            throw IamError.ACTION_AND_NOT_ACTION.exception();
        }
        List<String> actions = actions(action != null ? action : notAction);
        List<Condition> conditions = conditions(statement.get("Condition"));
        return new Statement(allow, actions, notAction != null, conditions, limitedToResources(statement.get("Resource")));
    }

    private List<String> actions(JsonNode list) {
        if (list == null || !list.isArray()) {
            throw IamError.ACTION_NOT_ARRAY.exception();
        }
        if (list.size() > 100) {
            throw IamError.ACTION_COUNT.exception(list.size());
        }
        List<String> actions = new ArrayList<>();
        for (JsonNode item : list.values()) {
            if (!item.isString()) {
                throw IamError.ACTION_NOT_ARRAY.exception();
            }
            String action = item.stringValue();
            if (action.length() > 128) {
                throw IamError.ACTION_TOO_LONG.exception(action.length());
            }
            if (!ACTION_CHARACTERS.matcher(action).matches()) {
                throw IamError.ACTION_INVALID_CHARACTERS.exception(action);
            }
            if (!ACTION_SHAPE.matcher(action).matches() || !registered.test(action)) {
                throw IamError.ACTION_NOT_REGISTERED.exception(action);
            }
            actions.add(action.toLowerCase(Locale.ROOT));
        }
        return List.copyOf(actions);
    }

    private static List<Condition> conditions(JsonNode block) {
        if (block == null) {
            return List.of();
        }
        if (!block.isObject()) {
            throw IamError.CONDITION_COUNT.exception(0);
        }
        List<Condition> conditions = new ArrayList<>();
        for (Map.Entry<String, JsonNode> byOperator : block.properties()) {
            String name = byOperator.getKey();
            boolean ifExists = name.endsWith(ConditionOperator.IF_EXISTS);
            ConditionOperator operator = ConditionOperator.byWireName(
                    ifExists ? name.substring(0, name.length() - ConditionOperator.IF_EXISTS.length()) : name);
            if (operator == null) {
                throw IamError.POLICY_KEY_INVALID.exception(name);
            }
            JsonNode keys = byOperator.getValue();
            if (keys == null || !keys.isObject() || keys.isEmpty()) {
                throw IamError.CONDITION_OPERATOR_EMPTY.exception(name);
            }
            for (Map.Entry<String, JsonNode> byKey : keys.properties()) {
                conditions.add(condition(operator, name, ifExists, byKey.getKey(), byKey.getValue()));
            }
        }
        if (conditions.isEmpty() || conditions.size() > 10) {
            throw IamError.CONDITION_COUNT.exception(conditions.size());
        }
        return List.copyOf(conditions);
    }

    private static Condition condition(ConditionOperator operator, String name, boolean ifExists, String key,
            JsonNode values) {
        ConditionKeys.Type type = ConditionKeys.typeOf(key);
        if (type == null) {
            throw IamError.CONDITION_ATTRIBUTE_INVALID.exception(key);
        }
        if (values == null || !values.isArray()) {
            throw IamError.CONDITION_ATTRIBUTE_NOT_ARRAY.exception(key);
        }
        if (values.isEmpty() || values.size() > 10) {
            throw IamError.CONDITION_VALUE_COUNT.exception(values.size(), key, name);
        }
        if (!operator.fits(type)) {
            throw IamError.CONDITION_OPERATOR_MISMATCH.exception(key, name);
        }
        List<java.util.function.Predicate<String>> compiled = new ArrayList<>();
        for (JsonNode value : values.values()) {
            if (!value.isString()) {
                throw IamError.POLICY_VALUE_NOT_STRING.exception(key);
            }
            String text = value.stringValue();
            if (text.isEmpty() || text.length() > 1024) {
                throw IamError.CONDITION_VALUE_LENGTH.exception(text.length(), key, name);
            }
            try {
                compiled.add(operator.compile(text));
            } catch (IllegalArgumentException e) {
                throw IamError.CONDITION_VALUE_INVALID.exception(text, key, name);
            }
        }
        return new Condition(operator, ifExists, key.toLowerCase(Locale.ROOT), List.copyOf(compiled));
    }

    /** Whether the statement names resources, other than all of them. */
    private static boolean limitedToResources(JsonNode resource) {
        if (resource == null) {
            return false;
        }
        if (!resource.isArray()) {
            throw IamError.RESOURCE_NOT_ARRAY.exception();
        }
        if (resource.isEmpty() || resource.size() > 20) {
            throw IamError.RESOURCE_COUNT.exception(resource.size());
        }
        boolean all = false;
        for (JsonNode item : resource.values()) {
            if (!item.isString()) {
                throw IamError.POLICY_VALUE_NOT_STRING.exception("Resource");
            }
            String uri = item.stringValue();
            if (uri.isBlank() || uri.contains(" ")) {
                throw IamError.RESOURCE_BLANK.exception();
            }
            if (uri.length() > 1500) {
                throw IamError.RESOURCE_TOO_LONG.exception(uri.length());
            }
            if (!RESOURCE.matcher(uri).matches()) {
                throw IamError.RESOURCE_INVALID.exception(uri);
            }
            all |= uri.equals("*");
        }
        return !all;
    }
}
