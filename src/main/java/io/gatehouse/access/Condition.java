package io.gatehouse.access;

import java.util.List;
import java.util.function.Predicate;

/** One operator applied to one condition key, such as {@code "IpAddress": {"g:SourceIp": ["10.0.0.0/8"]}}. */
record Condition(ConditionOperator operator, boolean ifExists, String key, List<Predicate<String>> values) {

    boolean holds(RequestFacts facts) {
        String value = facts.get(key);
        if (value == null) {
            // A request without the key satisfies IfExists, and a negated operator (nothing there to match).
            return ifExists || operator.negated();
        }
        return operator.holds(value, values);
    }
}
