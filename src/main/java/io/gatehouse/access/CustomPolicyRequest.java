package io.gatehouse.access;

import io.gatehouse.common.error.IamError;
import java.util.Set;
import java.util.regex.Pattern;
import tools.jackson.databind.JsonNode;

/**
 * The body of a custom policy's create or update, {@code {"role": {display_name, type, description,
 * description_cn, policy}}}, read from the JSON tree so that every fault gets Huawei's own IAM.10xx code.
 */
record CustomPolicyRequest(String displayName, String type, String description, String descriptionCn,
        String policyJson, PolicyDocument policy) {

    static final Set<String> CUSTOM_TYPES = Set.of("AX", "XA");
    private static final Set<String> ALL_TYPES = Set.of("AA", "AX", "XA", "XX");
    private static final Set<String> ROLE_KEYS = Set.of("display_name", "type", "description", "description_cn",
            "policy");
    /** Letters and digits of any script, spaces inside, and {@code - _ . , ( )}. */
    private static final Pattern DISPLAY_NAME = Pattern.compile("[\\p{L}\\p{N} _.,()-]+");

    static CustomPolicyRequest read(JsonNode body, PolicyParser parser) {
        JsonNode role = body == null ? null : body.get("role");
        if (role == null || !role.isObject()) {
            throw IamError.ROLE_NOT_OBJECT.exception();
        }
        for (String key : body.propertyNames()) {
            if (!key.equals("role")) {
                throw IamError.POLICY_KEY_INVALID.exception(key);
            }
        }
        for (String key : role.propertyNames()) {
            switch (key) {
                case "catalog" -> throw IamError.CUSTOM_POLICY_CATALOG.exception();
                case "flag" -> throw IamError.CUSTOM_POLICY_FLAG.exception();
                case "name" -> throw IamError.CUSTOM_POLICY_NAME.exception();
                default -> {
                    if (!ROLE_KEYS.contains(key)) {
                        throw IamError.POLICY_KEY_INVALID.exception(key);
                    }
                }
            }
        }
        String displayName = displayName(role.get("display_name"));
        String type = type(role.get("type"));
        String description = text(role.get("description"), true, IamError.ROLE_DESCRIPTION_INVALID);
        String descriptionCn = text(role.get("description_cn"), false, IamError.ROLE_DESCRIPTION_CN_INVALID);
        JsonNode policy = role.get("policy");
        PolicyDocument document = parser.parse(policy);
        return new CustomPolicyRequest(displayName, type, description, descriptionCn, policy.toString(), document);
    }

    private static String displayName(JsonNode node) {
        if (node == null || !node.isString() || node.stringValue().isBlank()
                || !node.stringValue().strip().equals(node.stringValue())) {
            throw IamError.DISPLAY_NAME_BLANK.exception();
        }
        String name = node.stringValue();
        if (name.length() > 64) {
            throw IamError.DISPLAY_NAME_TOO_LONG.exception(name.length());
        }
        if (!DISPLAY_NAME.matcher(name).matches()) {
            throw IamError.DISPLAY_NAME_INVALID.exception();
        }
        return name;
    }

    private static String type(JsonNode node) {
        if (node == null || !node.isString() || node.stringValue().isBlank() || node.stringValue().contains(" ")) {
            throw IamError.ROLE_TYPE_BLANK.exception();
        }
        String type = node.stringValue();
        if (!ALL_TYPES.contains(type)) {
            throw IamError.ROLE_TYPE_INVALID.exception(type);
        }
        if (!CUSTOM_TYPES.contains(type)) {
            throw IamError.CUSTOM_POLICY_TYPE.exception();
        }
        return type;
    }

    private static String text(JsonNode node, boolean required, IamError invalid) {
        if (node == null) {
            if (required) {
                throw invalid.exception();
            }
            return null;
        }
        if (!node.isString() || node.stringValue().length() > 255
                || node.stringValue().chars().anyMatch(Character::isISOControl)) {
            throw invalid.exception();
        }
        return node.stringValue();
    }
}
