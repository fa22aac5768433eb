package io.gatehouse.access;

import java.util.Locale;

/**
 * Decides an action from a set of statements: any applicable Deny refuses, whatever else allows it; failing
 * that, any applicable Allow permits; failing that, the action is not allowed. A statement applies when it
 * names the action (or, with NotAction, does not name it) and all its conditions hold for the request.
 */
final class PolicyEvaluator {

    private PolicyEvaluator() {
    }

    static Decision decide(Iterable<Statement> statements, String action, RequestFacts facts) {
        String lower = action.toLowerCase(Locale.ROOT);
        boolean allowed = false;
        for (Statement statement : statements) {
            if (!statement.appliesTo(lower) || !statement.conditionsHold(facts)) {
                continue;
            }
            if (!statement.allow()) {
                return Decision.DENY;
            }
            allowed |= !statement.limitedToResources();
        }
        return allowed ? Decision.ALLOW : Decision.NOT_ALLOWED;
    }
}
