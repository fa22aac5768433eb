package io.gatehouse.access;

import io.gatehouse.common.error.IamError;
import io.gatehouse.common.web.Caller;
import io.gatehouse.common.web.RequiresAction;
import java.time.Clock;
import org.springframework.stereotype.Component;

/**
 * Decides whether a caller may perform an endpoint's declared action. The {@link RequiresAction.Allow} of
 * the endpoint says what a caller may do without a grant (act on itself, or anything once authenticated);
 * everything else is decided by the policy engine from the caller's granted policies
 * ({@link UserPermissions}, cached) and the request's condition keys ({@link RequestFacts}). Reads no database
 * once the caller's permissions are cached.
 */
@Component
public class AccessDecider {

    private final PermissionCache permissions;
    private final Clock clock;

    AccessDecider(PermissionCache permissions, Clock clock) {
        this.permissions = permissions;
        this.clock = clock;
    }

    /**
     * @param targetUserId the {@code user_id} the request names, or null when it names none
     * @throws io.gatehouse.common.error.ApiException 403 IAM.0003 naming the action, when it is not allowed
     */
    public void check(Caller caller, RequiresAction action, String targetUserId) {
        boolean self = targetUserId != null && caller.isSelf(targetUserId);
        boolean passes = switch (action.allow()) {
            case AUTHENTICATED -> true;
            case SELF -> self;
            case SELF_OR_GRANTED -> self || allows(caller, action.value());
            case GRANTED -> allows(caller, action.value());
        };
        if (!passes) {
            throw IamError.POLICY_DENIED.exception(action.value());
        }
    }

    /** Whether the caller's policies allow the action for this request: some Allow applies and no Deny does. */
    public boolean allows(Caller caller, String action) {
        if (caller.userId() == null) {
            return false;
        }
        UserPermissions granted = permissions.of(caller.userId(), caller.domainId());
        return PolicyEvaluator.decide(granted.statementsFor(action, caller.projectId()), action,
                RequestFacts.of(caller, action, clock.instant())) == Decision.ALLOW;
    }
}
