package io.gatehouse.access;

import io.gatehouse.common.error.IamError;
import io.gatehouse.common.web.Caller;
import io.gatehouse.common.web.RequiresAction;
import org.springframework.stereotype.Component;

/**
 * Decides whether a caller may perform an endpoint's declared action. For now the rule is the
 * foundation's: an account administrator is granted every IAM action ({@code iam:}) and every Gatehouse
 * action ({@code gatehouse:}) in its own account, and the {@link RequiresAction.Allow} of the endpoint
 * says what a caller may do without a grant. The policy
 * engine replaces the grant check without touching the controllers, which only declare their actions.
 */
@Component
public class AccessDecider {

    private final AccessService access;

    AccessDecider(AccessService access) {
        this.access = access;
    }

    /**
     * @param targetUserId the {@code user_id} the request names, or null when it names none
     */
    public void check(Caller caller, RequiresAction action, String targetUserId) {
        boolean self = targetUserId != null && caller.isSelf(targetUserId);
        switch (action.allow()) {
            case AUTHENTICATED:
                return;
            case SELF:
                if (self) {
                    return;
                }
                break;
            case SELF_OR_GRANTED:
                if (self || granted(caller, action)) {
                    return;
                }
                break;
            case GRANTED:
                if (granted(caller, action)) {
                    return;
                }
                break;
            default:
                break;
        }
        throw IamError.POLICY_DENIED.exception(action.value());
    }

    private boolean granted(Caller caller, RequiresAction action) {
        return (action.value().startsWith("iam:") || action.value().startsWith("gatehouse:"))
                && access.isAdministrator(caller.userId(), caller.domainId());
    }
}
