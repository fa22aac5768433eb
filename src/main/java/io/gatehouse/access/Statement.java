package io.gatehouse.access;

import java.util.List;

/**
 * One statement of a policy. {@code actions} are lower-cased patterns, since action names are
 * case-insensitive. A statement with {@code NotAction} applies to every action its list does not match.
 *
 * <p>Gatehouse's actions are IAM's, which take no resource-level permission. A statement that names
 * resources other than {@code *} therefore never grants a Gatehouse action, but its Deny still applies:
 * an unclear statement can only take rights away.
 */
record Statement(boolean allow, List<String> actions, boolean notAction, List<Condition> conditions,
        boolean limitedToResources) {

    boolean appliesTo(String lowerCaseAction) {
        boolean listed = false;
        for (String pattern : actions) {
            if (Wildcard.matches(pattern, lowerCaseAction)) {
                listed = true;
                break;
            }
        }
        return notAction != listed;
    }

    boolean conditionsHold(RequestFacts facts) {
        for (Condition condition : conditions) {
            if (!condition.holds(facts)) {
                return false;
            }
        }
        return true;
    }
}
