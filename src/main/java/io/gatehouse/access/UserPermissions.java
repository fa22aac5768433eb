package io.gatehouse.access;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * Every policy granted to one user, directly or through its groups, on every scope: the cached input of
 * the user's decisions. Which grants count for a decision is the scope rule:
 * <ul>
 *   <li>an action of a global service (IAM, and Gatehouse's own {@code gatehouse:} endpoints) counts the
 *       grants on the caller's account (scope {@code domain}), whatever the token's scope;</li>
 *   <li>an action of any other service counts the grants on the token's project and the grants inherited
 *       by all projects; with a domain-scoped token, the grants on the account and the inherited ones.</li>
 * </ul>
 */
final class UserPermissions {

    static final Set<String> GLOBAL_SERVICES = Set.of("iam", "gatehouse");

    record Grant(String scopeType, String scopeId, String roleId, PolicyDocument policy) {
    }

    private final String domainId;
    private final List<Grant> grants;

    /** The grants of a user of {@code domainId}, all within that account. */
    UserPermissions(String domainId, List<Grant> grants) {
        this.domainId = domainId;
        this.grants = List.copyOf(grants);
    }

    String domainId() {
        return domainId;
    }

    boolean holdsRole(String roleId) {
        return grants.stream().anyMatch(g -> g.roleId().equals(roleId));
    }

    /** The statements that decide {@code action} for a token on {@code projectId}, or on the account when null. */
    List<Statement> statementsFor(String action, String projectId) {
        int colon = action.indexOf(':');
        boolean global = colon > 0 && GLOBAL_SERVICES.contains(action.substring(0, colon).toLowerCase(Locale.ROOT));
        List<Statement> statements = new ArrayList<>();
        for (Grant grant : grants) {
            if (counts(grant, global, domainId, projectId)) {
                statements.addAll(grant.policy().statements());
            }
        }
        return statements;
    }

    private static boolean counts(Grant grant, boolean global, String domainId, String projectId) {
        return switch (grant.scopeType()) {
            case RoleAssignmentStore.DOMAIN -> grant.scopeId().equals(domainId) && (global || projectId == null);
            case RoleAssignmentStore.INHERITED -> !global && grant.scopeId().equals(domainId);
            case RoleAssignmentStore.PROJECT -> !global && grant.scopeId().equals(projectId);
            default -> false;
        };
    }

    /**
     * Whether the user is an administrator of the account: its account-level grants allow every IAM action
     * unconditionally and deny none. A Deny that might touch IAM, even under a condition, disqualifies.
     */
    boolean administers() {
        boolean allowsAll = false;
        for (Statement statement : statementsFor("iam:*:*", null)) {
            if (!statement.allow()) {
                if (statement.notAction() || statement.actions().stream().anyMatch(UserPermissions::mayTouchIam)) {
                    return false;
                }
            } else if (!statement.notAction() && statement.conditions().isEmpty() && !statement.limitedToResources()
                    && statement.actions().stream().anyMatch(UserPermissions::coversIam)) {
                allowsAll = true;
            }
        }
        return allowsAll;
    }

    /** A pattern of {@code *} wildcards that matches the text {@code iam:*:*} matches every IAM action. */
    private static boolean coversIam(String pattern) {
        return pattern.indexOf('?') < 0 && Wildcard.matches(pattern, "iam:*:*");
    }

    private static boolean mayTouchIam(String pattern) {
        int colon = pattern.indexOf(':');
        String service = colon < 0 ? pattern : pattern.substring(0, colon);
        return Wildcard.matches(service, "iam") || service.indexOf('*') >= 0 || service.indexOf('?') >= 0;
    }
}
